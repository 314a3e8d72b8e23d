package redline

import (
	"strings"
	"unicode/utf8"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what happened to a piece of text.
type Op int8

// The three things that can happen to a piece of text.
const (
	Equal  Op = iota // in both versions
	Insert           // only in the new version
	Delete           // only in the old version
)

// Segment is a piece of a line with what happened to it.
type Segment struct {
	Op   Op
	Text string
}

// Line is one line of Markdown in the redline. Block markers ("- ", "## ", the pipes of a
// table) are always Equal segments, so a mark never spans two blocks or two cells. A fenced
// block (a chart) is one Line of several lines of text; one that exists in one version only is
// a single segment, inserted or deleted whole, since no mark can stand inside it.
type Line []Segment

// block reports whether the line is a fenced block inserted or deleted whole, with what
// happened to it and its text.
func (l Line) block() (op Op, text string, ok bool) {
	if len(l) != 1 || l[0].Op == Equal || !fenceOpening().MatchString(l[0].Text) {
		return Equal, "", false
	}
	return l[0].Op, l[0].Text, true
}

// shown is the line as a redline to read shows it: a fenced block cannot be struck through
// or underlined, so a deleted one is left out (ok is false) and an inserted one is shown as
// it is.
func (l Line) shown() (Line, bool) {
	op, text, ok := l.block()
	switch {
	case !ok:
		return l, true
	case op == Delete:
		return nil, false
	}
	return Line{{Equal, text}}, true
}

// Changed reports whether any part of the line was inserted or deleted.
func (l Line) Changed() bool {
	for _, s := range l {
		if s.Op != Equal && s.Text != "" {
			return true
		}
	}
	return false
}

// text is the line as one version has it: op is Insert for the new version, Delete for the old.
// Runs of spaces left where marks were are one space.
func (l Line) text(op Op) string {
	var b strings.Builder
	for _, s := range l {
		if s.Op == Equal || s.Op == op {
			b.WriteString(s.Text)
		}
	}
	return spaces().ReplaceAllString(b.String(), " ")
}

var spaces = lazyre.New(`[ \t]{2,}`)

// crossRef matches the text of a cross-reference the renderer writes: "[article 9](#id)",
// "[Article 9](#id)", "[article 1er](#id)", "[section 3](#id)".
var crossRef = lazyre.New(`\[([Aa]rticle|[Ss]ection) \d+(?:er)?\]\(#([^)\s]+)\)`)

// withoutNumbers replaces the numbers of cross-references by the ids they point to, so that two
// texts that differ only by a renumbering compare equal.
func withoutNumbers(s string) string {
	if !strings.Contains(s, "](#") {
		return s
	}
	return crossRef().ReplaceAllString(s, "[$1 →$2](#$2)")
}

// tokenize cuts inline Markdown into words, the punctuation that ends them and runs of spaces(). An inline construct (emphasis,
// a link, an autolink, a code span) stays whole inside the word it belongs to, so that a mark
// never opens inside one and closes outside it. A backslash escape stays with its character.
func tokenize(s string) []string {
	var toks []string
	for i := 0; i < len(s); {
		j := i
		if isSpace(s[i]) {
			for j < len(s) && isSpace(s[j]) {
				j++
			}
		} else {
			whole := i + 1 // the end of the last construct or escape, which punctuation cannot split
			for j < len(s) && !isSpace(s[j]) {
				next := skipInline(s, j)
				if next > j+1 {
					whole = next
				}
				j = next
			}
			// Punctuation that ends a word is a token of its own, so that "2026." and "2026"
			// are the same word.
			k := j
			for k > whole && strings.IndexByte(".,;:!?)", s[k-1]) >= 0 {
				k--
			}
			if k < j {
				toks = append(toks, s[i:k])
				i = k
			}
		}
		toks = append(toks, s[i:j])
		i = j
	}
	return toks
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// skipInline returns the index just after the inline construct that starts at s[i], or after
// the byte at s[i] when none does.
func skipInline(s string, i int) int {
	switch c := s[i]; c {
	case '\\':
		if i+1 < len(s) && s[i+1] < utf8.RuneSelf {
			return i + 2
		}
	case '*', '_', '~', '`':
		run := runLength(s, i)
		if c != '`' && (i+run >= len(s) || isSpace(s[i+run])) {
			return i + run // cannot open: a literal mark
		}
		for k := i + run; k < len(s); {
			if s[k] == '\\' && c != '`' {
				k += 2
				continue
			}
			if s[k] == c {
				n := runLength(s, k)
				if n == run && (c == '`' || !isSpace(s[k-1])) {
					return k + n
				}
				k += n
				continue
			}
			k++
		}
		return i + run
	case '[':
		if end := closing(s, i, '[', ']'); end > 0 {
			if end+1 < len(s) && s[end+1] == '(' {
				if close := closing(s, end+1, '(', ')'); close > 0 {
					return close + 1
				}
			}
			return end + 1
		}
	case '<':
		for k := i + 1; k < len(s); k++ {
			if isSpace(s[k]) || s[k] == '<' {
				break
			}
			if s[k] == '>' {
				return k + 1
			}
		}
	}
	return i + 1
}

// runLength counts the bytes equal to s[i] from i on.
func runLength(s string, i int) int {
	n := 0
	for i+n < len(s) && s[i+n] == s[i] {
		n++
	}
	return n
}

// closing finds the bracket that closes the one at s[i], skipping escapes and nested pairs;
// -1 when there is none.
func closing(s string, i int, open, close byte) int {
	depth := 0
	for k := i; k < len(s); k++ {
		switch s[k] {
		case '\\':
			k++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// edit is a run of tokens that are equal in both sequences, or only in one.
type edit struct {
	op   Op
	a, b []string // the tokens of the old and of the new sequence (one is empty for Insert, Delete)
}

// diffTokens aligns two sequences of tokens with diff-match-patch, comparing tokens by key. Each
// distinct token becomes one character (the library's lines-to-chars technique, applied to
// words), so the diff moves whole tokens and never splits a word.
func diffTokens(a, b []string, key func(string) string) []edit {
	codes := map[string]rune{}
	encode := func(toks []string) []rune {
		out := make([]rune, len(toks))
		for i, t := range toks {
			k := key(t)
			r, ok := codes[k]
			if !ok {
				r = tokenRune(len(codes))
				codes[k] = r
			}
			out[i] = r
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: the same texts always give the same redline
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(ra, rb, false))
	var out []edit
	i, j := 0, 0
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			out = append(out, edit{op: Equal, a: a[i : i+n], b: b[j : j+n]})
			i, j = i+n, j+n
		case diffmatchpatch.DiffDelete:
			out = append(out, edit{op: Delete, a: a[i : i+n]})
			i += n
		case diffmatchpatch.DiffInsert:
			out = append(out, edit{op: Insert, b: b[j : j+n]})
			j += n
		}
	}
	return out
}

// tokenRune is the character that stands for the n-th distinct token: any valid rune will do,
// as long as it is not a surrogate, which a Go string cannot hold.
func tokenRune(n int) rune {
	r := rune(n + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

// diffWords compares two runs of inline Markdown word by word. similarity is the share of
// words the two have in common (0 to 1), which decides whether two lines are two versions of
// one sentence or two different sentences.
func diffWords(old, new string) (segs Line, similarity float64) {
	edits := diffTokens(tokenize(old), tokenize(new), withoutNumbers)
	common, total := 0, 0
	for _, e := range edits {
		words := countWords(e.a) + countWords(e.b)
		total += words
		if e.op == Equal {
			common += words
			segs = append(segs, Segment{Equal, strings.Join(e.b, "")})
		} else {
			segs = append(segs, Segment{e.op, strings.Join(e.a, "") + strings.Join(e.b, "")})
		}
	}
	if total > 0 {
		similarity = float64(common) / float64(total)
	} else {
		similarity = 1
	}
	return tidy(segs), similarity
}

func countWords(toks []string) int {
	n := 0
	for _, t := range toks {
		if !isSpace(t[0]) {
			n++
		}
	}
	return n
}

// tidy moves the spaces at the edges of insertions and deletions out of the marks, so that
// marks hug words ("a {--b--} c", not "a {--b --}c"), and sets a deletion and the insertion
// that replaces it apart ("{--four--} {++two++}"). A space is only added where the version
// without the mark has a space too, so that neither version gets one before a comma; two spaces
// in a row are harmless, Markdown reads them as one.
func tidy(segs Line) Line {
	var in Line
	for _, s := range segs {
		if s.Text == "" {
			continue
		}
		if n := len(in); n > 0 && in[n-1].Op == s.Op {
			in[n-1].Text += s.Text
			continue
		}
		in = append(in, s)
	}
	var out Line
	add := func(op Op, text string) {
		if text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, Segment{op, text})
	}
	for i, s := range in {
		if s.Op == Equal {
			add(Equal, s.Text)
			continue
		}
		core := strings.TrimLeft(s.Text, " \t")
		trimmed := strings.TrimRight(core, " \t")
		if trimmed == "" || !spacedInOther(in, i) {
			add(s.Op, s.Text)
			continue
		}
		if len(core) < len(s.Text) {
			add(Equal, " ")
		}
		add(s.Op, trimmed)
		if len(trimmed) < len(core) {
			add(Equal, " ")
		}
	}
	for k := 0; k+1 < len(out); k++ {
		if out[k].Op != Equal && out[k+1].Op != Equal && spacedAt(out, k, Insert) && spacedAt(out, k, Delete) {
			out = append(out[:k+1], append(Line{{Equal, " "}}, out[k+1:]...)...)
		}
	}
	// Spaces at either end of the line belong to no word.
	if n := len(out); n > 0 && out[n-1].Op == Equal {
		if out[n-1].Text = strings.TrimRight(out[n-1].Text, " \t"); out[n-1].Text == "" {
			out = out[:n-1]
		}
	}
	if len(out) > 0 && out[0].Op == Equal {
		if out[0].Text = strings.TrimLeft(out[0].Text, " \t"); out[0].Text == "" {
			out = out[1:]
		}
	}
	return out
}

// spacedInOther reports whether the version without the mark at in[i] has a space (or the
// end of the line) where the mark stands, so that a space taken out of the mark is not a space
// that version never had.
func spacedInOther(in Line, i int) bool {
	op := in[i].Op
	before, after := "", ""
	for k := i - 1; k >= 0 && before == ""; k-- {
		if in[k].Op != op {
			before = in[k].Text
		}
	}
	for k := i + 1; k < len(in) && after == ""; k++ {
		if in[k].Op != op {
			after = in[k].Text
		}
	}
	return before == "" || after == "" || isSpace(before[len(before)-1]) || isSpace(after[0])
}

// spacedAt reports whether, in the version that shows op (Insert: the new one, Delete: the old
// one), the text has a space, or the end of the line, around the boundary after out[k].
func spacedAt(out Line, k int, op Op) bool {
	before, after := "", ""
	for j := k; j >= 0 && before == ""; j-- {
		if out[j].Op == Equal || out[j].Op == op {
			before = out[j].Text
		}
	}
	for j := k + 1; j < len(out) && after == ""; j++ {
		if out[j].Op == Equal || out[j].Op == op {
			after = out[j].Text
		}
	}
	return before == "" || after == "" || isSpace(before[len(before)-1]) || isSpace(after[0])
}
