package typeset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzPDF typesets arbitrary Markdown: it must never panic, never fail, and always give a PDF,
// whatever the characters (beyond the font, beyond U+FFFF, invalid UTF-8) or the structure.
func FuzzPDF(f *testing.F) {
	files, _ := filepath.Glob("../../examples/*.fr.md")
	for _, file := range files[:min(3, len(files))] {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(testFront + "## A {#a}\n\n| a | b |\n| --- | ---: |\n| 😀 | " + string(bytes.Repeat([]byte("x"), 500)) + " |\n"))
	f.Add([]byte("# T\n\n~~~chart\n{\"bars\":[{\"label\":\"a\",\"value\":-3,\"threshold\":1e9}]}\n~~~\n\n> - 1. **[x](#nowhere)** ~~y~~\n"))
	f.Add([]byte("---\ntitle: [unterminated\n---\n\x00\xff\xfe"))
	f.Fuzz(func(t *testing.T, md []byte) {
		if len(md) > 64<<10 {
			return
		}
		doc, err := PDF(md, PDFOptions{})
		if err != nil {
			if bytes.HasPrefix(md, []byte("---\n")) {
				return // a front matter that is not YAML is refused with an error, as it should
			}
			t.Fatalf("typesetting fails: %v", err)
		}
		if !bytes.HasPrefix(doc.Data, []byte("%PDF-")) || doc.Pages < 1 {
			t.Fatal("no PDF")
		}
		if _, err := HTML(md); err != nil && !bytes.HasPrefix(md, []byte("---\n")) {
			t.Fatalf("HTML fails: %v", err)
		}
	})
}

// FuzzParseFont reads arbitrary bytes as the TrueType font a user gives with --font: it must
// never panic, and a font it accepts must measure, subset and typeset.
func FuzzParseFont(f *testing.F) {
	face := builtin(faceRegular)
	used := make([]bool, face.numGlyphs)
	for _, r := range "Valmont, 1er é « » ;" {
		used[face.glyph(r)] = true
	}
	var subset bytes.Buffer
	face.writeSubset(used, &subset)
	f.Add(subset.Bytes())
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00glyf\x00\x00\x00\x00\xff\xff\xff\xf0\x00\x00\x00\x10"))
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := parseFont("", data, false)
		if err != nil {
			return
		}
		doc, err := PDF([]byte(testFront+"Texte ж 😀 ا.\n"), PDFOptions{Fallback: &Font{face: font}})
		if err != nil || doc.Pages < 1 {
			t.Fatalf("a font that parses does not typeset: %v", err)
		}
	})
}
