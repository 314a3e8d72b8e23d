package render_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestWordingFollowsTheDefinition checks sentences of the clause library that depend on what a
// definition declares: a charter that declares no instruments speaks of no collaboration pact;
// a breach of the conditions of support has no consequence the definition does not give; the
// insurance article names the one party that insures itself; the English termination article
// says who is notified of what.
func TestWordingFollowsTheDefinition(t *testing.T) {
	pacts := map[string]*regexp.Regexp{
		"fr": regexp.MustCompile(`(?i)pactes? (de collaboration|conclus?)|d’un pacte|parties au pacte`),
		"en": regexp.MustCompile(`(?i)collaboration pacts?|pacts? concluded|a pact\b|parties to the pact`),
	}
	tests := []struct {
		name, file, lang string
		want, not        []string
	}{
		{"compact without instruments", "compact-riverside.yaml", "en",
			[]string{"in the light of which this Compact is to be interpreted:", "The signatories undertake to respect the following principles.",
				"covered by this Compact.", "Each form of support is granted by the award decision that concerns it,"},
			[]string{"consult each other"}},
		{"compact without instruments", "compact-riverside.yaml", "fr",
			[]string{"à la lumière desquelles le présent pacte est interprété :", "relevant du présent pacte.",
				"Chaque soutien est accordé par la décision d’attribution qui le concerne,"},
			[]string{"se concertent"}},
		{"charter with instruments", "charte-des-communs-valmont.yaml", "fr",
			[]string{"qui s’imposent à tout pacte de collaboration et tout autre instrument", "ou d’un pacte conclu pour son application sauf stipulation contraire"},
			nil},
		{"French agreement", "declaration-manifattura-rossi.yaml", "fr",
			[]string{"les parties y consignent des engagements qu’elles entendent tenir", "a accès à cette ressource et à ces services dans",
				"L’usage de cette ressource et de ces services relève"},
			[]string{"qu’ils entendent"}},
		{"one insured party", "pacte-vicolo-dei-tigli.yaml", "fr",
			[]string{"la Commune souscrit et maintient l’assurance suivante :", "La Commune en justifie, par une attestation de son assureur,"},
			[]string{"Chaque partie justifie"}},
		{"several insured parties", "pacte-parc-des-glycines.yaml", "fr",
			[]string{"les parties souscrivent et maintiennent les assurances suivantes :", "Chaque partie justifie de ces assurances"},
			nil},
		{"some parties insured", "water-board.yaml", "en",
			[]string{"Each insured party provides evidence of its insurance, by a certificate from its insurer"},
			[]string{"Each party provides evidence"}},
		{"termination notices", "water-board.yaml", "en",
			[]string{"notifies the other parties of its decision by registered letter", "give it formal notice by registered letter with acknowledgement of receipt requiring it to remedy the breach."},
			[]string{"notifies its decision to"}},
		{"college table", "compact-riverside.yaml", "en",
			[]string{"| Council members and officers | Public actors | 4 | – | Riverside Borough Council | By appointment |"},
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.lang, func(t *testing.T) {
			md := renderIn(t, tt.file, tt.lang)
			for _, s := range tt.want {
				if !strings.Contains(md, s) {
					t.Errorf("no %q", s)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(md, s) {
					t.Errorf("still %q", s)
				}
			}
			if tt.file == "compact-riverside.yaml" {
				if m := pacts[tt.lang].FindString(md); m != "" {
					t.Errorf("the compact declares no instrument, yet speaks of %q", m)
				}
			}
		})
	}
}
