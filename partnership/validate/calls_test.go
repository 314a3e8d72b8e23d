package validate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"weak"

	"github.com/commons-toolkit/commons/partnership"
)

// TestCallsLoadOnce validates every example and every invalid example with a Calls shared by
// all of them, in parallel, and each on its own: the diagnostics are the same, and the
// applications that name the same call share one loaded call.
func TestCallsLoadOnce(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	files, _ := filepath.Glob("examples/*.yaml")
	invalid, _ := filepath.Glob("examples/invalid/*.yaml")
	files = append(files, invalid...)
	calls := &Calls{}
	shared := make([]*partnership.Document, len(files))
	sharedDiags := make([]partnership.Diagnostics, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() {
			var err error
			shared[i], sharedDiags[i], err = FileWith(f, Options{Limits: partnership.DefaultLimits, Calls: calls})
			if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	byCall := map[string]*partnership.Document{}
	applications := 0
	for i, f := range files {
		_, alone, err := File(f, partnership.DefaultLimits)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(alone, sharedDiags[i]) {
			t.Errorf("%s: with the calls shared:\n%v\nalone:\n%v", f, sharedDiags[i], alone)
		}
		doc := shared[i]
		if doc == nil || doc.Call == nil {
			continue
		}
		applications++
		file := doc.Definition.Application.Call.File
		if seen, ok := byCall[file]; ok && seen != doc.Call {
			t.Errorf("%s: the call %s is loaded again", f, file)
		}
		byCall[file] = doc.Call
	}
	if applications < 4 || len(byCall) < 2 {
		t.Errorf("%d applications to %d calls: the examples no longer test sharing", applications, len(byCall))
	}
}

// TestCallsChanged checks that a call whose file changes between two applications is loaded
// again.
func TestCallsChanged(t *testing.T) {
	dir := t.TempDir()
	call, err := os.ReadFile(filepath.Join("..", "..", "examples", "appel-a-communs-2026.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	app, err := os.ReadFile(filepath.Join("..", "..", "examples", "candidature-cartocommuns.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("appel-a-communs-2026.yaml", call)
	first := write("a.yaml", app)
	second := write("b.yaml", app)
	opts := Options{Limits: partnership.DefaultLimits, CallRoots: []string{dir}, Calls: &Calls{}}
	check := func(file string) *partnership.Document {
		t.Helper()
		doc, diags, err := FileWith(file, opts)
		if err != nil || diags.HasErrors() || doc.Call == nil {
			t.Fatalf("%s: %v %v", file, err, diags)
		}
		return doc
	}
	a, b := check(first), check(second)
	if a.Call != b.Call {
		t.Error("the same call is loaded twice")
	}
	write("appel-a-communs-2026.yaml", []byte(strings.Replace(string(call), "\ntitle:", "\n# changed\ntitle:", 1)))
	if c := check(second); c.Call == a.Call {
		t.Error("a call whose file changed is not loaded again")
	}
}

// TestCallsEviction asks a Calls for one call more than it keeps: the oldest is forgotten, its
// place in the cache freed (no slice of the cache still holds it), and asked for again it is
// loaded again, with the same diagnostics as a call loaded on its own, then kept.
func TestCallsEviction(t *testing.T) {
	call, err := os.ReadFile(filepath.Join("..", "..", "examples", "appel-a-communs-2026.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// A call that is valid but warned about, so that both kinds of diagnostics are compared.
	call = []byte(strings.Replace(string(call), "\ntitle:", "\nnot_a_key: 1\ntitle:", 1))
	for _, tt := range []struct {
		name string
		file func(i int) string
	}{
		{"one file changing", func(int) string { return "appel.yaml" }},
		{"many files", func(i int) string { return fmt.Sprintf("appel-%d.yaml", i) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs := &Calls{}
			version := func(i int) []byte { return fmt.Appendf(bytes.Clone(call), "# version %d\n", i) }
			first, firstLoad, firstChecks := cs.load(tt.file(0), version(0), partnership.DefaultLimits)
			evicted, key := weak.Make(cs.order[0]), cs.order[0].key
			for i := 1; i <= maxCalls; i++ {
				cs.load(tt.file(i), version(i), partnership.DefaultLimits)
			}
			kept := 0
			for _, ls := range cs.calls {
				kept += len(ls)
			}
			if len(cs.order) != maxCalls || kept != maxCalls {
				t.Fatalf("%d calls in order and %d in the cache, want %d", len(cs.order), kept, maxCalls)
			}
			if _, ok := cs.calls[key]; ok && tt.file(0) != tt.file(1) {
				t.Error("the name of the forgotten call is still a key of the cache")
			}
			// Nothing the cache holds, not even the array behind one of its slices, still
			// reaches the forgotten call.
			runtime.GC()
			if evicted.Value() != nil {
				t.Error("the forgotten call is still reachable from the cache")
			}

			again, load, checks := cs.load(tt.file(0), version(0), partnership.DefaultLimits)
			if again == first {
				t.Fatal("the forgotten call is not loaded again")
			}
			alone, aloneLoad := partnership.Load(tt.file(0), version(0), partnership.DefaultLimits)
			if !reflect.DeepEqual(again.Value, alone.Value) || !reflect.DeepEqual(again.Definition, alone.Definition) {
				t.Error("the call loaded again differs from the call loaded alone")
			}
			if !reflect.DeepEqual(load, aloneLoad) || !reflect.DeepEqual(load, firstLoad) || !reflect.DeepEqual(checks, Validate(alone, nil)) || !reflect.DeepEqual(checks, firstChecks) {
				t.Errorf("diagnostics of the call loaded again:\n%v\n%v\nloaded alone:\n%v\n%v", load, checks, aloneLoad, Validate(alone, nil))
			}
			if len(load)+len(checks) == 0 {
				t.Error("the call has no diagnostics to compare")
			}
			if len(cs.order) != maxCalls || cs.order[maxCalls-1].doc != again {
				t.Error("the call loaded again is not kept as the newest")
			}
			if kept, _, _ := cs.load(tt.file(0), version(0), partnership.DefaultLimits); kept != again {
				t.Error("the call loaded again is not kept")
			}
		})
	}
}
