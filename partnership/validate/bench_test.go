package validate_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// BenchmarkLoadValidate measures loading and both layers of validation of each example, the
// work done on every save in an editor and for every file of a batch.
func BenchmarkLoadValidate(b *testing.B) {
	for _, file := range exampleFiles(b) {
		src, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(file), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				doc, diags := partnership.Load(file, src, partnership.DefaultLimits)
				if diags.HasErrors() {
					b.Fatal(diags)
				}
				if d := validate.Validate(doc, nil); d.HasErrors() {
					b.Fatal(d)
				}
			}
		})
	}
}
