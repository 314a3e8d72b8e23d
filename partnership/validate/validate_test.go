package validate_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// exampleFiles returns the valid example definitions of the repository.
func exampleFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	entries, err := os.ReadDir("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && partnership.IsDefinitionFile(e.Name()) {
			files = append(files, filepath.Join("../../examples", e.Name()))
		}
	}
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	return files
}

// scalarToken returns the byte range of the scalar written at pos in src, when it is written on
// one line (plain or quoted), so that it can be replaced by something else.
func scalarToken(src []byte, pos partnership.Pos, value any) (start, end int, ok bool) {
	lines := strings.SplitAfter(string(src), "\n")
	if pos.Line < 1 || pos.Line > len(lines) {
		return 0, 0, false
	}
	offset := 0
	for _, l := range lines[:pos.Line-1] {
		offset += len(l)
	}
	line := lines[pos.Line-1]
	col := 0
	for i := range line {
		if col == pos.Column-1 {
			start = offset + i
			break
		}
		col++
	}
	rest := string(src[start : offset+len(line)])
	switch {
	case strings.HasPrefix(rest, `"`):
		for i := 1; i < len(rest); i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				return start, start + i + 1, true
			}
		}
	case strings.HasPrefix(rest, `'`):
		for i := 1; i < len(rest); i++ {
			if rest[i] == '\'' {
				if i+1 < len(rest) && rest[i+1] == '\'' {
					i++
					continue
				}
				return start, start + i + 1, true
			}
		}
	default:
		text := fmt.Sprint(value)
		if value == nil || strings.HasPrefix(rest, ">") || strings.HasPrefix(rest, "|") || !strings.HasPrefix(rest, text) {
			return 0, 0, false // a block or multi-line scalar, or a number written differently
		}
		return start, start + len(text), true
	}
	return 0, 0, false
}

// TestPlantedTypeErrorIsReportedWhereItIs replaces, one at a time, every one-line value of every
// example by a list, which no value of the schema accepts, and checks that an error is reported
// at that value's own line and column and JSON pointer.
func TestPlantedTypeErrorIsReportedWhereItIs(t *testing.T) {
	for _, file := range exampleFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc, diags := partnership.Load(file, src, partnership.DefaultLimits)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			pointers := make([]string, 0, len(doc.Spans))
			for p := range doc.Spans {
				pointers = append(pointers, p)
			}
			slices.Sort(pointers)
			planted := 0
			for _, pointer := range pointers {
				value := valueAt(doc.Value, pointer)
				switch value.(type) {
				case map[string]any, []any:
					continue
				}
				pos := doc.Spans[pointer].Value
				start, end, ok := scalarToken(src, pos, value)
				if !ok {
					continue
				}
				broken := slices.Concat(src[:start], []byte("[1]"), src[end:])
				bdoc, bdiags := partnership.Load(file, broken, partnership.DefaultLimits)
				if bdoc == nil {
					t.Errorf("%s at %d:%d: planting a list broke the syntax: %v", pointer, pos.Line, pos.Column, bdiags)
					continue
				}
				got := validate.Validate(bdoc, nil)
				found := slices.ContainsFunc(got, func(d partnership.Diagnostic) bool {
					return d.Line == pos.Line && d.Column == pos.Column && d.Pointer == pointer && d.Severity == partnership.Error
				})
				if !found {
					t.Errorf("a list planted at %s (%d:%d) is not reported there; got:\n%v", pointer, pos.Line, pos.Column, got)
				}
				planted++
			}
			t.Logf("%d values replaced", planted)
			if planted < 20 {
				t.Errorf("only %d values could be replaced; the test is not exercising the file", planted)
			}
		})
	}
}

func valueAt(v any, pointer string) any {
	if pointer == "" {
		return v
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		switch x := v.(type) {
		case map[string]any:
			v = x[partnership.UnescapePointerToken(tok)]
		case []any:
			var i int
			fmt.Sscan(tok, &i)
			v = x[i]
		}
	}
	return v
}

// TestEveryRuleStaysQuietOnTheExamples guards against rules that fire on valid documents: the
// examples are realistic, and a rule that rejects one of them is wrong.
func TestExamplesHaveNoDiagnostics(t *testing.T) {
	for _, file := range exampleFiles(t) {
		_, diags, err := validate.File(file, partnership.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if len(diags) > 0 {
			t.Errorf("%s:\n%v", file, diags)
		}
	}
}

// FuzzLoadValidate checks that no input makes loading and validation panic or hang, and that
// every diagnostic points at a real position.
func FuzzLoadValidate(f *testing.F) {
	for _, file := range exampleFiles(f) {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(filepath.Base(file), src)
	}
	f.Add("x.yaml", []byte("a: &a [*a]\n"))
	f.Add("x.json", []byte(`{"kind": "call", "call": {"criteria": [{"weight": 1e400}]}}`))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		doc, diags := partnership.Load(name, data, partnership.DefaultLimits)
		if doc != nil {
			diags = append(diags, validate.Validate(doc, nil)...)
			if _, err := json.Marshal(doc.Value); err != nil {
				t.Fatalf("the value tree is not JSON: %v", err)
			}
		} else if !diags.HasErrors() {
			t.Fatal("no document and no error")
		}
		for _, d := range diags {
			if d.Line < 1 || d.Column < 1 || d.Message == "" || !utf8.ValidString(d.Message) {
				t.Fatalf("diagnostic without a position or message: %+v", d)
			}
		}
	})
}
