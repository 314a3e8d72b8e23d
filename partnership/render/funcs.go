package render

import (
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/typeset"
)

// Data is what a clause template sees as its dot: every field of the definition (.Title,
// .Parties, .Governance…), plus the methods below. Templates cannot reach anything else: no
// file, no environment, no clock.
type Data struct {
	*partnership.Definition
	lib  *Library
	lang string
	// answered is the call an application answers, when its file was given and is valid.
	answered *partnership.Definition
	// score is computed once per document, however many clauses ask for it.
	score func() *score.Result
	// use records a value of the definition a clause looked up through a method, by its JSON
	// pointer, for explain.
	use func(pointer string)
	// applyDefault is the template function default, for the methods that read a key the
	// defaults file may give (see TieBreak).
	applyDefault func(key string, given any) (any, error)
	// notice is the template function notice, for WrittenNotice.
	notice func() (Markdown, error)
}

func newData(doc *partnership.Document, def *partnership.Definition, lib *Library, lang string) *Data {
	d := &Data{Definition: def, lib: lib, lang: lang, use: func(string) {}}
	if doc.Call != nil {
		d.answered, _ = doc.Call.LocalizedWith(lang, markForeign)
	}
	d.score = sync.OnceValue(func() *score.Result {
		if !score.HasFacts(d.Definition) {
			return nil
		}
		r := score.Evaluate(d.Definition, nil)
		return &r
	})
	return d
}

// AnsweredCall returns the call an application answers, when the application names the call's
// file and that call is valid; nil otherwise, and templates then print ids alone.
func (d *Data) AnsweredCall() *partnership.Definition { return d.answered }

// Challenge returns the challenge of the answered call with the given id, or a challenge with
// only its id when the call is not known.
func (d *Data) Challenge(id string) partnership.Challenge {
	if d.answered != nil && d.answered.Call != nil {
		for _, c := range d.answered.Call.Challenges {
			if c.ID == id {
				return c
			}
		}
	}
	return partnership.Challenge{ID: id}
}

// Round returns the selection round of the answered call with the given id, or a round with
// only its id when the call is not known.
func (d *Data) Round(id string) partnership.Round {
	if d.answered != nil && d.answered.Call != nil {
		for _, r := range d.answered.Call.Rounds {
			if r.ID == id {
				return r
			}
		}
	}
	return partnership.Round{ID: id}
}

// Criterion returns the selection criterion of the answered call with the given id, or a
// criterion with only its id when the call is not known.
func (d *Data) Criterion(id string) partnership.WeightedCriterion {
	if d.answered != nil && d.answered.Call != nil {
		for _, c := range d.answered.Call.Criteria {
			if c.ID == id {
				return c
			}
		}
	}
	return partnership.WeightedCriterion{ID: id}
}

// Score returns the communality assessment of the definition (its declared facts through the
// rubric, checked against its own thresholds), or nil when it declares no facts.
func (d *Data) Score() *score.Result { return d.score() }

// Rules returns the rubric's rules that gave the levels of an axis, best first.
func (d *Data) Rules(axis score.Axis) []RuleApplied {
	r := d.Score()
	if r == nil {
		return nil
	}
	var out []RuleApplied
	for _, f := range r.Profile.Findings {
		if f.Axis != axis {
			continue
		}
		for _, rule := range score.Rules {
			if rule.ID == f.Rule {
				out = append(out, RuleApplied{Level: f.Level, Text: rule.Text[d.lang], Sources: f.Sources})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b RuleApplied) int { return b.Level - a.Level })
	return out
}

// Axes lists the three axes of inclusivity: use, governance, preservation.
func (d *Data) Axes() []score.Axis { return score.Axes }

// RuleApplied is a rule of the rubric that was met, in the document's language.
type RuleApplied struct {
	Level   int
	Text    string
	Sources []score.Source
}

// Party returns the party with the given id; an unknown id stops the render.
func (d *Data) Party(id string) (partnership.Party, error) {
	for i, p := range d.Parties {
		if p.ID == id {
			d.use(partnership.Pointer("parties", i))
			return p, nil
		}
	}
	return partnership.Party{}, fmt.Errorf("no party has id %q", id)
}

// PartiesWithRole returns the parties that hold one of the roles, in the order of the definition.
func (d *Data) PartiesWithRole(roles ...string) []partnership.Party {
	var out []partnership.Party
	for i, p := range d.Parties {
		if slices.Contains(roles, string(p.Role)) {
			d.use(partnership.Pointer("parties", i, "role"))
			out = append(out, p)
		}
	}
	return out
}

// Signatories returns the parties that sign the document, in the order of the definition: every
// party that does not say otherwise, except in an application, which only its applicant signs.
func (d *Data) Signatories() []partnership.Party {
	var out []partnership.Party
	for i, p := range d.Parties {
		if d.Kind == partnership.KindApplication && (d.Application == nil || p.ID != d.Application.Applicant) {
			continue
		}
		if p.Signs == nil || *p.Signs {
			d.use(partnership.Pointer("parties", i))
			out = append(out, p)
		}
	}
	return out
}

// PublicBody returns the first party with the role of public authority, the one a charter or a
// convention speaks for; the zero Party when there is none.
func (d *Data) PublicBody() partnership.Party {
	for i, p := range d.Parties {
		if p.Role == partnership.RolePublicAuthority {
			d.use(partnership.Pointer("parties", i))
			return p
		}
	}
	return partnership.Party{}
}

// TotalGrants adds up the amounts of all grants, exactly: in cents.
func (d *Data) TotalGrants() float64 {
	if d.Support == nil {
		return 0
	}
	var total int64
	for _, g := range d.Support.Grants {
		total += partnership.Cents(g.Amount)
	}
	return partnership.Euros(total)
}

// Grant returns the grant with the given id.
func (d *Data) Grant(id string) (partnership.Grant, error) {
	if d.Support != nil {
		for i, g := range d.Support.Grants {
			if g.ID == id {
				d.use(partnership.Pointer("support", "grants", i))
				return g, nil
			}
		}
	}
	return partnership.Grant{}, fmt.Errorf("no grant has id %q", id)
}

// College returns the college of the governance with the given id.
func (d *Data) College(id string) (partnership.College, error) {
	if d.Governance != nil {
		for i, c := range d.Governance.Colleges {
			if c.ID == id {
				d.use(partnership.Pointer("governance", "colleges", i))
				return c, nil
			}
		}
	}
	return partnership.College{}, fmt.Errorf("no college has id %q", id)
}

// Domain returns the decision domain of the governance with the given id.
func (d *Data) Domain(id string) (partnership.Domain, error) {
	if d.Governance != nil {
		for i, dom := range d.Governance.Domains {
			if dom.ID == id {
				d.use(partnership.Pointer("governance", "domains", i))
				return dom, nil
			}
		}
	}
	return partnership.Domain{}, fmt.Errorf("no decision domain has id %q", id)
}

// TotalSeats adds up the seats of all colleges.
func (d *Data) TotalSeats() int {
	if d.Governance == nil {
		return 0
	}
	n := 0
	for _, c := range d.Governance.Colleges {
		n += c.Seats
	}
	return n
}

// FuncDoc documents one template function for authors of house clauses.
type FuncDoc struct {
	Name, Usage, Doc string
}

// Funcs documents the functions clause templates may use: this list is the whole of what a
// template can call, besides text/template's builtins (and, or, not, len, index, eq, lt…).
var Funcs = []FuncDoc{
	{"date", "date STRING", "a YYYY-MM-DD date in full: 1er mars 2026, 1 March 2026"},
	{"amount", "amount NUMBER", "a sum in the document's currency (euros unless it says otherwise): 12 500 €, €12,500, 12 500 £, CHF 12,500"},
	{"number", "number NUMBER", "a number with the language's separators: 12 500,5"},
	{"percent", "percent NUMBER", "a percentage given in percent: 70 %"},
	{"div", "div A B", "A divided by B (0 when B is 0), for a rate: percent (mul (div .Amount .EligibleCosts) 100)"},
	{"mul", "mul A B", "A multiplied by B"},
	{"share", "share FRACTION", "a fraction as a percentage: 0.67 gives 67 %"},
	{"ordinal", "ordinal INT", "1er, 2e… or 1st, 2nd…"},
	{"count", "count INT SINGULAR PLURAL", "a number and its noun, agreed, small numbers in words: un renouvellement, une relève, deux sièges, 30 jours"},
	{"duration", "duration MONTHS", "a number of months as a lawyer writes it, whole years as years: un an, 30 ans, 18 mois"},
	{"plural", "plural INT SINGULAR PLURAL", "the noun agreed with the number, without the number"},
	{"label", "label ENUMERATION VALUE", "the words for a value of the definition (label \"role\" .Role)"},
	{"quote", "quote TEXT", "text in the language's quotation marks: « texte », “text”"},
	{"join", "join LIST", "a list of texts as a sentence: a, b et c"},
	{"list", "list LIST", "a Markdown bullet list, one item per line"},
	{"para", "para TEXT", "a paragraph of text, one sentence per line"},
	{"paras", "paras TEXT", "several paragraphs (separated by blank lines in the definition), one sentence per line"},
	{"sentence", "sentence TEXT", "the text ending with a full stop, added only when it has no final punctuation"},
	{"de", "de PARTY-or-TEXT", "French \"de\" before a party or a text, elided or contracted: de la Commune, du Collectif, des Habitants, d’un an; \"of\" in English"},
	{"to", "to PARTY-or-TEXT", "French \"à\" before a party or a text, contracted: à la Commune, au Collectif, aux Habitants, à l’Association; \"to\" in English"},
	{"capfirst", "capfirst TEXT", "the text with a capital first letter"},
	{"link", "link URL", "a clickable web address (http and https only)"},
	{"ref", "ref CLAUSE-ID", "a cross-reference to another clause: l’article 5 is written l’{{ref \"termination\"}}"},
	{"has", "has CLAUSE-ID", "whether another clause is present in the document"},
	{"designation", "designation PARTY-or-ID", "how the text refers to a party: its designation (« la Commune »), else its name"},
	{"names", "names PARTIES", "the designations of parties (a list of parties or ids, or one) joined as a sentence: la Commune, la Métropole et l’Agence"},
	{"subject", "subject PARTIES SINGULAR PLURAL", "the parties as the subject of a verb, with the verb agreed: la Commune reconnaît, la Commune et la Métropole reconnaissent"},
	{"verb", "verb PARTIES SINGULAR PLURAL", "the verb agreed with the parties, without them: s’engage, s’engagent"},
	{"agree", "agree PARTIES WORD", "a French participle, adjective or pronoun given in the masculine singular, agreed with the parties: représenté gives représentée, représentés…; unchanged in English"},
	{"college", "college COLLEGE-or-ID", "how the text refers to a college: le Collège des habitants, le collège « Observatoire », the Citizens’ college"},
	{"domains", "domains IDS", "the names of decision domains, given by their ids, quoted and joined as a sentence: « Tarifs » et « Budget »"},
	{"notice", "notice", "the form in which a party notifies the others, in words: the definition's notice (par lettre recommandée avec accusé de réception, par écrit; by registered letter with acknowledgement of receipt, in writing), else the clause library's default for the document's kind and jurisdiction, reported as a warning and by explain; explain lists /notice among the values the clause reads"},
	{"default", "default KEY VALUE", "VALUE when the definition gives it, else the clause library's default for KEY (a key of the definition, with dots: \"termination.notice_months\") under the document's jurisdiction, reported as a warning and by explain; nil when there is none"},
	{"law", "law STATUTE", "the citation of a statute (a key of the law section of defaults.yaml) when the library cites it under the document's jurisdiction, reported by explain; empty otherwise"},
	{"spell", "spell INT", "a whole number in words up to twenty, in digits beyond: deux, two"},
	{"chart", "chart RESULT", "the bar chart of a communality assessment (.Score): the three axes against their thresholds"},
	{"add", "add INT INT", "the sum of two whole numbers, to number items from 1: add $i 1"},
}

// placeholderFuncs are the functions a template is parsed with; each render binds its own.
func placeholderFuncs() template.FuncMap {
	return (&state{loc: newLocale("fr"), numbers: map[string]int{}, numbered: map[string]bool{}}).funcs()
}

// placeholders is placeholderFuncs built once, for parsing: a template copies the map it is given.
var placeholders = sync.OnceValue(placeholderFuncs)

// funcs binds the documented functions to one render.
func (st *state) funcs() template.FuncMap {
	loc := st.loc
	return template.FuncMap{
		escapeFuncName: escapeAny,
		"date":         func(s string) Markdown { return Markdown(escapeInline(loc.date(s))) },
		"amount":       func(v any) (Markdown, error) { f, err := toFloat(v); return Markdown(loc.amount(f)), err },
		"number":       func(v any) (Markdown, error) { f, err := toFloat(v); return Markdown(loc.number(f)), err },
		"percent":      func(v any) (Markdown, error) { f, err := toFloat(v); return Markdown(loc.percent(f)), err },
		"share":        func(v any) (Markdown, error) { f, err := toFloat(v); return Markdown(loc.percent(f * 100)), err },
		"div": func(a, b any) (float64, error) {
			x, err1 := toFloat(a)
			y, err2 := toFloat(b)
			if y == 0 {
				return 0, errors.Join(err1, err2)
			}
			return x / y, errors.Join(err1, err2)
		},
		"mul": func(a, b any) (float64, error) {
			x, err1 := toFloat(a)
			y, err2 := toFloat(b)
			return x * y, errors.Join(err1, err2)
		},
		"paras":    func(s string) Markdown { return Markdown(paragraphs(s)) },
		"sentence": func(v any) Markdown { return Markdown(sentence(string(escapeAny(v)))) },
		"de":       func(v any) (Markdown, error) { return st.preposition("de", v) },
		"to":       func(v any) (Markdown, error) { return st.preposition("à", v) },
		"ordinal":  func(n int) Markdown { return Markdown(loc.ordinal(n)) },
		"count": func(n int, one, many string) Markdown {
			return Markdown(loc.count(n, one, many))
		},
		"duration": func(months int) Markdown { return Markdown(loc.duration(months)) },
		"plural":   func(n int, one, many string) string { return pluralWord(st.lang, n, one, many) },
		"label":    st.label,
		"quote":    func(v any) Markdown { return Markdown(loc.quote(string(escapeAny(v)))) },
		"join": func(v any) (Markdown, error) {
			items, err := texts(v)
			return Markdown(loc.join(items)), err
		},
		"list": func(v any) (Markdown, error) {
			items, err := texts(v)
			for i, it := range items {
				items[i] = "- " + it
			}
			return Markdown(strings.Join(items, "\n")), err
		},
		"para":     func(s string) Markdown { return Markdown(paragraph(s)) },
		"capfirst": func(v any) Markdown { return Markdown(capFirstMarked(string(escapeAny(v)))) },
		"link":     link,
		"ref":      st.ref,
		"has": func(id string) bool {
			st.numbered[st.current] = true
			return !st.final || st.numbers[id] > 0 || !slices.Contains(st.manifest.Articles, id)
		},
		"add":   func(a, b int) int { return a + b },
		"spell": func(n int) Markdown { return Markdown(loc.spell(n)) },
		"chart": st.communalityChart,
		"designation": func(v any) (Markdown, error) {
			p, err := st.partyOf(v)
			if err != nil {
				return "", fmt.Errorf("designation: %w", err)
			}
			return Markdown(st.designationOf(p)), nil
		},
		"names":   st.names,
		"subject": st.subject,
		"verb":    st.verb,
		"agree":   st.agree,
		"college": st.college,
		"domains": st.domains,
		"default": st.defaultValue,
		"law":     st.statute,
		"notice":  st.notice,
	}
}

// escapeAny is the function every template action ends with: Markdown passes through, any
// other value is printed as escaped text, and a text marked as being in another language keeps
// its marks around the escaped text.
func escapeAny(v any) Markdown {
	if s, ok := v.(string); ok {
		return Markdown(escapeText(s))
	}
	return escapeValue(v)
}

// escapeText escapes a text for a Markdown line, keeping the marks of a text in another
// language around it, so that what the marks would hide from the escaping is escaped too.
func escapeText(s string) string {
	if inner, ok := marked(s); ok {
		return markOpen + escapeInline(inner) + markClose
	}
	return escapeInline(unmark(s))
}

// paragraph escapes a text as a paragraph, one sentence per line; each line of a text in
// another language keeps the marks.
func paragraph(s string) string {
	inner, ok := marked(s)
	if !ok {
		return escapeParagraph(unmark(s))
	}
	return markLines(escapeParagraph(inner))
}

// paragraphs escapes a text made of several paragraphs, keeping the marks on every line.
func paragraphs(s string) string {
	inner, ok := marked(s)
	if !ok {
		return escapeParagraphs(unmark(s))
	}
	return markLines(escapeParagraphs(inner))
}

func markLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = markOpen + l + markClose
		}
	}
	return strings.Join(lines, "\n")
}

// toFloat accepts the numbers a template may hold: float64 fields, int counts, constants.
func toFloat(v any) (float64, error) {
	switch n := v.(type) {
	case float64:
		return n, nil
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	}
	return 0, fmt.Errorf("expected a number, got %T", v)
}

// sentence ends text with a full stop unless it already ends with punctuation.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(s, markClose))
	if s == "" || strings.ContainsRune(".!?…:;", r) || strings.HasSuffix(s, ".»") || strings.HasSuffix(s, ".)") {
		return s
	}
	return s + "."
}

func pluralWord(lang string, n int, one, many string) string {
	// French treats 0 and 1 as singular, English only 1.
	if n == 1 || lang == "fr" && n == 0 {
		return one
	}
	return many
}

// texts turns a list of strings (or of Markdown) into escaped Markdown items.
func texts(v any) ([]string, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil, nil
	}
	if rv.Kind() != reflect.Slice {
		return nil, fmt.Errorf("expected a list, got %T", v)
	}
	out := make([]string, rv.Len())
	for i := range out {
		out[i] = string(escapeAny(rv.Index(i).Interface()))
	}
	return out, nil
}

// link makes a web address clickable, refusing any scheme but http and https so that a
// definition cannot smuggle in javascript: or data: links.
func link(raw string) (Markdown, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(raw, " <>") {
		return Markdown(escapeInline(raw)), nil
	}
	return Markdown("<" + raw + ">"), nil
}

// label returns the words a library gives to a value of the definition.
func (st *state) label(enum string, value any) (Markdown, error) {
	s, ok := value.(string) // most values are; fmt is slower to say so
	if !ok {
		s = fmt.Sprint(value)
	}
	words, ok := st.r.lib.Label(st.lang, enum, s)
	if !ok {
		return "", fmt.Errorf("the labels of %q have no words for %q", enum, s)
	}
	return Markdown(escapeInline(words)), nil
}

// communalityChart draws the three axes of a profile against the thresholds that apply.
func (st *state) communalityChart(r *score.Result) (Markdown, error) {
	if r == nil {
		return "", nil
	}
	words := map[string][2]string{"fr": {"Profil de communalité", "seuil requis"}, "en": {"Communality profile", "required threshold"}}[st.lang]
	c := typeset.Chart{Title: words[0], Max: 4, ThresholdLabel: words[1]}
	for _, a := range score.Axes {
		label, _ := st.r.lib.Label(st.lang, "axis", string(a))
		bar := typeset.Bar{Label: capFirstPlain(label), Value: float64(r.Profile.Level(a)), Text: strconv.Itoa(r.Profile.Level(a)) + " / 4"}
		for _, ch := range r.Checks {
			if ch.Axis == string(a) {
				bar.Threshold = ch.Required
			}
		}
		c.Bars = append(c.Bars, bar)
	}
	if c.ThresholdLabel != "" && !slices.ContainsFunc(c.Bars, func(b typeset.Bar) bool { return b.Threshold > 0 }) {
		c.ThresholdLabel = ""
	}
	return Markdown(typeset.ChartBlock(c)), nil
}

func capFirstPlain(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// ref writes a cross-reference to another clause, as a link to its heading.
func (st *state) ref(id string) (Markdown, error) {
	st.numbered[st.current] = true
	if !slices.Contains(st.manifest.Clauses(), id) {
		return "", fmt.Errorf("ref %q: a %s has no such clause", id, st.doc.Definition.Kind)
	}
	n := st.numbers[id]
	if !st.final {
		n = 1 // numbers are not known yet; the text is discarded
	}
	if n == 0 {
		if !slices.Contains(st.manifest.Articles, id) {
			return "", fmt.Errorf("ref %q: only articles can be referred to by number", id)
		}
		return "", fmt.Errorf("ref %q: the clause is not in this document; guard the reference with {{if has %q}}", id, id)
	}
	var text string
	switch {
	case st.manifest.Numbering == "section":
		text = "section " + strconv.Itoa(n)
	case st.lang == "fr":
		text = "article " + st.loc.articleNumber(n)
	default:
		text = "Article " + strconv.Itoa(n)
	}
	return Markdown("[" + text + "](#" + id + ")"), nil
}

// noticeKey is the key of the definition that gives the form of notice, and of its labels.
const noticeKey = "notice"

// notice is the template function notice: the words of the form in which a party notifies the
// others. The form is the definition's notice, else the clause library's default for the
// document's kind and jurisdiction, which is recorded as every default is (a warning and an
// entry of explain). Without either, the clause stops with an error rather than state a form
// that nothing gives: the library's defaults give one for every kind whose clauses write a
// notice, under every jurisdiction.
func (st *state) notice() (Markdown, error) {
	form, err := st.defaultValue(noticeKey, st.def.Notice)
	if err != nil {
		return "", err
	}
	if form == nil {
		return "", fmt.Errorf("notice: no form of notice: the definition gives none, and the defaults give none for kind %q under jurisdiction %q", st.def.Kind, st.def.Country())
	}
	return st.label(noticeKey, form)
}

// WrittenNotice is the form in which a party notifies the others, in words, as the template
// function notice writes it: the definition's notice, else the clause library's default for the
// document's kind and jurisdiction, reported as a warning and by explain. It is kept for house
// clauses written before that function existed.
func (d *Data) WrittenNotice() (Markdown, error) {
	if d.notice == nil {
		return "", errors.New("WrittenNotice: the form of notice is known only while a document renders")
	}
	return d.notice()
}

// Recipients returns the parties that receive the public support of the document, in the
// order of the definition: the recipient of each grant and the recipient of the support in
// kind (see InKindRecipients).
func (d *Data) Recipients() []partnership.Party { return d.recipients(anyParty, true) }

// GrantRecipients returns the parties that receive the grants, in the order of the definition.
func (d *Data) GrantRecipients() []partnership.Party { return d.recipients(anyParty, false) }

// recipients returns the parties that receive the support of the funders and providers from
// accepts, in the order of the definition: the recipients of their grants and, with inKind,
// the recipient of the support in kind when one of them provides some.
func (d *Data) recipients(from func(id string) bool, inKind bool) []partnership.Party {
	if d.Support == nil {
		return nil
	}
	var ids []string
	for _, g := range d.Support.Grants {
		if from(g.Funder) {
			ids = append(ids, d.GrantRecipient(g))
		}
	}
	if inKind && slices.ContainsFunc(d.Support.InKind, func(k partnership.InKind) bool { return from(k.Provider) }) {
		ids = append(ids, d.GrantRecipient(partnership.Grant{}))
	}
	return d.partiesIn(ids, "")
}

// anyParty accepts every funder and provider, for recipients.
func anyParty(string) bool { return true }

// InKindRecipients returns the party that receives the support in kind: the document's only
// citizen collective or operator. When there are several, the definition does not say which
// receives what, and the list is empty.
func (d *Data) InKindRecipients() []partnership.Party {
	if d.Support == nil || len(d.Support.InKind) == 0 {
		return nil
	}
	return d.partiesIn([]string{d.GrantRecipient(partnership.Grant{})}, "")
}

// PublicFunders returns the public authorities that give support, in money or in kind.
func (d *Data) PublicFunders() []partnership.Party {
	if d.Support == nil {
		return nil
	}
	var ids []string
	for _, g := range d.Support.Grants {
		ids = append(ids, g.Funder)
	}
	for _, k := range d.Support.InKind {
		ids = append(ids, k.Provider)
	}
	return d.partiesIn(ids, partnership.RolePublicAuthority)
}

// partiesIn returns the parties whose id is among ids (and whose role is role, unless role is
// empty), in the order of the definition, recording that the clause looked them up.
func (d *Data) partiesIn(ids []string, role partnership.Role) []partnership.Party {
	var out []partnership.Party
	for i, p := range d.Parties {
		if slices.Contains(ids, p.ID) && p.ID != "" && (role == "" || p.Role == role) {
			d.use(partnership.Pointer("parties", i))
			out = append(out, p)
		}
	}
	return out
}

// Associations returns, among the parties given, the associations and foundations: the bodies
// French law asks to sign the republican commitment contract when they receive a subsidy.
func (d *Data) Associations(parties []partnership.Party) []partnership.Party {
	return slices.DeleteFunc(slices.Clone(parties), func(p partnership.Party) bool {
		s := p.Status()
		return s != partnership.StatusAssociation && s != partnership.StatusFoundation
	})
}

// PrivateBodies returns, among the parties given, the bodies governed by private law.
func (d *Data) PrivateBodies(parties []partnership.Party) []partnership.Party {
	return slices.DeleteFunc(slices.Clone(parties), func(p partnership.Party) bool { return !p.IsPrivateBody() })
}

// Informal reports whether a party is a group without legal personality, which cannot be
// represented, hold money or keep accounts, and acts through its contact person.
func (d *Data) Informal(p partnership.Party) bool { return !p.HasLegalPersonality() }
