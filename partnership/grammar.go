package partnership

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Agreement is how French grammar agrees with a designation: the gender and number that
// participles, adjectives and verbs take after it ("la Commune est représentée", "les Habitants
// s'engagent").
type Agreement struct {
	Feminine bool
	Plural   bool
	// Known is false when neither the designation's article, nor the party, nor the words the
	// toolkit knows tell the gender: masculine is then assumed.
	Known bool
}

// Agreement returns how French agrees with the party's designation (its name when it has none):
// the gender and number the party declares, else those its article shows (le, la, les), else
// the gender of its first noun when the toolkit knows it.
func (p Party) Agreement() Agreement {
	text := p.Designation
	if text == "" {
		text = p.Name
	}
	return DesignationAgreement(text, p.Gender, p.Plural)
}

// DesignationAgreement works out the agreement of a designation. gender ("masculine",
// "feminine" or "") and plural are what the party declares; they win over the article.
func DesignationAgreement(text, gender string, plural bool) Agreement {
	article, noun := SplitArticle(text)
	a := Agreement{Plural: plural || article == "les"}
	switch {
	case gender == "feminine":
		a.Feminine, a.Known = true, true
	case gender == "masculine":
		a.Known = true
	case article == "la":
		a.Feminine, a.Known = true, true
	case article == "le":
		a.Known = true
	default:
		// A noun the toolkit does not know leaves the gender unknown, even in the plural ("les
		// Jardinières"): French agrees with the gender of the noun.
		a.Feminine, a.Known = nounGender(noun)
	}
	return a
}

// SplitArticle separates a French definite article (le, la, l’, les) from the words after it;
// the article is returned in lower case, with an elided one as "l'".
func SplitArticle(text string) (article, rest string) {
	text = strings.TrimSpace(text)
	lower := strings.ToLower(text)
	for _, a := range []string{"les ", "le ", "la ", "l'", "l’"} {
		if strings.HasPrefix(lower, a) {
			art := strings.TrimSpace(a)
			if art == "l’" {
				art = "l'"
			}
			return art, strings.TrimSpace(text[len(a):])
		}
	}
	return "", text
}

// nounGender looks up the first word of a designation among the nouns public bodies and
// collectives are commonly designated by.
func nounGender(noun string) (feminine, known bool) {
	words := strings.FieldsFunc(noun, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
	if len(words) == 0 {
		return false, false
	}
	word := strings.ToLower(words[0])
	if g, ok := nounGenders()[word]; ok {
		return g, true
	}
	word = strings.TrimSuffix(word, "s")
	if g, ok := nounGenders()[word]; ok {
		return g, true
	}
	// Nouns of agents whose suffix tells the gender (les Jardinières, les Jardiniers).
	for _, suffix := range []string{"ière", "euse", "trice"} {
		if strings.HasSuffix(word, suffix) {
			return true, true
		}
	}
	if strings.HasSuffix(word, "ier") {
		return false, true
	}
	return false, false
}

// nounGenders gives the gender (true for feminine) of the nouns that usually head the
// designation of a public body or a collective.
var nounGenders = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`association assemblée agence administration amicale banque bibliothèque caisse
		chambre cité collectivité commission communauté commune compagnie confédération coopérative
		coordination délégation direction école entreprise épicerie équipe fabrique fédération
		fondation foncière instance intercommunalité maison mairie métropole médiathèque municipalité
		amie habitante mutuelle organisation personne plateforme préfecture province recyclerie régie région
		résidente ressourcerie riveraine section société structure union université ville voisine`) {
		m[w] = true
	}
	for _, w := range strings.Fields(`atelier bailleur bureau campus centre cercle club collectif collège comité
		conseil conservatoire consortium département établissement état exploitant financeur foyer
		fonds garant gestionnaire groupe groupement habitant institut jardin laboratoire lieu
		ministère musée observatoire office opérateur organisme parc partenaire pôle porteur
		quartier réseau résident riverain secrétariat service syndicat théâtre tiers-lieu usager voisin
		voisinage ami`) {
		m[w] = false
	}
	return m
})

// StartsWithVowelSound reports whether French elides before the word: a vowel, or an h that is
// not aspirated; not before "onze", "huit" and the words whose h is aspirated.
func StartsWithVowelSound(text string) bool {
	text = strings.TrimLeft(text, `\«“"( `)
	lower := strings.ToLower(text)
	for _, w := range []string{"onze", "onzième"} {
		if strings.HasPrefix(lower, w) {
			return false
		}
	}
	r, _ := utf8.DecodeRuneInString(text)
	r = unicode.ToLower(r)
	// Vowels with the accents of French and of the other languages names come in (Ōkubo,
	// Ávila, Ørsted).
	if strings.ContainsRune("aeiouyàâäéèêëîïôöûüœæáíóúìòùãõåøāēīōūăĕĭŏŭýÿ", r) {
		return true
	}
	if r != 'h' {
		return false
	}
	for _, w := range aspiratedH {
		if strings.HasPrefix(lower, w) {
			return false
		}
	}
	return true
}

// aspiratedH are the beginnings of the common words whose h is aspirated: no elision before them.
var aspiratedH = []string{"haie", "hall", "halle", "halte", "hameau", "hangar", "harcèlement", "hasard", "hausse", "haut", "héron", "héros", "hêtr", "hibou", "hollande", "hongrie", "honte", "hors", "houblon", "huit", "hutte"}
