package typeset

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Redlines mark what changed between two versions of a document with CriticMarkup, a plain-text
// convention that reads well in a terminal and in git: {++inserted text++} and {--deleted
// text--}. The renderer escapes { and } in whatever comes from a definition, so only a redline
// can produce these marks. They may hold other inline Markdown (emphasis, links) but never span
// two blocks.

// KindInsert and KindDelete are the node kinds of inserted and deleted text.
var (
	KindInsert = ast.NewNodeKind("Insert")
	KindDelete = ast.NewNodeKind("Delete")
)

// Insert is text added in a redline: {++text++}, typeset underlined in blue.
type Insert struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Insert) Kind() ast.NodeKind { return KindInsert }

// Dump implements ast.Node.
func (n *Insert) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// Delete is text removed in a redline: {--text--}, typeset struck through in red.
type Delete struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *Delete) Kind() ast.NodeKind { return KindDelete }

// Dump implements ast.Node.
func (n *Delete) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// criticDelimiters pairs the opening and closing marks of one kind through goldmark's delimiter
// stack, the way emphasis is paired, so that the text between them is parsed as ordinary inline
// Markdown and an unmatched mark is left as the text it is.
type criticDelimiters struct{ char byte }

var (
	insertDelimiters = &criticDelimiters{char: '+'}
	deleteDelimiters = &criticDelimiters{char: '-'}
)

func (p *criticDelimiters) IsDelimiter(b byte) bool { return b == p.char }

func (p *criticDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Processor == p && closer.Processor == p
}

func (p *criticDelimiters) OnMatch(int) ast.Node {
	if p.char == '+' {
		return &Insert{}
	}
	return &Delete{}
}

// criticParser recognises the four marks: {++ and ++}, {-- and --}.
type criticParser struct{}

func (criticParser) Trigger() []byte { return []byte{'{', '+', '-'} }

func (criticParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 {
		return nil
	}
	var d *parser.Delimiter
	switch {
	case line[0] == '{' && (line[1] == '+' || line[1] == '-') && line[2] == line[1]:
		d = parser.NewDelimiter(true, false, 1, line[1], delimitersFor(line[1]))
	case (line[0] == '+' || line[0] == '-') && line[1] == line[0] && line[2] == '}':
		d = parser.NewDelimiter(false, true, 1, line[0], delimitersFor(line[0]))
	default:
		return nil
	}
	// The whole mark is the delimiter's text: it is what remains if the mark is not paired.
	d.Segment = seg.WithStop(seg.Start + 3)
	block.Advance(3)
	pc.PushDelimiter(d)
	return d
}

func delimitersFor(c byte) *criticDelimiters {
	if c == '+' {
		return insertDelimiters
	}
	return deleteDelimiters
}

// criticHTMLRenderer writes insertions and deletions as <ins> and <del>.
type criticHTMLRenderer struct{}

func (criticHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInsert, criticTag("ins"))
	reg.Register(KindDelete, criticTag("del"))
}

func criticTag(tag string) renderer.NodeRendererFunc {
	return func(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<" + tag + ">")
		} else {
			_, _ = w.WriteString("</" + tag + ">")
		}
		return ast.WalkContinue, nil
	}
}

type critic struct{}

// Critic is the goldmark extension for the insertions and deletions of a redline:
// {++inserted++} and {--deleted--}, written as <ins> and <del> in HTML.
var Critic goldmark.Extender = critic{}

func (critic) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(criticParser{}, 450)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(criticHTMLRenderer{}, 450)))
}

// changedClass is the class a redline gives to the heading of an article that changed
// ({#termination .changed}); the PDF marks such an article in the margin.
const changedClass = "changed"

// hasClass reports whether a node carries a class attribute with the given class.
func hasClass(n ast.Node, class string) bool {
	v, ok := n.AttributeString("class")
	if !ok {
		return false
	}
	b, ok := v.([]byte)
	if !ok {
		return false
	}
	for _, c := range bytes.Fields(b) {
		if string(c) == class {
			return true
		}
	}
	return false
}

// changeBar is the bar drawn in the left margin beside a changed article, from its heading to
// the next heading of its level. A page break ends the bar on one page and starts it again at
// the top of the next, so that every page of a long article is marked.
type changeBar struct {
	open bool
	top  float64
}

// beginChangeBar starts a bar at the current position.
func (w *pdfWriter) beginChangeBar() {
	w.bar = changeBar{open: true, top: w.f.GetY()}
}

// endChangeBar draws the open bar, if any, down to the current position, and reports whether
// one was open.
func (w *pdfWriter) endChangeBar() bool {
	if !w.bar.open {
		return false
	}
	w.bar.open = false
	bottom := min(w.f.GetY(), w.bottom())
	if bottom-w.bar.top < 1 {
		return true
	}
	x := marginLeft - 6
	w.f.SetDrawColor(176, 0, 32)
	w.f.SetLineWidth(0.8)
	w.f.Line(x, w.bar.top+0.5, x, bottom-0.5)
	return true
}

// headingMark tells whether a heading was wholly inserted or deleted in a redline (the heading
// of an article added or removed): its words are then typeset as inserted or deleted words are.
// A heading is otherwise set in one style, whatever marks it holds.
func headingMark(h ast.Node) style {
	var mark style
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		var m style
		switch c.(type) {
		case *Insert:
			m = styleInserted
		case *Delete:
			m = styleDeleted
		default:
			return 0
		}
		if mark != 0 && m != mark {
			return 0
		}
		mark = m
	}
	return mark
}
