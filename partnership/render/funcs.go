package render

import (
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership"
)

// Data is what a clause template sees as its dot: every field of the definition (.Title,
// .Parties, .Governance…), plus the methods below. Templates cannot reach anything else: no
// file, no environment, no clock.
type Data struct {
	*partnership.Definition
	lib  *Library
	lang string
}

// Party returns the party with the given id; an unknown id stops the render.
func (d *Data) Party(id string) (partnership.Party, error) {
	for _, p := range d.Parties {
		if p.ID == id {
			return p, nil
		}
	}
	return partnership.Party{}, fmt.Errorf("no party has id %q", id)
}

// PartiesWithRole returns the parties that hold one of the roles, in the order of the definition.
func (d *Data) PartiesWithRole(roles ...string) []partnership.Party {
	var out []partnership.Party
	for _, p := range d.Parties {
		if slices.Contains(roles, string(p.Role)) {
			out = append(out, p)
		}
	}
	return out
}

// Signatories returns the parties that sign the document, in the order of the definition.
func (d *Data) Signatories() []partnership.Party {
	var out []partnership.Party
	for _, p := range d.Parties {
		if p.Signs == nil || *p.Signs {
			out = append(out, p)
		}
	}
	return out
}

// TotalGrants adds up the amounts of all grants.
func (d *Data) TotalGrants() float64 {
	if d.Support == nil {
		return 0
	}
	total := 0.0
	for _, g := range d.Support.Grants {
		total += g.Amount
	}
	return total
}

// Grant returns the grant with the given id.
func (d *Data) Grant(id string) (partnership.Grant, error) {
	if d.Support != nil {
		for _, g := range d.Support.Grants {
			if g.ID == id {
				return g, nil
			}
		}
	}
	return partnership.Grant{}, fmt.Errorf("no grant has id %q", id)
}

// College returns the college of the governance with the given id.
func (d *Data) College(id string) (partnership.College, error) {
	if d.Governance != nil {
		for _, c := range d.Governance.Colleges {
			if c.ID == id {
				return c, nil
			}
		}
	}
	return partnership.College{}, fmt.Errorf("no college has id %q", id)
}

// Domain returns the decision domain of the governance with the given id.
func (d *Data) Domain(id string) (partnership.Domain, error) {
	if d.Governance != nil {
		for _, dom := range d.Governance.Domains {
			if dom.ID == id {
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
	{"amount", "amount NUMBER", "a sum in euros: 12 500 €, €12,500"},
	{"number", "number NUMBER", "a number with the language's separators: 12 500,5"},
	{"percent", "percent NUMBER", "a percentage given in percent: 70 %"},
	{"share", "share FRACTION", "a fraction as a percentage: 0.67 gives 67 %"},
	{"ordinal", "ordinal INT", "1er, 2e… or 1st, 2nd…"},
	{"count", "count INT SINGULAR PLURAL", "a number and its noun, agreed: 1 siège, 3 sièges"},
	{"plural", "plural INT SINGULAR PLURAL", "the noun agreed with the number, without the number"},
	{"label", "label ENUMERATION VALUE", "the words for a value of the definition (label \"role\" .Role)"},
	{"quote", "quote TEXT", "text in the language's quotation marks: « texte », “text”"},
	{"join", "join LIST", "a list of texts as a sentence: a, b et c"},
	{"list", "list LIST", "a Markdown bullet list, one item per line"},
	{"para", "para TEXT", "a paragraph of text, one sentence per line"},
	{"capfirst", "capfirst TEXT", "the text with a capital first letter"},
	{"link", "link URL", "a clickable web address (http and https only)"},
	{"ref", "ref CLAUSE-ID", "a cross-reference to another clause: l’article 5 is written l’{{ref \"termination\"}}"},
	{"has", "has CLAUSE-ID", "whether another clause is present in the document"},
	{"designation", "designation PARTY-or-ID", "how the text refers to a party: its designation (« la Commune »), else its name"},
	{"spell", "spell INT", "a whole number in words up to twenty, in digits beyond: deux, two"},
	{"add", "add INT INT", "the sum of two whole numbers, to number items from 1: add $i 1"},
}

// placeholderFuncs are the functions a template is parsed with; each render binds its own.
func placeholderFuncs() template.FuncMap {
	return (&state{loc: newLocale("fr"), numbers: map[string]int{}}).funcs()
}

// funcs binds the documented functions to one render.
func (st *state) funcs() template.FuncMap {
	loc := st.loc
	return template.FuncMap{
		escapeFuncName: escapeValue,
		"date":         func(s string) Markdown { return Markdown(escapeInline(loc.date(s))) },
		"amount":       func(v float64) Markdown { return Markdown(loc.amount(v)) },
		"number":       func(v float64) Markdown { return Markdown(loc.number(v)) },
		"percent":      func(v float64) Markdown { return Markdown(loc.percent(v)) },
		"share":        func(v float64) Markdown { return Markdown(loc.percent(v * 100)) },
		"ordinal":      func(n int) Markdown { return Markdown(loc.ordinal(n)) },
		"count": func(n int, one, many string) Markdown {
			return Markdown(loc.number(float64(n)) + " " + escapeInline(pluralWord(st.lang, n, one, many)))
		},
		"plural": func(n int, one, many string) string { return pluralWord(st.lang, n, one, many) },
		"label":  st.label,
		"quote":  func(v any) Markdown { return Markdown(loc.quote(string(escapeValue(v)))) },
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
		"para":     func(s string) Markdown { return Markdown(escapeParagraph(s)) },
		"capfirst": capFirst,
		"link":     link,
		"ref":      st.ref,
		"has": func(id string) bool {
			return !st.final || st.numbers[id] > 0 || !slices.Contains(st.manifest.Articles, id)
		},
		"add":   func(a, b int) int { return a + b },
		"spell": func(n int) Markdown { return Markdown(loc.spell(n)) },
		"designation": func(v any) (Markdown, error) {
			var p partnership.Party
			switch v := v.(type) {
			case partnership.Party:
				p = v
			case string:
				var err error
				if p, err = (&Data{Definition: st.doc.Definition}).Party(v); err != nil {
					return "", err
				}
			default:
				return "", fmt.Errorf("designation: expected a party or a party id, got %T", v)
			}
			if p.Designation != "" {
				return Markdown(escapeInline(p.Designation)), nil
			}
			return Markdown(escapeInline(p.Name)), nil
		},
	}
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
		out[i] = string(escapeValue(rv.Index(i).Interface()))
	}
	return out, nil
}

func capFirst(v any) Markdown {
	s := string(escapeValue(v))
	r, size := utf8.DecodeRuneInString(s)
	if r == '\\' {
		return Markdown(s)
	}
	return Markdown(string(unicode.ToUpper(r)) + s[size:])
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
	s := fmt.Sprint(value)
	words, ok := st.r.lib.Label(st.lang, enum, s)
	if !ok {
		return "", fmt.Errorf("the labels of %q have no words for %q", enum, s)
	}
	return Markdown(escapeInline(words)), nil
}

// ref writes a cross-reference to another clause, as a link to its heading.
func (st *state) ref(id string) (Markdown, error) {
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
