package render

import (
	"fmt"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership"
)

// The grammar functions of the templates: they write designations of parties as a sentence
// needs them, agreed in gender and number, joined with commas and "et"/"and", with French
// elision and contraction (d’, du, des, à l’, au, aux).

// partyOf resolves a template argument to a party: a Party, or the id of one.
func (st *state) partyOf(v any) (partnership.Party, error) {
	switch v := v.(type) {
	case partnership.Party:
		return v, nil
	case *partnership.Party:
		return *v, nil
	case string:
		return st.data.Party(v)
	}
	return partnership.Party{}, fmt.Errorf("expected a party or a party id, got %T", v)
}

// partiesOf resolves a template argument to a list of parties: one party or id, or a list of
// parties or ids.
func (st *state) partiesOf(v any) ([]partnership.Party, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice {
		p, err := st.partyOf(v)
		return []partnership.Party{p}, err
	}
	out := make([]partnership.Party, rv.Len())
	for i := range out {
		p, err := st.partyOf(rv.Index(i).Interface())
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// designationOf is how the text refers to a party, as escaped Markdown: its designation, else
// its name.
func (st *state) designationOf(p partnership.Party) string {
	for i, q := range st.def.Parties {
		if q.ID == p.ID {
			if p.Designation != "" {
				st.data.use(partnership.Pointer("parties", i, "designation"))
			} else {
				st.data.use(partnership.Pointer("parties", i, "name"))
			}
		}
	}
	if p.Designation != "" {
		return escapeText(p.Designation)
	}
	return escapeText(p.Name)
}

// agreement is the agreement of a group of parties: plural when there are several.
func agreementOf(parties []partnership.Party) partnership.Agreement {
	if len(parties) == 1 {
		p := parties[0]
		p.Designation, p.Name = unmark(p.Designation), unmark(p.Name)
		return p.Agreement()
	}
	a := partnership.Agreement{Plural: true, Known: true, Feminine: len(parties) > 0}
	for _, p := range parties {
		p.Designation, p.Name = unmark(p.Designation), unmark(p.Name)
		// French agrees in the masculine as soon as one member of the group is masculine.
		a.Feminine = a.Feminine && p.Agreement().Feminine
	}
	return a
}

// names joins the designations of parties as a sentence does: "la Commune, la Métropole et
// l’Agence".
func (st *state) names(v any) (Markdown, error) {
	parties, err := st.partiesOf(v)
	if err != nil {
		return "", fmt.Errorf("names: %w", err)
	}
	items := make([]string, len(parties))
	for i, p := range parties {
		items[i] = st.designationOf(p)
	}
	return Markdown(st.loc.join(items)), nil
}

// subject writes parties as the subject of a verb, and the verb agreed with them: "la Commune
// reconnaît", "la Commune et la Métropole reconnaissent".
func (st *state) subject(v any, one, many string) (Markdown, error) {
	parties, err := st.partiesOf(v)
	if err != nil {
		return "", fmt.Errorf("subject: %w", err)
	}
	n, err := st.names(parties)
	if err != nil {
		return "", err
	}
	verb := one
	if agreementOf(parties).Plural {
		verb = many
	}
	return n + Markdown(" "+escapeInline(verb)), nil
}

// verb agrees a verb with parties: the singular for one party with a singular designation, the
// plural otherwise.
func (st *state) verb(v any, one, many string) (string, error) {
	parties, err := st.partiesOf(v)
	if err != nil {
		return "", fmt.Errorf("verb: %w", err)
	}
	if agreementOf(parties).Plural {
		return many, nil
	}
	return one, nil
}

// agree writes a French participle, adjective or pronoun given in the masculine singular as
// the parties' designation requires: agree $p "représenté" gives représentée for « la Commune »,
// représentés for « les Habitants ». English words are returned as they are.
func (st *state) agree(v any, word string) (string, error) {
	parties, err := st.partiesOf(v)
	if err != nil {
		return "", fmt.Errorf("agree: %w", err)
	}
	if st.lang != "fr" {
		return word, nil
	}
	return agreeFrench(word, agreementOf(parties)), nil
}

// irregular are the French words whose feminine and plural forms do not add e and s.
var irregular = map[string][3]string{ // masculine singular → feminine singular, masculine plural, feminine plural
	"il":     {"elle", "ils", "elles"},
	"le":     {"la", "les", "les"},
	"celui":  {"celle", "ceux", "celles"},
	"lui":    {"elle", "eux", "elles"},
	"nouvel": {"nouvelle", "nouveaux", "nouvelles"},
	"tenu":   {"tenue", "tenus", "tenues"},
}

func agreeFrench(word string, a partnership.Agreement) string {
	if forms, ok := irregular[word]; ok {
		switch {
		case a.Feminine && a.Plural:
			return forms[2]
		case a.Plural:
			return forms[1]
		case a.Feminine:
			return forms[0]
		}
		return word
	}
	if a.Feminine && !strings.HasSuffix(word, "e") {
		word += "e"
	}
	if a.Plural && !strings.HasSuffix(word, "s") && !strings.HasSuffix(word, "x") {
		word += "s"
	}
	return word
}

// preposition writes French "de" or "à" before a party or a text, elided or contracted with
// the article that starts it: de la Commune, du Collectif, des Habitants, d’un an; à la
// Commune, au Collectif, aux Habitants, à l’Association. In English it writes "of" or "to".
func (st *state) preposition(prep string, v any) (Markdown, error) {
	var text string
	switch v := v.(type) {
	case partnership.Party, *partnership.Party:
		p, _ := st.partyOf(v)
		text = st.designationOf(p)
	case Markdown:
		text = string(v)
	case string:
		if st.isPartyID(v) {
			p, _ := st.data.Party(v)
			text = st.designationOf(p)
		} else {
			text = escapeText(v)
		}
	default:
		text = string(escapeAny(v))
	}
	if st.lang != "fr" {
		return Markdown(map[string]string{"de": "of", "à": "to"}[prep] + " " + text), nil
	}
	return Markdown(contract(prep, text)), nil
}

func (st *state) isPartyID(s string) bool {
	if s == "" {
		return false
	}
	for _, p := range st.def.Parties {
		if p.ID == s {
			return true
		}
	}
	return false
}

// contract joins French "de" or "à" to the text after it.
func contract(prep, text string) string {
	open, body := splitMark(text)
	lower := strings.ToLower(body)
	switch {
	case strings.HasPrefix(lower, "le "):
		return open + map[string]string{"de": "du", "à": "au"}[prep] + body[2:]
	case strings.HasPrefix(lower, "les "):
		return open + map[string]string{"de": "des", "à": "aux"}[prep] + body[3:]
	case prep == "de" && partnership.StartsWithVowelSound(body):
		return open + "d’" + body
	}
	return prep + " " + text
}

// splitMark separates the mark that opens a text shown in another language from the text.
func splitMark(s string) (mark, rest string) {
	if strings.HasPrefix(s, markOpen) {
		return markOpen, s[len(markOpen):]
	}
	return "", s
}

// feminineUnits are the nouns counted in the clauses that are feminine, for "une" before them.
var feminineUnits = map[string]bool{"année": true, "fois": true, "heure": true, "journée": true, "partie": true, "personne": true,
	"relève": true, "réunion": true, "semaine": true, "séance": true, "subvention": true, "voix": true, "candidature": true, "action": true}

// count writes a number and its noun, agreed: small numbers in words, as legal texts write them
// ("un renouvellement", "deux ans", "une relève"), larger ones in digits ("30 jours").
func (l locale) count(n int, one, many string) string {
	word := pluralWord(l.lang, n, one, many)
	switch {
	case n == 1 && l.lang == "fr" && feminineUnits[strings.Fields(one + " x")[0]]:
		return "une " + word
	case n >= 0 && n < 10:
		return l.spell(n) + " " + word
	}
	return l.number(float64(n)) + " " + word
}

// duration writes a number of months as a lawyer does: whole years as years ("un an", "30
// ans", "one year"), anything else in months.
func (l locale) duration(months int) string {
	if months > 0 && months%12 == 0 {
		if l.lang == "fr" {
			return l.count(months/12, "an", "ans")
		}
		return l.count(months/12, "year", "years")
	}
	if l.lang == "fr" {
		return l.count(months, "mois", "mois")
	}
	return l.count(months, "month", "months")
}

// college is how the text refers to a college of the governance: « le Collège des habitants »,
// « le collège « Observatoire des usagers » », "the Citizens’ college".
func (st *state) college(v any) (Markdown, error) {
	var c partnership.College
	switch v := v.(type) {
	case partnership.College:
		c = v
	case string:
		var err error
		if c, err = st.data.College(v); err != nil {
			return "", err
		}
	default:
		return "", fmt.Errorf("college: expected a college or a college id, got %T", v)
	}
	name := escapeText(c.Name)
	plain := unmark(name)
	lower := strings.ToLower(plain)
	if st.lang == "fr" {
		if article, _ := partnership.SplitArticle(plain); article != "" {
			return Markdown(name), nil
		}
		if strings.HasPrefix(lower, "collège") {
			return Markdown("le " + name), nil
		}
		return Markdown("le collège " + st.loc.quote(name)), nil
	}
	if strings.HasPrefix(lower, "the ") {
		return Markdown(name), nil
	}
	if strings.Contains(lower, "college") {
		return Markdown("the " + name), nil
	}
	return Markdown("the college " + st.loc.quote(name)), nil
}

// capFirstMarked capitalises the first letter of text, past an escaping backslash or the mark
// of a text in another language.
func capFirstMarked(s string) string {
	mark, rest := splitMark(s)
	r, size := utf8.DecodeRuneInString(rest)
	if r == '\\' || r == utf8.RuneError {
		return s
	}
	return mark + string(unicode.ToUpper(r)) + rest[size:]
}

// domains writes the names of decision domains, given by their ids, quoted and joined as a
// sentence.
func (st *state) domains(ids []string) (Markdown, error) {
	items := make([]string, len(ids))
	for i, id := range ids {
		d, err := st.data.Domain(id)
		if err != nil {
			return "", err
		}
		items[i] = st.loc.quote(escapeText(d.Name))
	}
	return Markdown(st.loc.join(items)), nil
}
