package render_test

import (
	"path/filepath"
	"testing"

	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/templates"
)

// BenchmarkRender measures rendering each example to Markdown with a warm renderer, as a batch
// or an editor's preview does.
func BenchmarkRender(b *testing.B) {
	r, err := render.New()
	if err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	for _, file := range examples(t) {
		doc := load(t, file)
		b.Run(filepath.Base(file), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRenderCold measures what a process that renders one document pays for the clause
// library: reading it, then rendering with a renderer that has parsed no clause yet.
func BenchmarkRenderCold(b *testing.B) {
	t := &testing.T{}
	doc := load(t, filepath.Join("..", "..", "examples", "water-board.yaml"))
	b.ReportAllocs()
	for b.Loop() {
		lib, err := render.LoadLibrary(templates.FS, "templates")
		if err != nil {
			b.Fatal(err)
		}
		r, err := render.New(render.WithLibrary(lib))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Render(doc); err != nil {
			b.Fatal(err)
		}
	}
}
