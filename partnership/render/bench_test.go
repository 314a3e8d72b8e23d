package render_test

import (
	"path/filepath"
	"testing"

	"github.com/commons-toolkit/commons/partnership/render"
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
