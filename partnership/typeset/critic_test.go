package typeset_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/typeset"
)

// TestCriticMarkup checks how the marks of a redline read as HTML: paired marks become <ins>
// and <del> around any inline Markdown, escaped or unpaired ones stay text.
func TestCriticMarkup(t *testing.T) {
	tests := []struct {
		name, md, html string
	}{
		{"insertion", "a {++b++} c", "<p>a <ins>b</ins> c</p>"},
		{"deletion", "a {--b--} c", "<p>a <del>b</del> c</p>"},
		{"replacement", "au moins {--quatre--} {++deux++} fois", "<p>au moins <del>quatre</del> <ins>deux</ins> fois</p>"},
		{"inline Markdown inside", "{--**Commune** de l’[article 3](#x)--}", `<p><del><strong>Commune</strong> de l’<a href="#x">article 3</a></del></p>`},
		{"marks inside a link", "[{--article 3--}](#x)", `<p><a href="#x"><del>article 3</del></a></p>`},
		{"text ending with the mark's sign", "{++a+++} {--b---}", "<p><ins>a+</ins> <del>b-</del></p>"},
		{"escaped braces stay text", `\{++a++\}`, "<p>{++a++}</p>"},
		{"unpaired opening", "{++a", "<p>{++a</p>"},
		{"unpaired closing", "a++} b--}", "<p>a++} b--}</p>"},
		{"mismatched kinds", "{++a--}", "<p>{++a--}</p>"},
		{"no mark across paragraphs", "{++a\n\nb++}", "<p>{++a</p>\n<p>b++}</p>"},
		{"dashes and pluses", "C++ -- x --- y ++ z", "<p>C++ -- x --- y ++ z</p>"},
		{"table cell", "| a |\n| --- |\n| {--x--} {++y++} |", "<td><del>x</del> <ins>y</ins></td>"},
		{"heading with a class", "## {--Article 3 – Objet--} {#object .changed}", `<h2 id="object" class="changed"><del>Article 3 – Objet</del></h2>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := typeset.Markdown().Convert([]byte(tt.md), &b); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tt.html) {
				t.Errorf("%q gives\n%s\nwant it to contain\n%s", tt.md, b.String(), tt.html)
			}
		})
	}
}

// TestRedlineStylesheet checks that only a redline's page gets the rules that mark changed
// articles, so that every other page keeps its bytes.
func TestRedlineStylesheet(t *testing.T) {
	for _, tt := range []struct {
		md   string
		want bool
	}{
		{"## Article 1er – Objet {#object}\n\nTexte.\n", false},
		{"## Article 1er – Objet {#object .changed}\n\nTexte {++ajouté++}.\n", true},
	} {
		page, err := typeset.HTML([]byte(tt.md))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(page, []byte("h2.changed")); got != tt.want {
			t.Errorf("%q: redline stylesheet %v, want %v", tt.md, got, tt.want)
		}
	}
}

// TestPDFRedline typesets a changed article, marks in a paragraph and in a table included, and
// its bar in the margin. (cmd/commons reads a whole redline PDF back with pdftotext.)
func TestPDFRedline(t *testing.T) {
	marked := "---\ntitle: T\nlang: fr\n---\n\n## Article 1er – Objet {#object .changed}\n\nElle se réunit au moins {--quatre--} {++deux++} fois par an.\n\n| a | b |\n| --- | --- |\n| {--1 500 €--} | {++1 850 €++} |\n"
	doc, err := typeset.PDF([]byte(marked), typeset.PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 1 || len(doc.Headings) != 1 || doc.Headings[0].ID != "object" {
		t.Errorf("pages %d, headings %+v", doc.Pages, doc.Headings)
	}
}
