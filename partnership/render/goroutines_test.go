package render_test

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/templates"
)

// TestRenderLeavesNoGoroutine renders, several at once with one renderer and another processor
// helping each render, in every way a render can end: it succeeds, a clause cannot be parsed, a
// clause fails as it runs, the context is cancelled before or while it renders. Once the renders
// have returned, the goroutines that helped them must be gone.
func TestRenderLeavesNoGoroutine(t *testing.T) {
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	procs := runtime.GOMAXPROCS(0)
	runtime.GOMAXPROCS(max(procs, 2))
	defer runtime.GOMAXPROCS(procs)
	tests := []struct {
		name string
		// object replaces the convention's object clause when it is not empty.
		object string
		// cancel is when the context is cancelled: never (-1), before the render (0), or after
		// a delay that grows with each render.
		cancel time.Duration
		// want is what the error says; "" for no error, "canceled" for either outcome.
		want string
	}{
		{name: "succeeds", cancel: -1},
		{name: "a clause cannot be parsed", object: "{{if}}\n", cancel: -1, want: "object.md"},
		{name: "a clause fails as it runs", object: "{{.NoSuchField}}\n", cancel: -1, want: "object.md"},
		{name: "cancelled before", cancel: 0, want: "context canceled"},
		{name: "cancelled while it renders", cancel: 300 * time.Microsecond, want: "canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []render.Option
			if tt.object != "" {
				opts = append(opts, render.WithHouseClauses(houseDir(t, map[string]string{"object.md": tt.object})))
			}
			r, err := render.New(opts...)
			if err != nil {
				t.Fatal(err)
			}
			before := runtime.NumGoroutine()
			errs := make([]error, 8)
			var wg sync.WaitGroup
			for i := range errs {
				wg.Go(func() {
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					switch {
					case tt.cancel == 0:
						cancel()
					case tt.cancel > 0:
						timer := time.AfterFunc(time.Duration(i)*tt.cancel, cancel)
						defer timer.Stop()
					}
					_, errs[i] = r.RenderContext(ctx, doc)
				})
			}
			wg.Wait()
			for i, err := range errs {
				switch {
				case tt.want == "canceled":
					if err != nil && !errors.Is(err, context.Canceled) {
						t.Errorf("render %d: %v, want no error or a cancellation", i, err)
					}
				case tt.want == "":
					if err != nil {
						t.Errorf("render %d: %v", i, err)
					}
				case err == nil || !strings.Contains(err.Error(), tt.want):
					t.Errorf("render %d: error %v, want one about %s", i, err, tt.want)
				}
			}
			// A helper may still be finishing the clause it was preparing: it has a moment.
			for wait := time.Millisecond; runtime.NumGoroutine() > before && wait < 4*time.Second; wait *= 2 {
				time.Sleep(wait)
			}
			if n := runtime.NumGoroutine(); n > before {
				stacks := make([]byte, 1<<20)
				t.Fatalf("%d goroutines after the renders, %d before:\n%s", n, before, stacks[:runtime.Stack(stacks, true)])
			}
		})
	}
}

// TestRenderReportsUnreadableLabels renders with a library whose French labels are not YAML, on
// one processor and then with another helping: the render fails with the same error both times,
// instead of the helping goroutine bringing the program down.
func TestRenderReportsUnreadableLabels(t *testing.T) {
	base := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(templates.FS, p)
		base[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Not a house override, whose labels are read as the library loads: this one must load.
	base["common/fr/labels.yaml"] = &fstest.MapFile{Data: []byte("kind: [unterminated\n")}
	lib, err := render.LoadLibrary(base, "house")
	if err != nil {
		t.Fatal(err)
	}
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	procs := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(procs)
	var errs []string
	for _, n := range []int{1, max(procs, 2)} {
		runtime.GOMAXPROCS(n)
		r, err := render.New(render.WithLibrary(lib))
		if err != nil {
			t.Fatal(err)
		}
		_, err = r.Render(doc)
		if err == nil || !strings.Contains(err.Error(), "read labels fr") {
			t.Fatalf("on %d processors: error %v, want one about the labels", n, err)
		}
		errs = append(errs, err.Error())
	}
	if errs[0] != errs[1] {
		t.Errorf("on one processor: %s\nwith help: %s", errs[0], errs[1])
	}
}
