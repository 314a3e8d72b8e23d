package render_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// FuzzRender writes arbitrary text into the free-text fields of a valid definition and renders
// it in both languages: a definition the validator accepts must always render, to Markdown whose
// block structure is the one the clauses give it (that of the same definition with a plain word
// in the field), and that HTML and PDF can typeset.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(examplesDir, "*.yaml"))
	t := &testing.T{}
	type base struct {
		doc      *partnership.Document
		pointers []string
	}
	var bases []base
	for _, file := range files {
		doc := load(t, file)
		bases = append(bases, base{doc, freeTextPointers(doc)})
	}
	f.Add(uint8(0), uint16(3), "# Titre")
	f.Add(uint8(2), uint16(40), "<b>gras</b> ; « citation » : fin !")
	f.Add(uint8(5), uint16(7), "[lien](javascript:alert(1)) | a | b |\n\n- puce")
	f.Add(uint8(1), uint16(0), "\\{++ajout++\\} {--retrait--} ~~barré~~ `code`")
	f.Fuzz(func(t *testing.T, which uint8, field uint16, text string) {
		b := bases[int(which)%len(bases)]
		pointer := b.pointers[int(field)%len(b.pointers)]
		withText := func(text string) *partnership.Document {
			var tree any
			raw, _ := json.Marshal(b.doc.Value)
			json.Unmarshal(raw, &tree)
			setAt(tree, pointer, text)
			data, _ := json.Marshal(tree)
			doc, _ := partnership.Load("fuzz.json", data, partnership.DefaultLimits)
			if doc == nil || validate.Validate(doc, nil).HasErrors() {
				return nil // the schema or the limits refused the text: nothing to render
			}
			return doc
		}
		doc, plain := withText(text), withText(placeholder(text))
		if doc == nil || plain == nil {
			return
		}
		for _, lang := range render.Languages {
			r, _ := render.New(render.WithLang(lang))
			out, err := r.Render(doc)
			if err != nil {
				t.Fatalf("a valid definition does not render: %v", err)
			}
			want, err := r.Render(plain)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := blockStructure(out.Markdown), blockStructure(want.Markdown); got != want {
				t.Fatalf("text %q in %s changed the structure of the document in %s\n%s", text, pointer, lang, structureDiff(want, got, out.Markdown))
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
