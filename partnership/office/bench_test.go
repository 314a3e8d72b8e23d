package office

import (
	"fmt"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/typeset"
)

// fifteenPages is the Markdown of a convention of about fifteen pages in the PDF: forty articles
// of two paragraphs, a list every fourth article, a budget table of twelve rows, signatures.
func fifteenPages() []byte {
	var b strings.Builder
	b.WriteString("---\ntitle: Convention d’essai\nkind: convention\nkind_label: convention\nlang: fr\ndefinition: essai\n" +
		"date: \"2026-03-01\"\ndefinition_sha256: 0123456789abcdef\ntemplates: 0.1.0\n---\n\n# Convention d’essai\n\n")
	sentence := "Les parties conviennent de ce qui suit et s’engagent à le respecter pendant toute la durée de la convention, " +
		"dans le respect de l’affectation de la ressource et des droits des usagers.\n"
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "## Article %d – Stipulation %d {#s%d}\n\n", i, i, i)
		b.WriteString(strings.Repeat(sentence, 2) + "\n" + strings.Repeat(sentence, 2) + "\n")
		if i%4 == 0 {
			b.WriteString("- mettre les locaux à disposition ;\n- désigner un référent, comme le prévoit l’[article 2](#s2) ;\n- rendre compte chaque année.\n\n")
		}
		if i == 20 {
			b.WriteString("| Poste | Financeur | Montant |\n| --- | --- | ---: |\n")
			for r := 1; r <= 12; r++ {
				fmt.Fprintf(&b, "| Dépense n° %d | Commune de Valmont | %d 000 € |\n", r, r)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("## Signatures {#signatures}\n\nFait à Valmont, le 1er mars 2026.\n\n**Commune de Valmont**\n\nLa maire\n\n**Association**\n\nLa présidente\n")
	return []byte(b.String())
}

// BenchmarkFifteenPages times each format of the same fifteen-page convention in one run, so
// that their ratios can be read side by side: the office formats are meant to cost about what
// HTML costs, far less than the PDF.
func BenchmarkFifteenPages(b *testing.B) {
	md := fifteenPages()
	for _, f := range []struct {
		name string
		fn   func() error
	}{
		{"html", func() error { _, err := typeset.HTML(md); return err }},
		{"docx", func() error { _, err := DOCX(md, Options{Creator: "bench"}); return err }},
		{"odt", func() error { _, err := ODT(md, Options{Creator: "bench"}); return err }},
		{"pdf", func() error { _, err := typeset.PDF(md, typeset.PDFOptions{Creator: "bench"}); return err }},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := f.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
