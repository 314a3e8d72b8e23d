package render_test

import (
	"strings"
	"testing"
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
