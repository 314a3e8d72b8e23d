package partnership_test

import (
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

// TestDesignationAgreementOfPlurals: a plural designation agrees with the gender of its noun,
// which is unknown (and warned by validate) when neither the toolkit's list of nouns nor the
// suffix of an agent noun tells it; an elided article never tells the gender.
func TestDesignationAgreementOfPlurals(t *testing.T) {
	for _, c := range []struct {
		text                    string
		feminine, plural, known bool
	}{
		{"les Jardinières", true, true, true},
		{"les Jardiniers", false, true, true},
		{"les Habitantes", true, true, true},
		{"les Habitants", false, true, true},
		{"les Haltes-Garderies", false, true, false},
		{"L'Harmonie municipale", false, false, false},
		{"L’Association des Amis", true, false, true},
		{"les Animatrices", true, true, true},
		{"les Voisines du square", true, true, true},
	} {
		a := partnership.DesignationAgreement(c.text, "", false)
		if a.Feminine != c.feminine || a.Plural != c.plural || a.Known != c.known {
			t.Errorf("%s: feminine=%v plural=%v known=%v, want %v %v %v", c.text, a.Feminine, a.Plural, a.Known, c.feminine, c.plural, c.known)
		}
	}
}

// TestStartsWithVowelSound: French elides before a vowel, whatever its accent or the language
// of the name ("d’Ōkubo & Fils", "d’Ávila", "d’Úbeda", "d’Hôtel-Dieu"), and not before an
// aspirated h ("de Halte-Garderie", "de Hêtraie") or a consonant.
func TestStartsWithVowelSound(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Ōkubo & Fils", true},
		{"Ávila", true},
		{"Úbeda Ciudad", true},
		{"Íñigo", true},
		{"Ørsted", true},
		{"Åre", true},
		{"Établissement public", true},
		{"« Îlot vert »", true},
		{"Hôtel-Dieu", true},
		{"Harmonie", true},
		{"Halte-Garderie des Lilas", false},
		{"Hêtraie du Parc", false},
		{"Hameau des Aulnes", false},
		{"onze", false},
		{"Ville", false},
	} {
		if got := partnership.StartsWithVowelSound(c.text); got != c.want {
			t.Errorf("StartsWithVowelSound(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
