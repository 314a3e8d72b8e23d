package render_test

import (
	"bytes"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commons-toolkit/commons/partnership/render"
)

// TestRenderReportsTheFirstFailingClause gives a convention a clause that cannot be parsed and
// one that fails as it runs, one early in the document and the other late: whatever is
// prepared ahead of the execution, the render reports the clause that comes first, every time.
func TestRenderReportsTheFirstFailingClause(t *testing.T) {
	const broken, failing = "{{if}}\n", "{{.NoSuchField}}\n"
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	tests := []struct {
		name, object, documents, want string
	}{
		{"execution error first", failing, broken, "object.md"},
		{"parse error first", broken, failing, "object.md"},
		{"parse error last", "", broken, "documents.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"object.md": tt.object, "documents.md": tt.documents}
			for name, text := range files {
				if text == "" {
					delete(files, name)
				}
			}
			dir := houseDir(t, files)
			for range 20 {
				r, err := render.New(render.WithHouseClauses(dir))
				if err != nil {
					t.Fatal(err)
				}
				_, err = r.Render(doc)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v; want one about %s", err, tt.want)
				}
			}
		})
	}
}

// TestRenderIsRepeatable renders the largest example on one processor, the way a render goes
// clause by clause, then with fresh renderers, several at once, each helped by another
// processor: every render gives the same Markdown, warnings and explanation. The time limit is
// out of reach, so that a busy machine cannot stop a render.
func TestRenderIsRepeatable(t *testing.T) {
	doc := load(t, filepath.Join(examplesDir, "pacte-tiers-lieu-la-fabrique.yaml"))
	limits := render.TemplateLimits{Time: time.Hour, Output: render.DefaultTemplateLimits.Output}
	renderOnce := func() []byte {
		r, err := render.New(render.WithTemplateLimits(limits))
		if err != nil {
			t.Error(err)
			return nil
		}
		out, err := r.Render(doc)
		if err != nil {
			t.Error(err)
			return nil
		}
		var b bytes.Buffer
		b.Write(out.Markdown)
		for _, d := range out.Diagnostics {
			b.WriteString(d.String() + "\n")
		}
		if err := render.Explain(doc, out).WriteText(&b); err != nil {
			t.Error(err)
		}
		return b.Bytes()
	}
	procs := runtime.GOMAXPROCS(1)
	want := renderOnce()
	runtime.GOMAXPROCS(max(procs, 2))
	defer runtime.GOMAXPROCS(procs)
	outputs := make([][]byte, 6)
	var wg sync.WaitGroup
	for i := range outputs {
		wg.Go(func() { outputs[i] = renderOnce() })
	}
	wg.Wait()
	for i, out := range outputs {
		if !bytes.Equal(out, want) {
			t.Errorf("render %d differs from the render on one processor", i)
		}
	}
}
