package render_test

import (
	"strings"
	"testing"
)

// TestCharterCriteriaAgreeWithTheirNumber: the conditions of support of a charter introduce one
// criterion in the singular and several in the plural, in both languages.
func TestCharterCriteriaAgreeWithTheirNumber(t *testing.T) {
	const charter = `kind: charter
lang: fr
id: charte
title: Charte
parties: [{id: ville, name: Ville de Valmont, designation: la Ville, role: public_authority, signs: false}]
charter: {adopted_by: [ville]}
conditions:
  social: [{id: s1, description: Accueil de tous.}]
  ecological: [{id: e1, description: Aucun pesticide.}, {id: e2, description: Tri des déchets.}]
`
	for lang, want := range map[string][]string{
		"fr": {"Le collectif bénéficiaire satisfait au critère social suivant :", "Le collectif bénéficiaire satisfait aux critères écologiques suivants :"},
		"en": {"The supported collective meets the following social criterion:", "The supported collective meets the following ecological criteria:"},
	} {
		article := renderedArticle(t, charter, lang, "conditions")
		for _, w := range want {
			if !strings.Contains(article, "\n"+w+"\n") {
				t.Errorf("%s: want %q in:\n%s", lang, w, article)
			}
		}
	}
}
