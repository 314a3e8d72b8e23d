package validate

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
	"github.com/xeipuuv/gojsonschema"
)

// TestPreparedSchemaFresh checks that the prepared schema compileSchema compiles is the one
// prepareSchema makes of the embedded schema now, and writes it again under UPDATE_GOLDEN=1.
func TestPreparedSchemaFresh(t *testing.T) {
	v, err := prepareSchema()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.WriteFile("prepared.schema.json", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(b.Bytes(), preparedJSON) {
		t.Fatal("prepared.schema.json does not follow schema/partnership.schema.json: run UPDATE_GOLDEN=1 go test ./partnership/validate/")
	}
	read, err := partnership.DecodeJSON(preparedJSON, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read, v) {
		t.Fatal("prepared.schema.json does not read as the schema it was written from")
	}
}

// TestCompiledSchemaAsWritten checks the schema compileSchema prepares (without annotations,
// with its definitions moved and its patterns shared) against the schema as it is written: every
// example and invalid example, and each example with every string, every number or every value
// replaced by something wrong, give the same diagnostics with both.
func TestCompiledSchemaAsWritten(t *testing.T) {
	written, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(schema.JSON))
	if err != nil {
		t.Fatal(err)
	}
	prepared, err := compileSchema()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	invalid, _ := filepath.Glob(filepath.Join("..", "..", "examples", "invalid", "*.yaml"))
	if len(files) == 0 || len(invalid) == 0 {
		t.Fatal("no examples")
	}
	// Each mutation replaces the values it says so of; "as written" replaces none.
	mutations := map[string]func(any) (any, bool){
		"as written": func(any) (any, bool) { return nil, false },
		"strings wrong": func(x any) (any, bool) {
			s, ok := x.(string)
			return "!! " + s + " ??", ok
		},
		"strings empty": func(x any) (any, bool) {
			_, ok := x.(string)
			return "", ok
		},
		"numbers negative": func(x any) (any, bool) {
			_, ok := x.(json.Number)
			return json.Number("-1.005"), ok
		},
		"numbers as text": func(x any) (any, bool) {
			n, ok := x.(json.Number)
			return string(n), ok
		},
		"lists emptied": func(x any) (any, bool) {
			_, ok := x.([]any)
			return []any{}, ok
		},
	}
	broken := map[string]int{}
	for _, f := range append(files, invalid...) {
		doc, _, err := partnership.LoadFile(f, partnership.DefaultLimits)
		if err != nil || doc == nil {
			continue // files that do not load are not validated against the schema
		}
		for name, mutate := range mutations {
			t.Run(filepath.Base(f)+"/"+name, func(t *testing.T) {
				d := *doc
				d.Value = replace(doc.Value, mutate)
				want, got := checkSchemaWith(&d, written).Sorted(), checkSchemaWith(&d, prepared).Sorted()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("prepared schema:\n%v\nschema as written:\n%v", got, want)
				}
				if len(want) > 0 {
					broken[name]++
				}
			})
		}
	}
	for name := range mutations {
		if name != "as written" && broken[name] < len(files)/2 {
			t.Errorf("%q breaks %d definitions of %d: the test checks little", name, broken[name], len(files))
		}
	}
}

// replace returns a copy of a value tree where every value for which f says so is replaced by
// what f returns.
func replace(v any, f func(any) (any, bool)) any {
	if r, ok := f(v); ok {
		return r
	}
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = replace(x, f)
		}
		return m
	case []any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = replace(x, f)
		}
		return s
	}
	return v
}
