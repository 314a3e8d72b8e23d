package typeset

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	stdregexp "regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

const testFront = "---\ntitle: Convention d’essai\nkind: convention\nkind_label: convention\nlang: fr\ndefinition: essai\ndate: \"2026-03-01\"\ndefinition_sha256: 0123456789abcdef\ntemplates: 0.1.0\nparties:\n  - Commune de Valmont\n  - Les Glycines en partage\n---\n\n# Convention d’essai\n\n"

func pdfText(t *testing.T, data []byte, page int) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is not installed")
		}
		t.Skip("pdftotext is not installed")
	}
	args := []string{"-enc", "UTF-8"}
	if page > 0 {
		args = append(args, "-f", fmt.Sprint(page), "-l", fmt.Sprint(page))
	}
	cmd := exec.Command(bin, append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func typeset(t *testing.T, md string) *PDFDocument {
	t.Helper()
	doc, err := PDF([]byte(md), PDFOptions{Creator: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestLinesNeverOverflow(t *testing.T) {
	long := strings.Repeat("Les parties conviennent de se réunir chaque trimestre ; ", 40) +
		strings.Repeat("x", 300) + " fin « du » paragraphe."
	doc := typeset(t, testFront+"## Article 1er – Essai {#essai}\n\n"+long+"\n")
	w := &pdfWriter{missing: map[rune]bool{}, size: bodySize, lang: "fr", anchors: map[string]int{}}
	w.setup()
	width := w.x1 - w.x0
	lines := w.layout(w.boxes([]run{{text: long}}), width)
	if len(lines) < 10 {
		t.Fatalf("only %d lines", len(lines))
	}
	for i, l := range lines {
		if l.width > width+0.01 {
			t.Errorf("line %d is %.2f mm wide, more than %.2f", i+1, l.width, width)
		}
	}
	if text := pdfText(t, doc.Data, 0); !strings.Contains(text, "fin « du » paragraphe.") {
		t.Errorf("the last words are lost or the no-break spaces broken:\n%s", text[len(text)-200:])
	}
}

func TestTableBreaksAcrossPagesWithItsHeader(t *testing.T) {
	var b strings.Builder
	b.WriteString(testFront + "## Article 1er – Budget {#budget}\n\n| Poste | Montant |\n| --- | ---: |\n")
	for i := range 120 {
		fmt.Fprintf(&b, "| Dépense n° %d, avec un libellé assez long pour passer à la ligne dans sa cellule | %d €|\n", i+1, 1000+i)
	}
	doc := typeset(t, b.String())
	if doc.Pages < 3 {
		t.Fatalf("a 120-row table fits on %d pages", doc.Pages)
	}
	for p := 1; p <= doc.Pages; p++ {
		text := pdfText(t, doc.Data, p)
		if strings.Contains(text, "Dépense") && !strings.Contains(text, "Poste") {
			t.Errorf("page %d continues the table without its header row", p)
		}
	}
}

func TestMissingGlyphsAreReported(t *testing.T) {
	doc := typeset(t, testFront+"Un sourire 😀, un 𝔸 et une coche ✓ ; « fin ».\n")
	for _, r := range []rune{'😀', '𝔸'} {
		if !slices.Contains(doc.Substituted, r) {
			t.Errorf("%q is not reported as substituted: %q", r, doc.Substituted)
		}
	}
	if text := pdfText(t, doc.Data, 0); !strings.Contains(text, "Un sourire ?") || !strings.Contains(text, "« fin »") {
		t.Errorf("text around the substituted characters is wrong:\n%s", text)
	}
}

func TestTableOfContents(t *testing.T) {
	var b strings.Builder
	b.WriteString(testFront)
	for i := range 15 {
		fmt.Fprintf(&b, "## Article %d – Titre numéro %d {#a%d}\n\n%s\n\n", i+1, i+1, i+1, strings.Repeat("Une phrase de contenu pour remplir la page. ", 30))
	}
	doc := typeset(t, b.String())
	first := pdfText(t, doc.Data, 1)
	if !strings.Contains(first, "Sommaire") {
		t.Fatalf("no table of contents on page 1:\n%s", first)
	}
	for _, h := range doc.Headings {
		if h.Level != 2 {
			continue
		}
		if !strings.Contains(pdfText(t, doc.Data, h.Page), h.Text) {
			t.Errorf("%q is not on page %d", h.Text, h.Page)
		}
		entry := stdregexp.MustCompile(stdregexp.QuoteMeta(h.Text) + `[ .]*` + fmt.Sprint(h.Page) + `\n`)
		if !entry.MatchString(first) {
			t.Errorf("the table of contents does not give page %d for %q", h.Page, h.Text)
		}
	}
}

func TestHeadingIsNeverLastOnAPage(t *testing.T) {
	var b strings.Builder
	b.WriteString(testFront)
	for i := range 30 {
		fmt.Fprintf(&b, "## Article %d – Intitulé {#a%d}\n\nCorps de l’article %d. %s\n\n", i+1, i+1, i+1, strings.Repeat("Texte. ", 3+i*7%40))
	}
	doc := typeset(t, b.String())
	for _, h := range doc.Headings {
		if h.Level != 2 {
			continue
		}
		var n int
		fmt.Sscanf(h.Text, "Article %d", &n)
		if !strings.Contains(pdfText(t, doc.Data, h.Page), fmt.Sprintf("Corps de l’article %d.", n)) {
			t.Errorf("%q ends page %d without its text", h.Text, h.Page)
		}
	}
}

func TestPDFIsReproducible(t *testing.T) {
	md := testFront + "## Article 1er – Objet {#objet}\n\nTexte.\n"
	a := typeset(t, md)
	b := typeset(t, md)
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two typesettings differ")
	}
	c, _ := PDF([]byte(md), PDFOptions{Creator: "test", CreationDate: time.Unix(1700000000, 0)})
	if bytes.Equal(a.Data, c.Data) {
		t.Error("the creation date is not recorded")
	}
	if !bytes.Contains(a.Data, []byte("D:20260301")) {
		t.Error("without a creation date, the front matter's date is not used")
	}
}
