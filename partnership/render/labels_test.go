package render

import (
	"testing"

	"github.com/commons-toolkit/commons/templates"
)

// TestEmbeddedLabels reads the labels of every language of the embedded library, which a
// render reads only for its own language.
func TestEmbeddedLabels(t *testing.T) {
	lib, err := LoadLibrary(templates.FS, "templates")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		labels, err := lib.labels[lang]()
		if err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		if len(labels) == 0 {
			t.Errorf("%s: no labels", lang)
		}
	}
}
