package partnership

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// The languages messages are written in. Anything else is written in English.
const (
	French  = "fr"
	English = "en"
)

// Msg is a message of the catalogue (catalogue.go) with its arguments. It is written out in a
// language only when it is printed: a diagnostic keeps its code and arguments, so that it sorts
// and compares the same whatever the language, and the JSON output carries both the code, for
// scripts, and the text, for readers.
type Msg struct {
	Code string
	Args []any
}

// M returns the message of the catalogue named code, with its arguments. An argument that is a
// Localizer (a Msg naming a word of the catalogue, a List, an Amount, a Decimal, a Count, a
// Value) is written in the message's language before it takes its place.
func M(code string, args ...any) Msg { return Msg{Code: code, Args: args} }

// Localizer is an argument of a message that is written differently in each language.
type Localizer interface {
	In(lang string) string
}

// In writes the message in lang: French for "fr", English otherwise. A code missing from the
// catalogue (a test makes sure none is) is written as the code and its arguments.
func (m Msg) In(lang string) string {
	if m.Code == "" {
		return ""
	}
	text, ok := template(m.Code, lang)
	if !ok {
		return fmt.Sprint(append([]any{m.Code}, m.Args...)...)
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if l, ok := a.(Localizer); ok {
			args[i] = l.In(lang)
		} else {
			args[i] = a
		}
	}
	return fmt.Sprintf(text, args...)
}

// String writes the message in English.
func (m Msg) String() string { return m.In(English) }

// Text is the English and French text of one message: a format of package fmt, both taking the
// same arguments in the same order (French may reorder them with %[2]s).
type Text struct {
	En, Fr string
}

// frenchTexts are the French texts with the spaces of French typography, worked out once.
var frenchTexts = sync.OnceValue(func() map[string]string {
	out := make(map[string]string, len(catalogue))
	for code, t := range catalogue {
		out[code] = FrenchSpaces(t.Fr)
	}
	return out
})

// template returns the text of a code in lang.
func template(code, lang string) (string, bool) {
	t, ok := catalogue[code]
	if ok && lang == French {
		return frenchTexts()[code], true
	}
	return t.En, ok
}

// The spaces of French typography in messages.
const (
	nbsp       = "\u00a0" // before a colon, inside « »
	narrowNbsp = "\u202f" // before ; ! ?, before % and €, between groups of digits
)

var frenchSpaces = strings.NewReplacer(
	" :", nbsp+":",
	" ;", narrowNbsp+";",
	" ?", narrowNbsp+"?",
	" !", narrowNbsp+"!",
	"« ", "«"+nbsp,
	" »", nbsp+"»",
	" %%", narrowNbsp+"%%", // a percent sign, not a verb
	" €", narrowNbsp+"€",
)

// FrenchSpaces replaces the spaces that French typography wants unbreakable in a message
// written with ordinary spaces: before : ; ? ! % and €, and inside « ». The catalogue's French
// texts are written with ordinary spaces and go through it once.
func FrenchSpaces(s string) string { return frenchSpaces.Replace(s) }

// Quote writes a value quoted as a message of the language quotes it: "value" in English,
// « value » in French.
func Quote(s, lang string) string {
	if lang == French {
		return "«" + nbsp + s + nbsp + "»"
	}
	return strconv.Quote(s)
}

// List is a list of words written as a sentence writes it, "a, b or c", "« a », « b » et « c »".
type List struct {
	Items []string
	// And joins the last item with "and" rather than "or".
	And bool
	// Quoted quotes each item.
	Quoted bool
}

// OrList is the list "a, b or c", unquoted.
func OrList(items []string) List { return List{Items: items} }

// QuotedOr is the list "\"a\", \"b\" or \"c\"", quoted.
func QuotedOr(items []string) List { return List{Items: items, Quoted: true} }

// QuotedAnd is the list "\"a\", \"b\" and \"c\"", quoted.
func QuotedAnd(items []string) List { return List{Items: items, Quoted: true, And: true} }

// In writes the list in lang.
func (l List) In(lang string) string {
	items := l.Items
	if l.Quoted {
		items = make([]string, len(l.Items))
		for i, s := range l.Items {
			items[i] = Quote(s, lang)
		}
	}
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	conj := map[[2]bool]string{{false, false}: "or", {false, true}: "and", {true, false}: "ou", {true, true}: "et"}[[2]bool{lang == French, l.And}]
	return strings.Join(items[:len(items)-1], ", ") + " " + conj + " " + items[len(items)-1]
}

// Amount is a sum in euros, written "12,500.50 €" in English and "12 500,50 €" in French.
type Amount float64

// In writes the amount in lang.
func (a Amount) In(lang string) string { return Money{V: float64(a)}.In(lang) }

// Money is a sum in a currency named by its ISO 4217 code, written as Amount writes euros, with
// the code after the number for other currencies: "12,500 GBP", « 12 500 GBP ». An empty
// Currency is euros.
type Money struct {
	V        float64
	Currency string
}

// In writes the sum in lang.
func (m Money) In(lang string) string {
	unit := m.Currency
	if unit == "" || unit == DefaultCurrency {
		unit = "€"
	}
	cents := int64(math.Round(m.V * 100))
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	group, point, space := ",", ".", " "
	if lang == French {
		group, point, space = narrowNbsp, ",", narrowNbsp
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	if cents%100 != 0 {
		fmt.Fprintf(&b, "%s%02d", point, cents%100)
	}
	return b.String() + space + unit
}

// Decimal is a number written with a decimal point in English and a decimal comma in French.
type Decimal float64

// In writes the number in lang.
func (d Decimal) In(lang string) string {
	s := strconv.FormatFloat(float64(d), 'f', -1, 64)
	if lang == French {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Count is a number of things, written with the singular or the plural of a message of the
// catalogue whose texts give both, separated by "|": "%d file|%d files". French takes the
// singular for 0 and 1, English for 1 only.
type Count struct {
	N    int
	Code string
}

// In writes the count in lang.
func (c Count) In(lang string) string {
	text, ok := template(c.Code, lang)
	if !ok {
		return strconv.Itoa(c.N) + " " + c.Code
	}
	one, many, _ := strings.Cut(text, "|")
	form := many
	if c.N == 1 || lang == French && c.N == 0 {
		form = one
	}
	return fmt.Sprintf(form, c.N)
}

// Value names a value of a definition's tree as a message shows it: a quoted text (cut after 60
// characters), a number, true or false, "a list", "a mapping", "nothing".
type Value struct{ V any }

// In writes the value in lang.
func (v Value) In(lang string) string {
	switch x := v.V.(type) {
	case nil:
		return M("value-nothing").In(lang)
	case map[string]any:
		return M("value-mapping").In(lang)
	case []any:
		return M("value-list").In(lang)
	case string:
		if r := []rune(x); len(r) > 60 {
			x = string(r[:60]) + "…"
		}
		return Quote(x, lang)
	case bool:
		if lang == French {
			return map[bool]string{true: "true (vrai)", false: "false (faux)"}[x]
		}
	}
	return Describe(v.V)
}

// Opt is an optional part of a message: the message, or nothing for the zero Msg.
type Opt Msg

// In writes the part in lang.
func (o Opt) In(lang string) string { return Msg(o).In(lang) }

// EnglishOnly is a part of a message that only the English text shows: a word taken from an
// English source, such as the title of a key in the JSON Schema, which a French message leaves
// out rather than mix languages.
type EnglishOnly string

// In writes the part in lang.
func (e EnglishOnly) In(lang string) string {
	if lang == French {
		return ""
	}
	return string(e)
}

// ErrorText writes err in lang: the message of the catalogue it carries (a Msg method), an I/O
// error of a path in the user's words, or else its own English text.
func ErrorText(err error, lang string) string {
	var m interface{ Msg() Msg }
	if errors.As(err, &m) {
		return m.Msg().In(lang)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && lang == French {
		return M("path-error", pe.Op, pe.Path, Reason{Err: pe.Err}).In(lang)
	}
	return err.Error()
}

// ErrorArg is an error as the argument of a message, written by ErrorText.
type ErrorArg struct{ Err error }

// In writes the error in lang.
func (a ErrorArg) In(lang string) string { return ErrorText(a.Err, lang) }

// Reason is the reason of an I/O error, without the path the message names already: "no such
// file or directory", « fichier ou dossier introuvable ».
type Reason struct{ Err error }

// In writes the reason in lang.
func (r Reason) In(lang string) string {
	if lang == French {
		switch {
		case errors.Is(r.Err, fs.ErrNotExist):
			return "fichier ou dossier introuvable"
		case errors.Is(r.Err, fs.ErrPermission):
			return "permission refusée"
		case errors.Is(r.Err, syscall.EISDIR):
			return "c’est un dossier"
		case errors.Is(r.Err, syscall.ENOTDIR):
			return "un élément du chemin n’est pas un dossier"
		case errors.Is(r.Err, syscall.ENOSPC):
			return "plus de place sur le disque"
		case errors.Is(r.Err, syscall.EROFS):
			return "système de fichiers en lecture seule"
		}
	}
	msg := Printable(r.Err.Error())
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// LocaleLang returns the language of messages a locale names ("fr_FR.UTF-8" gives "fr",
// "en_GB" gives "en"), or "" for a locale that names neither ("C", "POSIX", "de_DE").
func LocaleLang(locale string) string {
	l := strings.ToLower(locale)
	if i := strings.IndexAny(l, "_.@-"); i >= 0 {
		l = l[:i]
	}
	switch l {
	case French, English:
		return l
	}
	return ""
}

// MessageLang chooses the language of messages the usual way: the first of the locale
// variables LC_ALL, LC_MESSAGES and LANG that is set (getenv reads them) decides, when it names
// French or English; otherwise "" (the caller falls back on the definition's language).
func MessageLang(getenv func(string) string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			return LocaleLang(v)
		}
	}
	return ""
}

// LangName names a language of a definition in a message: "French", « français ».
type LangName string

// In writes the name in lang.
func (l LangName) In(lang string) string {
	switch string(l) {
	case French, English:
		return M("lang-" + string(l)).In(lang)
	}
	return Quote(string(l), lang)
}
