package partnership

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestDecodeTreeAsJSON decodes the value tree of every example, and thousands of trees made from
// them by putting values of every type in their places, keys in other letter cases and lists of
// other lengths, and checks that decodeTree fills a Definition exactly as encoding/json does
// from the tree's JSON.
func TestDecodeTreeAsJSON(t *testing.T) {
	if definitionPlan() == nil {
		t.Fatal("decodeTree cannot fill a Definition: every definition is decoded through JSON")
	}
	var trees []any
	for _, pattern := range []string{"*.yaml", "*.json", "invalid/*.yaml", "invalid/*.json"} {
		files, _ := filepath.Glob(filepath.Join("..", "examples", pattern))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc := &Document{File: f, Spans: map[string]Span{}}
			b := &treeBuilder{doc: doc, limits: DefaultLimits}
			var v any
			if detectFormat(f, data) == FormatJSON {
				v, _ = b.parseJSON(data)
			} else {
				v, _ = b.parseYAML(data)
			}
			if v != nil {
				trees = append(trees, v)
			}
		}
	}
	if len(trees) < 10 {
		t.Fatalf("only %d examples found", len(trees))
	}
	for _, v := range trees {
		var def Definition
		if !decodeTree(v, &def) {
			t.Fatalf("decodeTree refused an example: %.200v", v)
		}
		sameAsJSON(t, v)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		v := mutate(r, clone(trees[i%len(trees)]), 1+r.IntN(6))
		sameAsJSON(t, v)
	}
}

// sameAsJSON fails the test when decodeDefinition and decodeDefinitionJSON fill different
// Definitions from v.
func sameAsJSON(t *testing.T, v any) {
	t.Helper()
	got, want := decodeDefinition(v), decodeDefinitionJSON(v)
	if !reflect.DeepEqual(got, want) {
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(want)
		t.Fatalf("decodeTree differs from encoding/json:\ntree %.400v\ngot  %.600s\nwant %.600s", v, g, w)
	}
}

// oddValues are values of every type a tree holds, and a few it does not, that no field of a
// Definition expects all of.
var oddValues = []any{
	nil, true, false, "", "text", "a\xffb", json.Number("0"), json.Number("-12"), json.Number("1.5"),
	json.Number("1e3"), json.Number("2E-2"), json.Number("1e400"), json.Number("9223372036854775808"),
	json.Number("1_000"), []any{}, []any{nil}, []any{"x", json.Number("2"), true},
	[]any{map[string]any{"id": "p", "name": json.Number("3")}}, map[string]any{},
	map[string]any{"id": "x", "Name": "y", "unknown": []any{"z"}}, 7,
}

// odd returns a copy of one of oddValues.
func odd(r *rand.Rand) any { return clone(oddValues[r.IntN(len(oddValues))]) }

// mutate changes n places of the tree v: a value replaced by an odd one, a key doubled in
// another letter case, a list shortened or lengthened.
func mutate(r *rand.Rand, v any, n int) any {
	for range n {
		v = mutateOne(r, v)
	}
	return v
}

func mutateOne(r *rand.Rand, v any) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if len(keys) == 0 || r.IntN(8) == 0 {
			return odd(r)
		}
		k := keys[r.IntN(len(keys))]
		switch r.IntN(6) {
		case 0:
			x[strings.ToUpper(k[:1])+k[1:]] = odd(r)
		case 1:
			x[strings.ToUpper(k)] = x[k]
		case 2:
			// The Kelvin sign folds to k, the long s to s, as encoding/json folds them.
			x[strings.NewReplacer("k", "\u212a", "s", "\u017f").Replace(k)] = clone(x[k])
		default:
			x[k] = mutateOne(r, x[k])
		}
		return x
	case []any:
		if len(x) == 0 || r.IntN(6) == 0 {
			if r.IntN(2) == 0 && len(x) > 0 {
				return x[:r.IntN(len(x))]
			}
			return append(x, odd(r))
		}
		i := r.IntN(len(x))
		x[i] = mutateOne(r, x[i])
		return x
	}
	return odd(r)
}

// clone copies a value tree, so that mutating the copy leaves the original alone.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = clone(e)
		}
		return s
	}
	return v
}
