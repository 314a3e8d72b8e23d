package partnership_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
)

// decodeStd decodes data as encoding/json does with UseNumber.
func decodeStd(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// dropKeys removes, in place, every member whose key starts with prefix, at every depth.
func dropKeys(v any, prefix string) any {
	switch v := v.(type) {
	case map[string]any:
		for k, sub := range v {
			if strings.HasPrefix(k, prefix) {
				delete(v, k)
				continue
			}
			dropKeys(sub, prefix)
		}
	case []any:
		for _, sub := range v {
			dropKeys(sub, prefix)
		}
	}
	return v
}

// TestDecodeJSON checks that DecodeJSON gives the values encoding/json gives, and that a filter
// leaves out exactly the values it names.
func TestDecodeJSON(t *testing.T) {
	// dropX leaves out the members whose key starts with "x", and the first element of lists.
	var dropX partnership.JSONFilter
	dropX = func(key string, index int) (bool, partnership.JSONFilter) {
		return !strings.HasPrefix(key, "x") && index != 0, dropX
	}
	tests := []struct {
		name, data string
	}{
		{"the embedded schema", string(schema.JSON)},
		{"scalars", `[1, -2.5e3, "a\"b\\u00e9\n", true, false, null, {}, []]`},
		{"nested", ` {"a": {"xb": [1, {"c": "d"}], "e": [[], [{}]]}, "xf": "g", "": 0} `},
		{"duplicate keys", `{"a": 1, "a": {"b": 2}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := partnership.DecodeJSON([]byte(tt.data), nil)
			if err != nil {
				t.Fatal(err)
			}
			if want := decodeStd(t, []byte(tt.data)); !reflect.DeepEqual(got, want) {
				t.Errorf("without a filter:\ngot  %#v\nwant %#v", got, want)
			}
			got, err = partnership.DecodeJSON([]byte(tt.data), dropX)
			if err != nil {
				t.Fatal(err)
			}
			want := dropFirst(dropKeys(decodeStd(t, []byte(tt.data)), "x"))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("with a filter:\ngot  %#v\nwant %#v", got, want)
			}
		})
	}
}

// dropFirst removes the first element of every list, at every depth.
func dropFirst(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, sub := range v {
			v[k] = dropFirst(sub)
		}
	case []any:
		out := []any{}
		for i, sub := range v {
			if i > 0 {
				out = append(out, dropFirst(sub))
			}
		}
		return out
	}
	return v
}
