package render

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// The spaces of French typography.
const (
	nbsp       = "\u00a0" // no-break space: before a colon, inside « »
	narrowNbsp = "\u202f" // narrow no-break space: before ; ! ?, in numbers, before % and €
)

// locale formats dates, numbers and amounts the way a legal department of the language writes
// them.
type locale struct {
	lang string
	// currency is the ISO 4217 code amounts are written in; empty means euros.
	currency string
}

func newLocale(lang string) locale { return locale{lang: lang} }

var monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// date writes a YYYY-MM-DD date in full: "1er mars 2026", "1 March 2026". A value that is not
// such a date is returned unchanged (free-text dates such as "au printemps").
func (l locale) date(s string) string {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	if l.lang == "en" {
		return t.Format("2 January 2006")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + monthsFR[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// number writes a number with the language's grouping and decimal marks, and at most two
// decimals, dropped when they are zero: "12 500", "12 500,5", "12,500.5".
func (l locale) number(v float64) string { return l.decimal(v, false) }

// decimal writes v rounded to two decimals (exactly: a half that the binary value does not
// reach is rounded down, an exact half to even), grouped by thousands with the language's
// marks: a narrow no-break space and a comma in French, a comma and a point in English. The
// decimals are dropped when they are zero, unless cents is set. What it writes is what CLDR's
// decimal format gives for French and British English (TestDecimalAsCLDR).
func (l locale) decimal(v float64, cents bool) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 0):
		if v < 0 {
			return "-∞"
		}
		return "∞"
	}
	group, point := narrowNbsp, ","
	if l.lang == "en" {
		group, point = ",", "."
	}
	digits := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	whole, fraction, _ := strings.Cut(digits, ".")
	if !cents {
		fraction = strings.TrimRight(fraction, "0")
	}
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteByte(whole[i])
	}
	if fraction != "" {
		b.WriteString(point)
		b.WriteString(fraction)
	}
	return b.String()
}

// amount writes a sum in the locale's currency (see withCurrency): "12 500 €" in French,
// "€12,500" in English; cents appear only when there are some, and then always two of them.
func (l locale) amount(v float64) string {
	var s string
	if math.Round(v*100) == math.Round(v)*100 {
		s = l.number(math.Round(v))
	} else {
		s = l.decimal(v, true)
	}
	return l.currencyAround(s)
}

// percent writes a percentage given in percent: 70 → "70 %" / "70%".
func (l locale) percent(v float64) string {
	if l.lang == "en" {
		return l.number(v) + "%"
	}
	return l.number(v) + narrowNbsp + "%"
}

var (
	numbersFR = [...]string{"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
		"onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"}
	numbersEN = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}
)

// spell writes a small whole number in words, as legal texts do ("en deux exemplaires"), and a
// larger one in digits.
func (l locale) spell(n int) string {
	if n < 0 || n > 20 {
		return l.number(float64(n))
	}
	if l.lang == "en" {
		return numbersEN[n]
	}
	return numbersFR[n]
}

// ordinal writes "1er", "2e" in French and "1st", "2nd" in English.
func (l locale) ordinal(n int) string {
	if l.lang == "fr" {
		if n == 1 {
			return "1er"
		}
		return strconv.Itoa(n) + "e"
	}
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// articleNumber is how an article is numbered in a heading and a cross-reference:
// "1er", "2"… in French, "1", "2"… in English.
func (l locale) articleNumber(n int) string {
	if l.lang == "fr" && n == 1 {
		return "1er"
	}
	return strconv.Itoa(n)
}

// join joins items as a sentence does: "a, b et c", "a, b and c".
func (l locale) join(items []string) string {
	and := " et "
	if l.lang == "en" {
		and = " and "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}

// quote puts text between the language's quotation marks.
func (l locale) quote(s string) string {
	if l.lang == "en" {
		return "“" + s + "”"
	}
	return "«" + nbsp + s + nbsp + "»"
}

// The marks around a text shown in another language than the document's: the typography of the
// document's language leaves what lies between them alone, and normalize removes them. They are
// Unicode noncharacters, which no text is meant to contain.
const (
	markOpen  = "\ufdd0"
	markClose = "\ufdd1"
)

// markForeign marks a text shown in a language other than the document's.
func markForeign(text, _ string) string { return markOpen + unmark(text) + markClose }

// unmark removes the marks of texts in another language.
func unmark(s string) string {
	if !strings.Contains(s, markOpen) && !strings.Contains(s, markClose) {
		return s
	}
	return strings.NewReplacer(markOpen, "", markClose, "").Replace(s)
}

// marked returns the text inside the marks when the whole of s is one marked text.
func marked(s string) (string, bool) {
	if strings.HasPrefix(s, markOpen) && strings.HasSuffix(s, markClose) && len(s) >= len(markOpen)+len(markClose) {
		inner := s[len(markOpen) : len(s)-len(markClose)]
		if !strings.Contains(inner, markOpen) {
			return inner, true
		}
	}
	return s, false
}

var (
	// bareURL matches a web address written out in text; the punctuation that ends a sentence
	// after it is not part of it, nor is a closing bracket it does not open.
	bareURL = lazyre.New(`https?://[^\s<>]+`)
	// email matches an e-mail address, whose underscores may be escaped.
	email = lazyre.New(`[A-Za-z0-9._%+\\-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+`)
	// autolink matches a Markdown autolink: <https://…>, <mailto:…>, <name@example.org>.
	autolink = lazyre.New(`<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>`)
	// syntaxTargets matches the targets of links and the ids of headings.
	syntaxTargets = lazyre.New(`\]\([^)\s]*\)|\(#[^)]*\)|\{#[^}]*\}`)
)

// protectedSpans returns, in order and without overlap, the parts of a line of Markdown that
// typography must leave as they are: texts in another language, code spans, autolinks, web and
// e-mail addresses, link targets and heading ids.
func protectedSpans(line string) [][2]int {
	var spans [][2]int
	add := func(a, b int) { spans = append(spans, [2]int{a, b}) }
	for i := 0; i < len(line); {
		j := strings.Index(line[i:], markOpen)
		if j < 0 {
			break
		}
		a := i + j
		k := strings.Index(line[a:], markClose)
		if k < 0 {
			add(a, len(line))
			break
		}
		add(a, a+k+len(markClose))
		i = a + k + len(markClose)
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '`' || (i > 0 && line[i-1] == '\\') {
			continue
		}
		run := i
		for run < len(line) && line[run] == '`' {
			run++
		}
		fence := line[i:run]
		if end := strings.Index(line[run:], fence); end >= 0 {
			add(i, run+end+len(fence))
			i = run + end + len(fence) - 1
		} else {
			i = run - 1
		}
	}
	if strings.Contains(line, "<") {
		for _, m := range autolink().FindAllStringIndex(line, -1) {
			if m[0] == 0 || line[m[0]-1] != '\\' {
				add(m[0], m[1])
			}
		}
	}
	if strings.Contains(line, "://") {
		for _, m := range bareURL().FindAllStringIndex(line, -1) {
			add(m[0], m[0]+urlLength(line[m[0]:m[1]]))
		}
	}
	if strings.Contains(line, "@") {
		for _, m := range email().FindAllStringIndex(line, -1) {
			add(m[0], m[1])
		}
	}
	// Each target has one of these pairs, which most lines lack.
	if strings.Contains(line, "](") || strings.Contains(line, "(#") || strings.Contains(line, "{#") {
		for _, m := range syntaxTargets().FindAllStringIndex(line, -1) {
			add(m[0], m[1])
		}
	}
	if len(spans) < 2 {
		return spans
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(b[1], a[1])) })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] < last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}

// urlLength is how much of a bare web address belongs to it: a final full stop, comma, colon,
// semicolon, exclamation or question mark ends the sentence, not the address, and a closing
// bracket or quote belongs to it only when the address opened it.
func urlLength(u string) int {
	for len(u) > 0 {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?*_~'\"", last) >= 0:
			u = u[:len(u)-1]
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
			u = u[:len(u)-1]
		case last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
			u = u[:len(u)-1]
		default:
			return len(u)
		}
	}
	return 0
}

// frenchSpacing puts the no-break spaces of French typography into a line of Markdown: a narrow
// no-break space before ; ! and ?, before % and € after a number, a no-break space before a colon
// preceded by a space and inside « ». What protectedSpans returns is left alone, and so is the
// alignment row of a table, whose colons are syntax. It runs on every line of every document, so
// it scans the line once instead of running a regular expression per rule.
func frenchSpacing(line string) string {
	if !strings.ContainsAny(line, ";:!?«»%€") || isTableDelimiter(line) {
		return line
	}
	protected := protectedSpans(line)
	out := make([]byte, 0, len(line)+16)
	for i := 0; i < len(line); {
		if len(protected) > 0 && i == protected[0][0] {
			out = append(out, line[i:protected[0][1]]...)
			i = protected[0][1]
			protected = protected[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(line[i:])
		switch r {
		case ';', '!', '?':
			// The mark takes a space when it follows a word or a space; glued to anything else
			// (the start of the line, an escaping backslash, an emphasis mark) it is not French
			// punctuation, and a space there could undo the Markdown around it.
			trimmed := trimSpaces(out)
			if spaceable(string(trimmed), len(trimmed) < len(out)) {
				out = append(trimmed, narrowNbsp...)
			}
			out = append(out, byte(r))
		case ':':
			if trimmed := trimRegularSpaces(out); len(trimmed) < len(out) && spaceable(string(trimmed), true) {
				out = append(trimmed, nbsp...)
			}
			out = append(out, ':')
		case '%', '€':
			// After a number, the sign is set apart by a narrow no-break space.
			if trimmed := trimRegularSpaces(out); len(trimmed) > 0 && trimmed[len(trimmed)-1] >= '0' && trimmed[len(trimmed)-1] <= '9' {
				out = append(trimmed, narrowNbsp...)
			}
			out = append(out, line[i:i+size]...)
		case '«':
			// The space after « is not added before the end of the line or an emphasis mark that
			// closes: there, a space would undo the Markdown around the quote.
			j := i + size
			for j < len(line) {
				next, n := utf8.DecodeRuneInString(line[j:])
				if next != ' ' && next != '\u00a0' && next != '\u202f' {
					break
				}
				j += n
			}
			out = append(out, "«"...)
			if j < len(line) && strings.IndexByte("*_~", line[j]) < 0 {
				out = append(out, nbsp...)
				size = j - i
			}
		case '»':
			// As before ; ! and ?: the space before » replaces a space the author typed or follows
			// a word, never a space that is Markdown syntax (after a list marker, a heading's #,
			// a table pipe) nor an emphasis mark that opens.
			trimmed := trimSpaces(out)
			if spaceable(string(trimmed), len(trimmed) < len(out)) {
				out = append(trimmed, nbsp...)
			}
			out = append(out, "»"...)
		default:
			out = append(out, line[i:i+size]...)
		}
		i += size
	}
	return string(out)
}

// blockMarkers matches a line that is nothing yet but the marks opening a block: a list item,
// a quote, a heading. A space after them is Markdown syntax, not French spacing.
var blockMarkers = lazyre.New(`^[\s>*+-]*(\d{1,9}[.)]|#{1,6})?$`)

// spaceable tells whether a punctuation mark written after text takes a no-break space: after a
// space the author typed, unless that space belongs to Markdown (after a list marker or a table
// pipe); glued to a word, always; glued to anything else (an escaping backslash, an emphasis
// mark that opens, another mark), never.
func spaceable(before string, spaced bool) bool {
	if spaced {
		return before != "" && !blockMarkers().MatchString(before) && !strings.HasSuffix(before, "|")
	}
	return followsWord(before)
}

// trimSpaces removes the spaces, breaking or not, that end b.
func trimSpaces(b []byte) []byte {
	for {
		switch {
		case len(b) > 0 && b[len(b)-1] == ' ':
			b = b[:len(b)-1]
		case len(b) >= 2 && string(b[len(b)-2:]) == nbsp:
			b = b[:len(b)-2]
		case len(b) >= 3 && string(b[len(b)-3:]) == narrowNbsp:
			b = b[:len(b)-3]
		default:
			return b
		}
	}
}

// trimRegularSpaces removes the ordinary spaces that end b.
func trimRegularSpaces(b []byte) []byte {
	for len(b) > 0 && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return b
}

// followsWord reports whether text ends with a letter, a digit or a closing mark, after which
// French puts a space before ; ! and ?.
func followsWord(text string) bool {
	r, _ := utf8.DecodeLastRuneInString(text)
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("»)]’\"%€.…", r)
}
