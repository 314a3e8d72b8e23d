package typeset

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// largeConvention generates the Markdown of a convention of about fifteen pages: forty articles
// of paragraphs and lists, a budget table and signature blocks, the size legal teams render most.
func largeConvention() []byte {
	var b strings.Builder
	b.WriteString(testFront)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "## Article %d – Stipulation numéro %d {#a%d}\n\n", i, i, i)
		for p := 0; p < 2; p++ {
			b.WriteString("La Commune et l’Association conviennent des modalités suivantes ; elles s’engagent à les respecter pendant toute la durée de la convention, dans le respect de l’affectation de la ressource.\n")
			b.WriteString("À défaut, la partie la plus diligente saisit l’instance de gouvernance, qui se prononce dans un délai de trente jours à compter de sa saisine.\n\n")
		}
		if i%4 == 0 {
			b.WriteString("- fournir les locaux nécessaires aux activités ;\n- désigner un agent référent ;\n- publier chaque année un compte rendu d’activité.\n\n")
		}
		if i == 20 {
			b.WriteString("| Poste | Financeur | Montant |\n| --- | --- | ---: |\n")
			for r := 0; r < 12; r++ {
				fmt.Fprintf(&b, "| Dépense de fonctionnement n° %d | Commune de Valmont | %d 500 € |\n", r+1, r+3)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("## Signatures {#signatures}\n\nFait à Valmont, le 1er mars 2026, en deux exemplaires originaux.\n\n**Commune de Valmont**\n\nAnnick Delorme, Maire\n\n**Les Glycines en partage**\n\nSamira Benali, Présidente\n")
	return []byte(b.String())
}

func exampleMarkdown(b *testing.B) map[string][]byte {
	files, _ := filepath.Glob("../../examples/*.fr.md")
	out := map[string][]byte{"large": largeConvention()}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".fr.md")] = data
	}
	return out
}

func BenchmarkHTML(b *testing.B) {
	for name, md := range exampleMarkdown(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := HTML(md); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPDF(b *testing.B) {
	for name, md := range exampleMarkdown(b) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				doc, err := PDF(md, PDFOptions{Creator: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				pages = doc.Pages
			}
			b.ReportMetric(float64(pages), "pages")
		})
	}
}
