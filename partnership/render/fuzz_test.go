package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// FuzzRender writes arbitrary text into the free-text fields of a valid definition and renders
// it in both languages: a definition the validator accepts must always render, to Markdown that
// keeps the structure the clauses give it, and that HTML and PDF can typeset.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.yaml"))
	t := &testing.T{}
	type base struct {
		doc      *partnership.Document
		pointers []string
		skeleton string
	}
	r, err := render.New()
	if err != nil {
		f.Fatal(err)
	}
	var bases []base
	for _, file := range files {
		doc := load(t, file)
		out, err := r.Render(doc)
		if err != nil {
			f.Fatal(err)
		}
		bases = append(bases, base{doc, freeTextPointers(doc), skeleton(out.Markdown)})
	}
	f.Add(uint8(0), uint16(3), "# Titre")
	f.Add(uint8(2), uint16(40), "<b>gras</b> ; « citation » : fin !")
	f.Add(uint8(5), uint16(7), "[lien](javascript:alert(1)) | a | b |\n\n- puce")
	f.Add(uint8(1), uint16(0), "\\{++ajout++\\} {--retrait--} ~~barré~~ `code`")
	f.Fuzz(func(t *testing.T, which uint8, field uint16, text string) {
		b := bases[int(which)%len(bases)]
		if strings.TrimSpace(text) == "" {
			return
		}
		var tree any
		raw, _ := json.Marshal(b.doc.Value)
		json.Unmarshal(raw, &tree)
		setAt(tree, b.pointers[int(field)%len(b.pointers)], text)
		data, _ := json.Marshal(tree)
		doc, _ := partnership.Load("fuzz.json", data, partnership.DefaultLimits)
		if doc == nil || validate.Validate(doc, nil).HasErrors() {
			return // the schema or the limits refused the text: nothing to render
		}
		for _, lang := range render.Languages {
			r, _ := render.New(render.WithLang(lang))
			out, err := r.Render(doc)
			if err != nil {
				t.Fatalf("a valid definition does not render: %v", err)
			}
			if lang == b.doc.Definition.Lang && skeleton(out.Markdown) != b.skeleton {
				t.Fatalf("text %q in %s changed the structure of the document", text, b.pointers[int(field)%len(b.pointers)])
			}
			if _, err := typeset.HTML(out.Markdown); err != nil {
				t.Fatal(err)
			}
			pdf, err := typeset.PDF(out.Markdown, typeset.PDFOptions{})
			if err != nil || !bytes.HasPrefix(pdf.Data, []byte("%PDF-")) {
				t.Fatalf("PDF: %v", err)
			}
		}
	})
}

// TestFuzzSeedsExist keeps the checked-in corpora where go test finds them.
func TestFuzzSeedsExist(t *testing.T) {
	entries, err := os.ReadDir("testdata/fuzz/FuzzRender")
	if err != nil || len(entries) == 0 {
		t.Errorf("no seed corpus in testdata/fuzz/FuzzRender: %v", err)
	}
}
