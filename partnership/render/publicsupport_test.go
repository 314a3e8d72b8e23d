package render_test

import (
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// TestStatutesOfPublicSupportOnlyForItsRecipients renders a French convention whose grants come
// from a commune and from a private foundation. The statutes on subsidies from public bodies
// (the control of the recipient, its financial report, the use and repayment of the sums, the
// republican commitment contract) concern only the recipients of the commune's support, and
// name the commune as the controlling body; a party funded only by the foundation is never
// said to be subject to them.
func TestStatutesOfPublicSupportOnlyForItsRecipients(t *testing.T) {
	const convention = `kind: convention
lang: fr
id: convention
title: Convention
parties:
  - {id: commune, name: Commune de Valmont, designation: la Commune, role: public_authority, signs: false}
  - {id: asso, name: Les Amis du square, designation: l’Association, gender: feminine, role: citizen_collective, legal_status: association, signs: false}
  - {id: fondation, name: Fondation des Berges, designation: la Fondation, role: funder, legal_status: foundation, signs: false}
  - {id: coop, name: Coopérative du Quai, designation: la Coopérative, role: operator, legal_status: cooperative, signs: false}
commons: {name: Square, type: green_space, dedication: Usage de tous.}
duration: {start: 2026-05-01}
commitments: [{party: commune, items: [Fournir l’eau.]}]
reporting: {frequency: annual, control: Les comptes sont transmis chaque année.}
termination: {grounds: [Accord des parties.]}
support:
  grants:
`
	publicGrant := "    - {id: g1, funder: commune, recipient: asso, amount: 1000, purpose: Outils}\n"
	privateGrant := "    - {id: g2, funder: fondation, recipient: coop, amount: 500, purpose: Atelier}\n"
	type want struct{ article, text string }
	for _, c := range []struct {
		name    string
		grants  string
		says    []want
		notSays []want
	}{
		{
			name:   "public and private grants",
			grants: publicGrant + privateGrant,
			says: []want{
				{"control", "l’Association peut être soumise au contrôle de la Commune"},
				{"support", "l’Association produit le compte rendu financier"},
				{"republican-commitment", "L’Association déclare avoir souscrit"},
			},
			notSays: []want{
				{"control", "Coopérative"}, {"control", "Fondation"},
				{"support", "la Coopérative produi"},
			},
		},
		{
			name: "public grants of two years",
			grants: "    - {id: g3, funder: commune, recipient: asso, amount: 1000, purpose: Outils, year: 2027}\n" +
				strings.Replace(publicGrant, "purpose: Outils}", "purpose: Outils, year: 2026}", 1),
			says: []want{{"support", "sous réserve de l’inscription des crédits correspondants au budget de chaque financeur"}},
		},
		{
			name: "a private grant of a later year",
			grants: strings.Replace(publicGrant, "purpose: Outils}", "purpose: Outils, year: 2026}", 1) +
				strings.Replace(privateGrant, "purpose: Atelier}", "purpose: Atelier, year: 2027}", 1),
			notSays: []want{{"support", "inscription des crédits"}},
		},
		{
			name:   "only a private grant",
			grants: privateGrant,
			notSays: []want{
				{"control", "Conformément à"},
				{"support", "compte rendu financier"},
				{"support", "ne peut en reverser"},
				{"termination", "sont reversées au financeur"},
				{"republican-commitment", "contrat d’engagement républicain"},
			},
		},
	} {
		doc, diags := partnership.Load("convention.yaml", []byte(convention+c.grants), partnership.DefaultLimits)
		if v := validate.Validate(doc, nil); diags.HasErrors() || v.HasErrors() {
			t.Fatalf("%s: %v %v", c.name, diags, v)
		}
		md := nbsp(string(mustRender(t, doc, render.WithLang("fr")).Markdown))
		for _, w := range c.says {
			if a := section(md, "{#"+w.article+"}"); !strings.Contains(a, w.text) {
				t.Errorf("%s: article %q does not say %q:\n%s", c.name, w.article, w.text, a)
			}
		}
		for _, w := range c.notSays {
			if a := section(md, "{#"+w.article+"}"); strings.Contains(a, w.text) {
				t.Errorf("%s: article %q says %q:\n%s", c.name, w.article, w.text, a)
			}
		}
	}
}
