package serve

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"go.yaml.in/yaml/v3"
)

// editBase is a definition the fuzzer edits, with the places its ops may name.
type editBase struct {
	name   string
	src    []byte
	format partnership.Format
	// nodes are the values of the file in document order, with their pointers.
	nodes []editNode
}

type editNode struct {
	pointer string
	node    *yaml.Node
	// last is the last line of the value in the file: the line before the next value, less the
	// blank lines and comments in between.
	last int
}

// editBases reads the examples and the starters of every kind in both languages.
func editBases(tb testing.TB) []editBase {
	tb.Helper()
	var bases []editBase
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	json, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.json"))
	for _, f := range append(files, json...) {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		bases = append(bases, newEditBase(tb, filepath.Base(f), data))
	}
	for _, k := range partnership.Kinds {
		for _, lang := range []string{"fr", "en"} {
			bases = append(bases, newEditBase(tb, "init-"+string(k)+"-"+lang+".yaml", partnership.Scaffold(k, lang)))
		}
	}
	return bases
}

func newEditBase(tb testing.TB, name string, src []byte) editBase {
	b := editBase{name: name, src: src, format: formatOf(name)}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) != 1 {
		tb.Fatalf("%s: %v", name, err)
	}
	var walk func(n *yaml.Node, p string)
	walk = func(n *yaml.Node, p string) {
		b.nodes = append(b.nodes, editNode{pointer: p, node: n})
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], p+"/"+partnership.EscapePointerToken(n.Content[i].Value))
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, p+"/"+strconv.Itoa(i))
			}
		}
	}
	walk(doc.Content[0], "")
	lines := splitLines(src)
	for i := range b.nodes {
		next := len(lines) + 1
		for _, m := range b.nodes[i+1:] {
			if m.node.Line > b.nodes[i].node.Line {
				next = m.node.Line
				break
			}
		}
		// The key of the next value stands on its line too; comments and blank lines before it
		// belong to it.
		last := next - 1
		for last > b.nodes[i].node.Line {
			if t := strings.TrimSpace(lines[last-1]); t != "" && !strings.HasPrefix(t, "#") && t != "-" {
				break
			}
			last--
		}
		b.nodes[i].last = last
	}
	return b
}

// FuzzEdit applies random ops to the examples and the starters: Edit never panics, what it
// returns parses, and a text set in place of an existing value changes the lines of that value
// and no other.
func FuzzEdit(f *testing.F) {
	bases := editBases(f)
	for i := range bases {
		f.Add(uint8(i), uint8(0), uint16(3), uint16(0), "Les Amis du Jardin")
		f.Add(uint8(i), uint8(1), uint16(5), uint16(1), `{"fr": "Jardin", "en": "Garden"}`)
		f.Add(uint8(i), uint8(2), uint16(7), uint16(0), "")
		f.Add(uint8(i), uint8(3), uint16(2), uint16(1), "")
	}
	f.Add(uint8(0), uint8(0), uint16(11), uint16(0), "première ligne\n\n\nseconde: ligne  ")
	f.Add(uint8(1), uint8(0), uint16(20), uint16(0), "# pas un commentaire")
	f.Fuzz(func(t *testing.T, which, kind uint8, at, other uint16, value string) {
		b := bases[int(which)%len(bases)]
		target := b.nodes[int(at)%len(b.nodes)]
		var op Op
		switch kind % 4 {
		case 0:
			op = Op{Op: "set", Path: target.pointer, Value: raw(value)}
		case 1:
			v := json.RawMessage(value)
			if !json.Valid(v) {
				v = raw(value)
			}
			op = Op{Op: "set", Path: target.pointer, Value: v}
			switch target.node.Kind {
			case yaml.SequenceNode:
				op.Path += "/-"
			case yaml.MappingNode:
				// A key the schema knows there, present or not.
				if s := partnership.Schema().At(target.pointer); s != nil {
					if names := s.PropertyNames(); len(names) > 0 {
						op.Path += "/" + partnership.EscapePointerToken(names[int(other)%len(names)])
					}
				}
			}
		case 2:
			op = Op{Op: "remove", Path: target.pointer}
		case 3:
			op = Op{Op: "move", From: target.pointer, Path: target.pointer}
			if i := strings.LastIndexByte(target.pointer, '/'); i >= 0 {
				op.Path = target.pointer[:i+1] + strconv.Itoa(int(other)%8)
			}
		}
		got, err := Edit(b.src, b.format, []Op{op})
		if err != nil {
			return // an op that does not apply is refused, with an error
		}
		var v any
		if err := yaml.Unmarshal(got, &v); err != nil {
			t.Fatalf("%s: %+v gives a file that does not parse: %v\n%s", b.name, op, err, got)
		}
		if b.format == partnership.FormatJSON && !json.Valid(got) {
			t.Fatalf("%s: %+v gives a JSON file that is not JSON:\n%s", b.name, op, got)
		}
		if kind%4 != 0 || target.node.Kind != yaml.ScalarNode || target.pointer == "" {
			return
		}
		// The new text is there (as JSON carries it: invalid UTF-8 replaced), and the lines around
		// the old value are as they were.
		var sent string
		json.Unmarshal(op.Value, &sent)
		if x, ok := valueAt(v, target.pointer); !ok || !reflect.DeepEqual(x, sent) {
			t.Fatalf("%s: set %s to %q; the file now holds %#v", b.name, target.pointer, sent, x)
		}
		before, lines := splitLines(b.src), splitLines(got)
		first, last := target.node.Line, target.last
		tail := len(before) - last
		if len(lines) < first-1+tail ||
			strings.Join(before[:first-1], "") != strings.Join(lines[:first-1], "") ||
			strings.Join(before[last:], "") != strings.Join(lines[len(lines)-tail:], "") {
			t.Fatalf("%s: set %s (lines %d-%d) to %q changed other lines:\n%s", b.name, target.pointer, first, last, value,
				strings.Join(changedLines(b.src, got), "\n"))
		}
	})
}

// valueAt finds the value at a JSON pointer in decoded YAML.
func valueAt(v any, pointer string) (any, bool) {
	toks, err := splitPointer(pointer)
	if err != nil {
		return nil, false
	}
	for _, tok := range toks {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[tok]; !ok {
				return nil, false
			}
		case []any:
			i, err := index(tok, len(x))
			if err != nil {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}
