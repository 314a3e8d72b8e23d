package typeset

import (
	"strings"
	"testing"
)

// TestAmountsAreNeverCut: an amount or a percentage is one group for the line breaker, in the
// text and in the narrow column of a table: a line never ends at its decimal comma, its
// thousands separator or the no-break space before its unit ("12 345," over "67 €").
func TestAmountsAreNeverCut(t *testing.T) {
	for _, c := range []struct {
		prev, next rune
		want       bool
	}{
		{'5', ',', false},
		{',', '6', false},
		{'.', '6', false},
		{'\u202f', '3', false},
		{'7', '\u00a0', false},
		{'\u00a0', '€', false},
		{',', ' ', true},
		{'e', ',', false},
		{',', 'e', true},
		{'-', 'a', true},
		{'/', 'b', true},
	} {
		if got := breakAfter(c.prev, c.next); got != c.want {
			t.Errorf("breakAfter(%q, %q) = %v, want %v", c.prev, c.next, got, c.want)
		}
	}
	table := "| N° | Financeur | Bénéficiaire | Nature | Objet | Exercice | Montant | Part des coûts éligibles |\n" +
		"| --- | --- | --- | --- | --- | --- | ---: | --- |\n" +
		"| 1 | La Ville | L'Observatoire | Subvention de projet | Achat d'outils et aménagement du composteur collectif | 2026 | 12\u202f345,67\u00a0€ | 50\u00a0% de 24\u202f691,34\u00a0€ |\n" +
		"| 2 | Ōkubo & Fils | La Halle | Subvention de fonctionnement | Fonctionnement de l'atelier | 2027 | 0,50\u00a0€ | — |\n"
	text := pdfText(t, typeset(t, testFront+"## Article 1er – Soutien {#soutien}\n\n"+table).Data, 0)
	text = strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(text)
	for _, want := range []string{"12 345,67 €", "24 691,34 €"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is cut:\n%s", want, text)
		}
	}
}
