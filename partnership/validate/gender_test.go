package validate_test

import (
	"strings"
	"testing"
)

// TestGenderOfTheNameWhenNoDesignation: a French document agrees participles with a party's
// designation, or with its name when it has none ("L’Harmonie municipale, représentée"). When
// neither the article nor a known noun tells the gender, the masculine is assumed, and the user
// is warned at the name or the designation that was read, so that "gender" can be given; a
// plural designation of an unknown noun ("les Haltes-Garderies") is warned too, as French agrees
// with the gender of the noun.
func TestGenderOfTheNameWhenNoDesignation(t *testing.T) {
	tests := []struct {
		name, party, pointer string
	}{
		{"elided name", "name: L’Harmonie municipale", "/parties/1/name"},
		{"elided name, straight apostrophe", "name: L'Harmonie municipale", "/parties/1/name"},
		{"foreign name", "name: Asociación Vecinal «El Ágora»", "/parties/1/name"},
		{"plural of an unknown noun", "name: Collectif\n    designation: les Haltes-Garderies", "/parties/1/designation"},
		{"plural of a noun whose suffix tells", "name: Collectif\n    designation: les Jardinières", ""},
		{"name of a known noun", "name: Association des Amis", ""},
		{"name with its article", "name: La Halle aux Communs", ""},
		{"plural of a known noun", "name: Collectif\n    designation: les Habitants", ""},
		{"gender given", "name: L’Harmonie municipale\n    gender: feminine", ""},
		{"designation of a known noun", "name: L’Harmonie municipale\n    designation: l’Association", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(baseConvention, "    name: Association\n", "    "+tt.party+"\n", 1)
			var got []string
			for _, d := range check("x.yaml", src) {
				if strings.Contains(d.Message, "masculine or feminine") {
					got = append(got, d.Pointer)
				}
			}
			switch {
			case tt.pointer == "" && len(got) > 0:
				t.Errorf("warned at %v, want no warning", got)
			case tt.pointer != "" && (len(got) != 1 || got[0] != tt.pointer):
				t.Errorf("warned at %v, want one warning at %s", got, tt.pointer)
			}
		})
	}
}
