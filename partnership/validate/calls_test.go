package validate

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

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
