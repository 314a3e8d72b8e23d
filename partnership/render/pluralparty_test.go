package render_test

import (
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
)

// TestPluralPartyAgreesInEnglish: the English presentation of a party declared plural says
// "their" throughout, including for the contact person of a group without legal personality,
// and "its" for a party in the singular.
func TestPluralPartyAgreesInEnglish(t *testing.T) {
	const charter = `kind: charter
lang: en
id: charter
title: Charter
parties:
  - {id: city, name: Riverside Council, role: public_authority, signs: false}
  - {id: friends, name: Friends of the Quay, designation: the Friends, plural: true, role: citizen_collective, legal_status: informal_group, signs: false, contact: {name: Amina Benali}}
  - {id: group, name: Quay Group, designation: the Group, role: citizen_collective, legal_status: informal_group, signs: false, contact: {name: Hugo Hamel}}
charter: {adopted_by: [city]}
`
	parties := renderedArticle(t, charter, "en", "parties")
	for _, want := range []string{
		"**Friends of the Quay**, a group without legal personality, acting through their contact person, Amina Benali, hereinafter “the Friends”, in their capacity",
		"**Quay Group**, a group without legal personality, acting through its contact person, Hugo Hamel, hereinafter “the Group”, in its capacity",
	} {
		if !strings.Contains(parties, want) {
			t.Errorf("want %q in:\n%s", want, parties)
		}
	}
}

// TestCoverNamesAsInTheText: the names and the title that the cover page shows (the front
// matter of the Markdown) are written with the same French typography as the text, so that the
// cover and the parties' article name a party alike ("Asociación Vecinal « El Ágora »").
func TestCoverNamesAsInTheText(t *testing.T) {
	const charter = `kind: charter
lang: fr
id: charte
title: "Charte «Communs» : Saragosse"
parties:
  - {id: ayto, name: Ayuntamiento de Zaragoza, designation: la Ville, role: public_authority, signs: false}
  - {id: agora, name: "Asociación Vecinal «El Ágora»", designation: l’Association, role: citizen_collective, signs: false}
charter: {adopted_by: [ayto]}
`
	doc, diags := partnership.Load("charte.yaml", []byte(charter), partnership.DefaultLimits)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := mustRender(t, doc, render.WithLang("fr"))
	md := string(out.Markdown)
	for _, name := range out.Meta.Parties {
		if !strings.Contains(md, "**"+name+"**") {
			t.Errorf("the cover names %q, which the parties' article does not:\n%s", name, section(md, "{#parties}"))
		}
	}
	if !strings.Contains(md, "\n# "+out.Meta.Title+"\n") {
		t.Errorf("the cover's title %q is not the document's:\n%s", out.Meta.Title, md[:400])
	}
}
