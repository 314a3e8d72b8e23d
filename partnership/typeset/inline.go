package typeset

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// unescape is the text a Markdown text segment stands for: backslash escapes removed, entity
// and character references resolved, as goldmark does when it writes HTML. The PDF prints this,
// so that "Jardins \& Vergers" reads "Jardins & Vergers" in every format.
func unescape(src []byte) string {
	if !strings.ContainsAny(string(src), "\\&\x00") {
		return string(src)
	}
	var b strings.Builder
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\\' && i+1 < len(src) && util.IsPunct(src[i+1]):
			b.WriteByte(src[i+1])
			i++
		case c == 0:
			b.WriteRune(utf8.RuneError)
		case c == '&':
			if r, n := reference(src[i:]); n > 0 {
				b.WriteString(r)
				i += n - 1
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// reference reads an entity or character reference at the start of s ("&amp;", "&#233;",
// "&#xE9;") and returns what it stands for and its length; 0 when there is none.
func reference(s []byte) (string, int) {
	end := strings.IndexByte(string(s[:min(len(s), 40)]), ';')
	if end < 2 {
		return "", 0
	}
	body := string(s[1:end])
	if body[0] == '#' {
		var v uint64
		var err error
		if len(body) > 1 && (body[1] == 'x' || body[1] == 'X') {
			if len(body) < 3 || len(body) > 8 {
				return "", 0
			}
			v, err = strconv.ParseUint(body[2:], 16, 32)
		} else {
			if len(body) < 2 || len(body) > 8 {
				return "", 0
			}
			v, err = strconv.ParseUint(body[1:], 10, 32)
		}
		if err != nil {
			return "", 0
		}
		r := rune(v)
		if r == 0 || !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		return string(r), end + 1
	}
	if e, ok := util.LookUpHTML5EntityByName(body); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}

// Two inline nodes are added to the text by the typesetter, never written in the Markdown:
// the letters of a French ordinal ("1er", "2e"), set as a superscript, and a run of right-to-left
// text, isolated so that it does not reorder the text around it.
var (
	KindSuperscript = ast.NewNodeKind("Superscript")
	KindIsolate     = ast.NewNodeKind("Isolate")
)

// Superscript is the suffix of an ordinal: "er" in "1er".
type Superscript struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Superscript) Kind() ast.NodeKind { return KindSuperscript }

// Dump implements ast.Node.
func (n *Superscript) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Isolate is a run of right-to-left text: <bdi> in HTML.
type Isolate struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Isolate) Kind() ast.NodeKind { return KindIsolate }

// Dump implements ast.Node.
func (n *Isolate) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// langKey holds, in a parser context, the language of the document being parsed; without it
// the text is left as written.
var langKey = parser.NewContextKey()

// ParseContext is the context HTML and PDF parse a document with: with it, Markdown().Parser()
// adds Superscript and Isolate nodes to the text of a document in lang. Other writers of the
// goldmark tree may use it to set ordinals and right-to-left runs as HTML and PDF do.
func ParseContext(lang string) parser.Context {
	pc := parser.NewContext()
	pc.Set(langKey, lang)
	return pc
}

// textTransformer finds French ordinals and right-to-left runs in the text of a document
// (never in links, autolinks, code or raw HTML) and marks them with the nodes above.
type textTransformer struct{}

func (textTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	lang, ok := pc.Get(langKey).(string)
	if !ok {
		return
	}
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.CodeSpan, *ast.RawHTML, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if !t.IsRaw() {
				texts = append(texts, t)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		var cuts []cut
		seg := t.Segment
		value := seg.Value(src)
		if lang == "fr" {
			cuts = ordinals(value, cuts)
		}
		cuts = rightToLeft(value, cuts)
		if len(cuts) > 0 {
			split(t, cuts)
		}
	}
}

// cut is a part of a text segment, relative to its start, to wrap in a node.
type cut struct {
	start, end int
	node       func() ast.Node
}

// ordinalSuffixes are the suffixes of French ordinals, longest first.
var ordinalSuffixes = [...]string{"ers", "res", "er", "re", "es", "e"}

// ordinals finds "1er", "1re", "2e", "3es"…: digits, then the suffix, neither glued to a word
// nor followed by a letter or a digit.
func ordinals(s []byte, cuts []cut) []cut {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRune(s[:i])
			if unicode.IsLetter(prev) || strings.ContainsRune("-_./\\'’&#@:,+", prev) {
				continue
			}
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i > 4 {
			i = j
			continue
		}
		for _, suffix := range ordinalSuffixes {
			// Compared in place: a conversion of the rest of the text would copy it.
			if len(s)-j < len(suffix) || string(s[j:j+len(suffix)]) != suffix {
				continue
			}
			end := j + len(suffix)
			if end < len(s) {
				next, _ := utf8.DecodeRune(s[end:])
				if unicode.IsLetter(next) || unicode.IsDigit(next) || next == '_' || next == '-' || next == '\\' {
					break
				}
			}
			if j == i+1 && s[i] == '1' || suffix == "e" || suffix == "es" {
				cuts = append(cuts, cut{j, end, func() ast.Node { return &Superscript{} }})
			}
			break
		}
		i = j
	}
	return cuts
}

// isRTL reports the strong right-to-left characters: Hebrew, Arabic, Syriac, Thaana, N'Ko and
// their presentation forms.
func isRTL(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF || r >= 0x10800 && r <= 0x10FFF || r >= 0x1E800 && r <= 0x1EFFF
}

// rightToLeft finds runs from a right-to-left letter to the last right-to-left letter that
// follows it with nothing but spaces, marks and punctuation between.
func rightToLeft(s []byte, cuts []cut) []cut {
	start, end := -1, -1
	flush := func() {
		if start >= 0 {
			cuts = append(cuts, cut{start, end, func() ast.Node { return &Isolate{} }})
		}
		start, end = -1, -1
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// No ASCII character is right to left; letters and digits end a run.
			if start >= 0 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\\' || c == '&') {
				flush()
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		switch {
		case isRTL(r):
			if start < 0 {
				start = i
			}
			end = i + size
		case start >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\\' || r == '&'):
			flush()
		}
		i += size
	}
	flush()
	return cuts
}

// split replaces a text node by the pieces the cuts make of it.
func split(t *ast.Text, cuts []cut) {
	// Cuts come from two passes; keep them in order and drop any that overlap.
	for i := 1; i < len(cuts); i++ {
		for j := i; j > 0 && cuts[j].start < cuts[j-1].start; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	parent := t.Parent()
	seg := t.Segment
	pos := 0
	var last *ast.Text
	add := func(n ast.Node) { parent.InsertBefore(parent, t, n) }
	for _, c := range cuts {
		if c.start < pos {
			continue
		}
		if c.start > pos {
			last = ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Start+c.start))
			add(last)
		}
		wrapper := c.node()
		inner := ast.NewTextSegment(text.NewSegment(seg.Start+c.start, seg.Start+c.end))
		wrapper.AppendChild(wrapper, inner)
		add(wrapper)
		last = inner
		pos = c.end
	}
	if seg.Start+pos < seg.Stop {
		last = ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Stop))
		add(last)
	}
	if last != nil {
		last.SetSoftLineBreak(t.SoftLineBreak())
		last.SetHardLineBreak(t.HardLineBreak())
	}
	parent.RemoveChild(parent, t)
}

// textHTMLRenderer writes superscripts as <sup> and isolates as <bdi>.
type textHTMLRenderer struct{}

func (textHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindSuperscript, criticTag("sup"))
	reg.Register(KindIsolate, criticTag("bdi"))
}

// visualOrder reverses right-to-left text for a device that draws left to right: the characters
// run backwards, brackets are mirrored, and numbers and left-to-right words keep their order.
// It is the whole of the bidirectional algorithm for a run that holds no embedded levels, which
// is what a name or a short phrase is.
func visualOrder(s string) string {
	var atoms []string
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i + 1
		if !isRTL(rs[i]) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) {
			for j < len(rs) && !isRTL(rs[j]) && (unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) || strings.ContainsRune(".,:/-", rs[j]) && j+1 < len(rs) && unicode.IsDigit(rs[j+1])) {
				j++
			}
			atoms = append(atoms, string(rs[i:j]))
		} else {
			r := rs[i]
			if m, ok := mirrored[r]; ok {
				r = m
			}
			atoms = append(atoms, string(r))
		}
		i = j
	}
	var b strings.Builder
	for i := len(atoms) - 1; i >= 0; i-- {
		b.WriteString(atoms[i])
	}
	return b.String()
}

var mirrored = map[rune]rune{'(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«'}

// visualText puts the right-to-left runs of a plain text (a name on the cover, a title in the
// running header) in visual order, as Isolate nodes are in the body, Arabic letters shaped with
// the forms has allows.
func visualText(s string, has func(rune) bool) string {
	cuts := rightToLeft([]byte(s), nil)
	if len(cuts) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, c := range cuts {
		b.WriteString(s[last:c.start])
		b.WriteString(visualOrder(shapeArabic(s[c.start:c.end], has)))
		last = c.end
	}
	b.WriteString(s[last:])
	return b.String()
}
