package render_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/office"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// blockStructure describes a rendered document as goldmark parses it, with the extensions every
// output format uses (typeset.Markdown): every node but text, with what makes it a different
// block (the level of a heading, the kind of a list, the alignment of a table's columns…), and
// the hard line breaks. Two documents with the same structure differ only in their words.
func blockStructure(md []byte) string {
	_, body, err := typeset.SplitFrontMatter(md)
	if err != nil {
		return "front matter: " + err.Error()
	}
	root := typeset.Markdown().Parser().Parse(text.NewReader(body))
	var b strings.Builder
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok {
			if entering && t.HardLineBreak() {
				b.WriteString("BR ")
			}
			return ast.WalkContinue, nil
		}
		if _, ok := n.(*ast.String); ok {
			return ast.WalkContinue, nil
		}
		if !entering {
			b.WriteString(") ")
			return ast.WalkContinue, nil
		}
		b.WriteString(n.Kind().String())
		switch n := n.(type) {
		case *ast.Heading:
			fmt.Fprintf(&b, "%d", n.Level)
			if id, ok := n.AttributeString("id"); ok {
				fmt.Fprintf(&b, "#%s", id)
			}
		case *ast.List:
			fmt.Fprintf(&b, "[%c %v %d]", n.Marker, n.IsTight, n.Start)
		case *ast.Link:
			fmt.Fprintf(&b, "[%s]", n.Destination)
		case *ast.FencedCodeBlock:
			fmt.Fprintf(&b, "[%s]", n.Info.Segment.Value(body))
		case *east.Table:
			fmt.Fprintf(&b, "%v", n.Alignments)
		}
		b.WriteString("(")
		return ast.WalkContinue, nil
	})
	return b.String()
}

// lineStarts are the constructs that open a block, or change the block above, when they start a
// line: those of CommonMark, of the extensions in use (tables, strikethrough, the marks of a
// redline, heading attributes) and of those a Markdown reader may add (footnotes, definition
// lists, task lists), with what French spacing does around them.
var lineStarts = []string{
	"==", "=", "===", "--", "-", "---", "- - -", "***", "* * *", "___", "_ _ _", "+", "*", "•",
	"- x", "+ x", "* x", "-\tx", "1. x", "1) x", "2.", "10)", "123456789. x", "1234567890. x", "0.",
	"#", "# x", "## x", "###### x", "####### x", "#x", "#\tx",
	"> x", ">", ">>", "```", "```go", "~~~", "~~~ x", "``", "    code", "\tcode", "  - x", "   ==",
	"| a | b |", "|---|---|", "| --- |", "---|---", ":--", ":-:", "a | b", "-|-", "|",
	"[^1]: note", "[^1]", "[x]: https://example.org", "[x]", ": définition", "~ x", "- [ ] tâche", "- [x] faite",
	"{#id}", "{.class}", "{#id .c}", "{++ajout++}", "{--retrait--}", "++}", "--}", "{~~a~>b~~}",
	"<div>", "<!-- c -->", "<https://example.org>", "<x@example.org>", "https://example.org", "www.example.org",
	"&amp;", "&#35; x", "&#45;&#45;", "\\", "\\-", "\\\\", "![i](x.png)", "[l](javascript:alert(1))",
	"»", "» x", "« x »", "; x", ": x", "! x", "? x", "- »", "- ;", "1. »", "> »", "| »", "»»",
	"-\u00a0x", "\u00a0- x", "=\u00a0=", "\u202f»", "—", "– x", "·", "\u2028- x", "\u3000- x",
	"**x**", "__x__", "*x*", "_x_", "`x`", "~~x~~", "$x$", "^x^",
}

// separators join the pieces of a text: a space, a line break, a blank line (a new paragraph
// where the field takes several), or the end of a sentence.
var separators = []string{" ", "\n", "\n\n", ". ", ".\n", " ! ", "? ", "\n\n\n", "\n  \n", ". Ensuite ", ": "}

// hostileText draws a text made of line-start constructs, words and separators.
func hostileText(rng *rand.Rand) string { return hostileTextOf(rng, lineStarts) }

// hostileTextOf draws a text made of the given constructs, words and separators.
func hostileTextOf(rng *rand.Rand, constructs []string) string {
	var b strings.Builder
	for i := range 1 + rng.IntN(4) {
		if i > 0 {
			b.WriteString(separators[rng.IntN(len(separators))])
		}
		b.WriteString(constructs[rng.IntN(len(constructs))])
		if rng.IntN(3) == 0 {
			b.WriteString(" mot")
		}
	}
	return b.String()
}

// placeholder is the harmless text a hostile one is compared with: a plain word per paragraph
// (blank lines separate paragraphs where a field takes several), and blank text left blank, so
// that the clauses make the same choices for both.
func placeholder(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	var words []string
	for _, p := range regexp.MustCompile(`\n\s*\n`).Split(strings.TrimSpace(s), -1) {
		if strings.TrimSpace(p) != "" {
			words = append(words, "Texte")
		}
	}
	return strings.Join(words, "\n\n")
}

// withTexts returns the definition with the free-text field at each pointer set to text(i).
func withTexts(t *testing.T, doc *partnership.Document, pointers []string, text func(i int) string) (*partnership.Document, bool) {
	t.Helper()
	var tree any
	raw, _ := json.Marshal(doc.Value)
	json.Unmarshal(raw, &tree)
	for i, p := range pointers {
		setAt(tree, p, text(i))
	}
	data, _ := json.Marshal(tree)
	d, diags := partnership.Load(doc.File, data, partnership.DefaultLimits)
	if d == nil || diags.HasErrors() || validate.Validate(d, nil).HasErrors() {
		return nil, false
	}
	return d, true
}

// TestUserTextCannotForgeStructure is a property test of the escaping: whatever line-start
// constructs, separators and French punctuation the free-text fields of the examples hold, the
// rendered document has the block structure the clause library gives it (the structure of the
// same document with a plain word in each field), as goldmark parses it for every output format,
// in both languages.
func TestUserTextCannotForgeStructure(t *testing.T) {
	trials := 12
	if n, err := strconv.Atoi(os.Getenv("STRUCTURE_TRIALS")); err == nil {
		trials = n
	}
	if testing.Short() {
		trials = 3
	}
	rng := rand.New(rand.NewPCG(18, 3))
	for _, file := range examples(t) {
		doc := load(t, file)
		pointers := freeTextPointers(doc)
		for _, lang := range render.Languages {
			r, err := render.New(render.WithLang(lang))
			if err != nil {
				t.Fatal(err)
			}
			for trial := range trials {
				texts := make([]string, len(pointers))
				for i := range texts {
					texts[i] = hostileText(rng)
				}
				hostile, ok1 := withTexts(t, doc, pointers, func(i int) string { return texts[i] })
				benign, ok2 := withTexts(t, doc, pointers, func(i int) string { return placeholder(texts[i]) })
				if !ok1 || !ok2 {
					t.Fatalf("%s trial %d: the texts make the definition invalid", filepath.Base(file), trial)
				}
				h, err1 := r.Render(hostile)
				p, err2 := r.Render(benign)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s trial %d: %v %v", filepath.Base(file), trial, err1, err2)
				}
				if got, want := blockStructure(h.Markdown), blockStructure(p.Markdown); got != want {
					t.Fatalf("%s in %s, trial %d: user text changed the structure\n%s", filepath.Base(file), lang, trial, structureDiff(want, got, h.Markdown))
				}
			}
		}
	}
}

// structureDiff shows where two structures part, and the Markdown around.
func structureDiff(want, got string, md []byte) string {
	w, g := strings.Fields(want), strings.Fields(got)
	i := 0
	for i < min(len(w), len(g)) && w[i] == g[i] {
		i++
	}
	from := max(0, i-8)
	return fmt.Sprintf("want …%s\ngot  …%s\nin:\n%s", strings.Join(w[from:min(len(w), i+8)], " "), strings.Join(g[from:min(len(g), i+8)], " "), md)
}

// TestForgedStructureReproductions renders the reproductions of the issue "text that forges
// structure": each changed the outline of a signed document.
func TestForgedStructureReproductions(t *testing.T) {
	tests := []struct {
		name, file, pointer, text string
	}{
		{"setext h1 under a principle", "charte-des-communs-valmont.yaml", "/charter/principles/0/text", "=="},
		{"setext h2 after a sentence", "charte-des-communs-valmont.yaml", "/charter/principles/1/text", "La commune garantit l’accès. Elle veille à la continuité.\n--"},
		{"thematic break in a list", "pacte-parc-des-glycines.yaml", "/objectives/0", "--"},
		{"guillemet merging into the item above", "pacte-parc-des-glycines.yaml", "/objectives/1", "» suite"},
		{"ordered list marker", "pacte-parc-des-glycines.yaml", "/objectives/1", "1986. Une année"},
		{"heading attribute", "charte-des-communs-valmont.yaml", "/charter/principles/0/title", "Principe {#termination}"},
		{"fence", "pacte-parc-des-glycines.yaml", "/summary", "~~~\nbloc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := load(t, filepath.Join(examplesDir, tt.file))
			hostile, ok1 := withTexts(t, doc, []string{tt.pointer}, func(int) string { return tt.text })
			benign, ok2 := withTexts(t, doc, []string{tt.pointer}, func(int) string { return placeholder(tt.text) })
			if !ok1 || !ok2 {
				t.Fatalf("%q at %s makes the definition invalid", tt.text, tt.pointer)
			}
			for _, lang := range render.Languages {
				h, p := mustRender(t, hostile, render.WithLang(lang)), mustRender(t, benign, render.WithLang(lang))
				if got, want := blockStructure(h.Markdown), blockStructure(p.Markdown); got != want {
					t.Errorf("%s: %q at %s changed the structure\n%s", lang, tt.text, tt.pointer, structureDiff(want, got, h.Markdown))
				}
			}
		})
	}
}

// TestEscapesPrintAsThePlainCharacter checks the other side of the escaping: the backslashes that
// keep user text from forming Markdown ("\#", "\;" at the start of a line, "\|"…) are syntax,
// and no format prints them. The free-text fields of examples are filled with the line-start
// constructs of TestUserTextCannotForgeStructure that hold no backslash of their own; the HTML,
// the PDF (read back with pdftotext) and the text of the DOCX and ODT then hold as many
// backslashes as the same document with a plain word in each field: those of the library's own
// markup, never one of an escape.
func TestEscapesPrintAsThePlainCharacter(t *testing.T) {
	var constructs []string
	for _, s := range lineStarts {
		if !strings.Contains(s, `\`) {
			constructs = append(constructs, s)
		}
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Log("pdftotext is missing (apt-get install poppler-utils): the PDF is not read back")
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(18, 14))
	for _, name := range []string{"pacte-parc-des-glycines.yaml", "charte-des-communs-valmont.yaml", "appel-a-communs-2026.yaml"} {
		doc := load(t, filepath.Join(examplesDir, name))
		pointers := freeTextPointers(doc)
		for _, lang := range render.Languages {
			texts := make([]string, len(pointers))
			for i := range texts {
				texts[i] = hostileTextOf(rng, constructs)
			}
			hostile, ok1 := withTexts(t, doc, pointers, func(i int) string { return texts[i] })
			benign, ok2 := withTexts(t, doc, pointers, func(i int) string { return placeholder(texts[i]) })
			if !ok1 || !ok2 {
				t.Fatalf("%s: the texts make the definition invalid", name)
			}
			h, p := mustRender(t, hostile, render.WithLang(lang)), mustRender(t, benign, render.WithLang(lang))
			if bytes.Count(h.Markdown, []byte(`\`)) <= bytes.Count(p.Markdown, []byte(`\`)) {
				t.Fatalf("%s in %s: the texts need no escape; the test checks nothing", name, lang)
			}
			for _, format := range []string{"html", "pdf", "docx", "odt"} {
				if format == "pdf" && pdftotext == "" {
					continue
				}
				got := printedText(t, format, h.Markdown, filepath.Join(dir, "hostile.pdf"))
				want := printedText(t, format, p.Markdown, filepath.Join(dir, "benign.pdf"))
				if g, w := strings.Count(got, `\`), strings.Count(want, `\`); g != w {
					t.Errorf("%s in %s, %s: %d backslashes, want %d%s", name, lang, format, g, w, firstEscape(got, want))
				}
			}
		}
	}
}

// firstEscape shows the text around the first backslash of got that want does not have.
func firstEscape(got, want string) string {
	for i := range got {
		if got[i] == '\\' && !strings.Contains(want, got[max(0, i-12):i+1]) {
			return "; for example …" + got[max(0, i-40):min(len(got), i+40)] + "…"
		}
	}
	return ""
}

// xmlTag is an element of the XML of an office document.
var xmlTag = regexp.MustCompile(`<[^>]*>`)

// printedText is the text a format shows of rendered Markdown: the HTML, the text pdftotext
// reads in the PDF (written to pdf), the XML parts of a DOCX or ODT without their tags.
func printedText(t *testing.T, format string, md []byte, pdf string) string {
	t.Helper()
	var data []byte
	var err error
	switch format {
	case "html":
		data, err = typeset.HTML(md)
		return string(data)
	case "pdf":
		var doc *typeset.PDFDocument
		if doc, err = typeset.PDF(md, typeset.PDFOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(pdf, doc.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		return string(out)
	case "docx":
		data, err = office.DOCX(md, office.Options{})
	case "odt":
		data, err = office.ODT(md, office.Options{})
	}
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		part, _ := io.ReadAll(rc)
		rc.Close()
		b.WriteString(xmlTag.ReplaceAllString(string(part), " "))
	}
	return b.String()
}
