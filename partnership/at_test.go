package partnership

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestAtResolvesAsProperty checks that At, which follows references without copying the nodes
// on the way, gives for every value of every example, and for pointers outside the schema, the
// node a walk by Resolved and Property gives.
func TestAtResolvesAsProperty(t *testing.T) {
	m := Schema()
	byProperty := func(pointer string) *SchemaNode {
		s := m.Root
		if pointer == "" {
			return s
		}
		for _, tok := range strings.Split(pointer[1:], "/") {
			if s = s.Resolved(); s == nil {
				return nil
			}
			if s.Type == "array" {
				s = s.Items
				continue
			}
			s = s.Property(UnescapePointerToken(tok))
		}
		return s.Resolved()
	}
	pointers := []string{"", "/", "/nothing", "/parties/0/nothing/deeper", "/parties/x", "/commons/a~1b", "/governance/colleges/3/seats"}
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.yaml"))
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	for _, f := range files {
		data, _ := os.ReadFile(f)
		doc, _ := Load(f, data, DefaultLimits)
		if doc == nil {
			t.Fatalf("%s does not load", f)
		}
		for p := range doc.Spans {
			pointers = append(pointers, p)
		}
	}
	for _, p := range pointers {
		if got, want := m.At(p), byProperty(p); !reflect.DeepEqual(got, want) {
			t.Errorf("At(%q) = %+v, want %+v", p, got, want)
		}
	}
}
