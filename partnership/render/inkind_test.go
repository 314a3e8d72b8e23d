package render_test

import (
	"strings"
	"testing"
)

// TestInKindTypeSaysOnlyItsKind: the type of a support in kind names its category and nothing
// the definition did not give: supplies of compost are not said to include protective
// equipment.
func TestInKindTypeSaysOnlyItsKind(t *testing.T) {
	const convention = `kind: convention
lang: fr
jurisdiction: BE
id: convention
title: Convention
parties:
  - {id: ville, name: Ville de Liège, designation: la Ville, role: public_authority, signs: false}
  - {id: asso, name: Association des Amis, designation: l’Association, role: citizen_collective, signs: false}
commons: {name: Jardin, type: green_space, dedication: Usage de tous.}
duration: {start: 2026-05-01}
commitments: [{party: ville, items: [Fournir l’eau.]}]
support:
  in_kind: [{type: supplies, provider: ville, description: Terreau, value: 99.99}]
`
	for lang, want := range map[string]string{
		"fr": "| Fourniture de consommables | La Ville | Terreau | 99,99 € |",
		"en": "| Supply of consumables | La Ville | Terreau | €99.99 |",
	} {
		article := renderedArticle(t, convention, lang, "in-kind")
		if !strings.Contains(article, want) {
			t.Errorf("%s: want %q in:\n%s", lang, want, article)
		}
	}
}
