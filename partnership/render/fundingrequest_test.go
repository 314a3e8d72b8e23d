package render_test

import (
	"os"
	"strings"
	"testing"
)

// TestFundingRequestSentence: the sentence of an application that states the funding asked for
// says the amount, the duration when given, and the eligible costs, which every application
// gives, even when they are zero; it never ends with a stray comma.
func TestFundingRequestSentence(t *testing.T) {
	src, err := os.ReadFile("testdata/minimal-application.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, requested, fr, en string }{
		{"costs", "{amount: 20000, eligible_costs: 40000}",
			"Association sollicite une subvention de 20 000 € pour un projet dont les dépenses éligibles s’élèvent à 40 000 €.",
			"Association requests a grant of €20,000 for a project whose eligible costs amount to €40,000."},
		{"duration and costs", "{amount: 20000, eligible_costs: 40000, duration_months: 18}",
			"Association sollicite une subvention de 20 000 € pour un projet d’une durée de 18 mois, dont les dépenses éligibles s’élèvent à 40 000 €.",
			"Association requests a grant of €20,000 for a project lasting 18 months, whose eligible costs amount to €40,000."},
		{"duration and zero costs", "{amount: 0, eligible_costs: 0, duration_months: 12}",
			"Association sollicite une subvention de 0 € pour un projet d’une durée de 12 mois, dont les dépenses éligibles s’élèvent à 0 €.",
			"Association requests a grant of €0 for a project lasting 12 months, whose eligible costs amount to €0."},
	} {
		def := strings.Replace(string(src), "{amount: 20000, eligible_costs: 40000}", c.requested, 1)
		for lang, want := range map[string]string{"fr": c.fr, "en": c.en} {
			article := renderedArticle(t, def, lang, "funding-request")
			if !strings.Contains(article, "\n"+want+"\n") {
				t.Errorf("%s/%s: want %q in:\n%s", c.name, lang, want, article)
			}
		}
	}
}
