package typeset

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Page geometry, in millimetres, and type sizes, in points.
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginLeft   = 25.0
	marginRight  = 22.0
	marginTop    = 24.0
	marginBottom = 24.0
	bodySize     = 10.5
	leading      = 1.38 // line height as a multiple of the type size
	mmPerPt      = 25.4 / 72
)

// PDFOptions configure the PDF typesetter.
type PDFOptions struct {
	// CreationDate is recorded in the document's metadata. When zero, the front matter's date is
	// used, and failing that the first of January 2000: never the clock, so that the same input
	// always gives the same bytes.
	CreationDate time.Time
	// Creator names the program in the metadata, for example "commons 0.1.0".
	Creator string
	// TOCMinArticles is the number of articles from which a table of contents is printed;
	// 0 means 12.
	TOCMinArticles int
	// Fallback is a font for the characters Liberation Serif lacks (LoadFont).
	Fallback *Font
	// MaxPages is the page limit; 0 means DefaultMaxPages.
	MaxPages int
	// Timeout is the time limit; 0 means DefaultTimeout, a negative value none.
	Timeout time.Duration
}

// PDFDocument is a typeset PDF and what a reader of it would check.
type PDFDocument struct {
	Data []byte
	// Pages is the number of pages.
	Pages int
	// Headings lists every heading of levels 1 to 3 with the page it starts on.
	Headings []PDFHeading
	// Substituted lists the characters the font cannot draw, printed as "?" instead.
	Substituted []rune
}

// PDFHeading is a heading and its page.
type PDFHeading struct {
	Level int
	Text  string
	ID    string
	Page  int
}

// style is the look of a run of text.
type style uint8

const (
	styleBold style = 1 << iota
	styleItalic
	styleDeleted  // struck through, red: text removed in a redline
	styleInserted // underlined, blue: text added in a redline
	styleLink
	styleSup // the suffix of an ordinal, raised and smaller
)

// supScale and supRise size and raise a superscript, relative to the type size.
const (
	supScale = 0.62
	supRise  = 0.36
)

func (s style) font() string {
	switch {
	case s&styleBold != 0 && s&styleItalic != 0:
		return "BI"
	case s&styleBold != 0:
		return "B"
	case s&styleItalic != 0:
		return "I"
	}
	return ""
}

// run is a piece of inline text with one style.
type run struct {
	text  string
	style style
	// link is an address ("https://…") or an anchor ("#termination").
	link string
}

// pdfWriter holds the state of one PDF: nothing is shared between documents.
type pdfWriter struct {
	f        *fpdf.Fpdf
	fm       FrontMatter
	src      []byte
	opts     PDFOptions
	lang     string
	size     float64 // current type size
	x0, x1   float64 // current left and right limits of the text block
	anchors  map[string]int
	headings []PDFHeading
	missing  map[rune]bool
	// keepSignatures is set while the signature section is typeset.
	inSignatures bool
	inAnnexes    bool
	annexCount   int
	// topLevel is the level of the document's highest heading, which becomes outline level 0.
	topLevel int
	// bar marks a changed article of a redline in the margin.
	bar changeBar
	// faces are the faces of Liberation Serif the document has used, by style.
	faces [4]*fontFace
	// The face (faceRegular…) and size text is set in, and its colour.
	curFace int
	curSize float64
	color   [3]uint8
	// fonts are the faces the text uses, in order of first use.
	fonts []*docFont
	// buf is reused between text runs and stream headers; tx is the state of the open text
	// object.
	tx  textState
	buf []byte
	// pageText holds the text objects of the pages (pagetext.go).
	pageText pageText
	// streams compresses the streams of the document (streams.go).
	streams *streamSet
	// words and lines hold the boxes and lines of the block being drawn; cellWords and
	// cellLines those of every cell of a table.
	words     boxArena
	lines     lineArena
	cellWords boxArena
	cellLines lineArena
	// The bounds of the typesetting (pdflimits.go).
	ctx      context.Context
	done     <-chan struct{}
	maxPages int
	timeout  time.Duration
	deadline bool
}

// PDF typesets rendered Markdown as an A4 PDF: title block, optional table of contents,
// numbered pages with the document's provenance in the footer, an outline entry per heading,
// signature blocks kept on one page, annexes on new pages.
func PDF(md []byte, opts PDFOptions) (*PDFDocument, error) {
	return PDFContext(context.Background(), md, opts)
}

// PDFContext is PDF, stopped with an error when ctx is done, and within the page and time
// limits of opts.
func PDFContext(ctx context.Context, md []byte, opts PDFOptions) (doc *PDFDocument, err error) {
	fm, body, err := SplitFrontMatter(md)
	if err != nil {
		return nil, err
	}
	w := &pdfWriter{fm: fm, src: body, opts: opts, lang: fm["lang"], anchors: map[string]int{}, missing: map[rune]bool{}}
	defer w.limits(ctx)()
	defer func() {
		if r := recover(); r != nil {
			a, ok := r.(abort)
			if !ok {
				panic(r)
			}
			doc, err = nil, fmt.Errorf("typeset PDF: %w", a.err)
		}
	}()
	w.check()
	if w.lang == "" {
		w.lang = "fr"
	}
	// fpdf's document is set up while the Markdown is parsed: neither needs the other.
	parsed := make(chan parsedMarkdown, 1)
	go parseMarkdown(body, w.lang, parsed)
	w.setup()
	p := <-parsed
	if p.panicked != nil {
		panic(p.panicked)
	}
	root := p.root
	w.topLevel = 2
	if firstHeading(root, 1) != nil {
		w.topLevel = 1
	}
	w.titleBlock(root)
	tocPage, tocEntries := w.reserveTOC(root)
	w.blocks(root)
	w.endChangeBar()
	if tocEntries != nil {
		w.drawTOC(tocPage, tocEntries)
	}
	w.footers()
	// The text is complete: the fonts' streams are compressed while fpdf writes its output.
	w.streams = startStreams(w.fontJobs())
	defer w.streams.wait()
	pages := w.f.PageCount()
	fin := finisher{w: w}
	if err := w.f.Output(&fin); err != nil {
		return nil, fmt.Errorf("typeset PDF: %w", err)
	}
	if fin.err != nil {
		return nil, fmt.Errorf("typeset PDF: %w", fin.err)
	}
	doc = &PDFDocument{Data: fin.data, Pages: pages, Headings: w.headings}
	for r := range w.missing {
		doc.Substituted = append(doc.Substituted, r)
	}
	sortRunes(doc.Substituted)
	return doc, nil
}

// prepareParser parses, once per process, a short document: the parser builds its tables on
// its first document.
var prepareParser = sync.OnceFunc(func() {
	Markdown().Parser().Parse(text.NewReader([]byte("# Titre\n\nLe 1er *article* :\n\n- un\n")), parser.WithContext(ParseContext("fr")))
})

// parsedMarkdown is the tree of a document's Markdown, or what its parser panicked with.
type parsedMarkdown struct {
	root     ast.Node
	panicked any
}

// parseMarkdown parses a document's Markdown, passing on a panic to the typesetter.
func parseMarkdown(body []byte, lang string, out chan<- parsedMarkdown) {
	defer func() {
		if r := recover(); r != nil {
			out <- parsedMarkdown{panicked: r}
		}
	}()
	out <- parsedMarkdown{root: Markdown().Parser().Parse(text.NewReader(body), parser.WithContext(ParseContext(lang)))}
}

func sortRunes(rs []rune) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j] < rs[j-1]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

func (w *pdfWriter) setup() {
	f := fpdf.New("P", "mm", "A4", "")
	w.f = f
	w.font("", bodySize)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom)
	f.SetCatalogSort(true)
	// Page streams are compressed by finish, with a compressor it reuses.
	f.SetCompression(false)
	created := w.opts.CreationDate
	if created.IsZero() {
		if t, err := time.Parse(time.DateOnly, w.fm["date"]); err == nil {
			created = t
		} else {
			created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(created.UTC())
	f.SetTitle(w.fm["title"], true)
	f.SetSubject(w.fm["kind_label"], true)
	f.SetAuthor(strings.ReplaceAll(w.fm["parties"], "\n", ", "), true)
	f.SetKeywords(strings.Join(nonEmpty(w.fm["kind"], w.fm["definition"], "commons"), " "), true)
	f.SetCreator(w.opts.Creator, true)
	f.SetProducer(w.opts.Creator, true)
	f.SetLang(w.lang)
	f.SetHeaderFuncMode(w.header, false)
	w.f = f
	w.x0, w.x1 = marginLeft, pageWidth-marginRight
	w.size = bodySize
	f.AddPage()
}

func nonEmpty(items ...string) []string {
	var out []string
	for _, s := range items {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// header prints the document's title on every page but the first.
func (w *pdfWriter) header() {
	if w.f.PageNo() == 1 {
		return
	}
	f := w.f
	w.font("I", 8)
	w.color = [3]uint8{90, 90, 90}
	w.text(marginLeft, marginTop-10, w.fit(w.clean(visualText(w.fm["title"], w.drawsForm)), pageWidth-marginLeft-marginRight))
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(marginLeft, marginTop-8, pageWidth-marginRight, marginTop-8)
	w.color = [3]uint8{}
	w.font("", w.size)
}

// footers print on every page, once the number of pages is known, the provenance and
// "page N sur M".
func (w *pdfWriter) footers() {
	f := w.f
	last := f.PageNo()
	left := w.clean(visualText(strings.Join(nonEmpty(w.fm["definition"],
		labelIf(w.lang, "templates", w.fm["templates"]),
		labelIf(w.lang, "digest", short(w.fm["definition_sha256"]))), " · "), w.drawsForm))
	w.font("", 8)
	w.color = [3]uint8{90, 90, 90}
	y := pageHeight - marginBottom + 12
	for n := 1; n <= last; n++ {
		f.SetPage(n)
		f.SetDrawColor(180, 180, 180)
		f.SetLineWidth(0.2)
		f.Line(marginLeft, y-4.5, pageWidth-marginRight, y-4.5)
		w.text(marginLeft, y, left)
		page := fmt.Sprintf("%s %d %s %d", label(w.lang, "page"), n, label(w.lang, "of"), last)
		w.text(pageWidth-marginRight-w.textWidth(page), y, page)
	}
	f.SetPage(last)
	w.color = [3]uint8{}
	w.font("", w.size)
}

// fit shortens s with an ellipsis, in the current face and size, to at most width.
func (w *pdfWriter) fit(s string, width float64) string {
	if w.textWidth(s) <= width {
		return s
	}
	room := width - w.textWidth("…")
	used := 0.0
	for i, r := range s {
		used += w.runeWidth(r)
		if used > room {
			return strings.TrimRight(s[:i], " ") + "…"
		}
	}
	return s
}

func labelIf(lang, key, value string) string {
	if value == "" {
		return ""
	}
	return label(lang, key) + " " + value
}

// clean prepares text for drawing: it leaves out the characters that format text without being
// drawn, and replaces by "?" those that neither the embedded font, through an equivalent
// character, nor the fallback font can draw, remembering them.
func (w *pdfWriter) clean(s string) string {
	regular := w.face(faceRegular)
	// Most text is drawn as it is: it is returned unless a character needs a change.
	for i := 0; i < len(s); {
		if c := s[i]; c >= ' ' && c <= '~' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '\n' || r >= ' ' && r != utf8.RuneError && !invisible(r) && w.glyphFor(r, regular) {
			i += size
			continue
		}
		return w.cleaned(s, regular)
	}
	return s
}

// glyphFor reports whether r is drawn in face or in the fallback font.
func (w *pdfWriter) glyphFor(r rune, face *fontFace) bool {
	_, g := w.faceOf(r, face)
	return g != 0
}

// cleaned is clean of text that needs a change.
func (w *pdfWriter) cleaned(s string, regular *fontFace) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r < ' ' || invisible(r) || r == utf8.RuneError:
			if r == utf8.RuneError || r < ' ' {
				w.missing[r] = true
			}
			if r == utf8.RuneError {
				b.WriteByte('?')
			}
		default:
			if w.glyphFor(r, regular) {
				b.WriteRune(r)
				continue
			}
			w.missing[r] = true
			b.WriteByte('?')
		}
	}
	return b.String()
}

func (w *pdfWriter) lineHeight() float64 { return w.size * leading * mmPerPt }

func (w *pdfWriter) bottom() float64 { return pageHeight - marginBottom }

// ensure starts a new page unless h millimetres still fit on this one.
func (w *pdfWriter) ensure(h float64) {
	if w.f.GetY()+h > w.bottom() {
		w.newPage()
	}
}

func (w *pdfWriter) newPage() {
	w.checkPages()
	changed := w.endChangeBar()
	w.f.AddPage()
	w.f.SetY(marginTop)
	if changed {
		w.beginChangeBar()
	}
}

// titleBlock prints the document's title (its first-level heading), its kind and its parties,
// centred on the first page.
func (w *pdfWriter) titleBlock(root ast.Node) {
	f := w.f
	f.SetY(marginTop + 6)
	if kind := w.fm["kind_label"]; kind != "" {
		w.centered(strings.ToUpper(kind), "", 9, 5)
		f.SetY(f.GetY() + 2)
	}
	h1 := firstHeading(root, 1)
	if h1 != nil {
		w.record(h1, 1, plainText(h1, w.src))
		w.centeredRuns(w.inline(h1, styleBold, ""), 17)
		// What the text says between the title and the first article (a subtitle) belongs to
		// the title block.
		for n := h1.NextSibling(); n != nil; {
			p, ok := n.(*ast.Paragraph)
			if !ok {
				break
			}
			next := n.NextSibling()
			f.SetY(f.GetY() + 1)
			w.centeredRuns(w.inline(p, styleItalic, ""), 11)
			p.Parent().RemoveChild(p.Parent(), p)
			n = next
		}
		h1.Parent().RemoveChild(h1.Parent(), h1)
	} else {
		w.centered(w.fm["title"], "B", 17, 17*1.25*mmPerPt)
	}
	if parties := w.fm["parties"]; parties != "" {
		w.coverParties(root, strings.Split(parties, "\n"))
	}
	f.SetY(f.GetY() + 4)
	f.SetDrawColor(60, 60, 60)
	f.SetLineWidth(0.4)
	f.Line(pageWidth/2-20, f.GetY(), pageWidth/2+20, f.GetY())
	f.SetY(f.GetY() + 8)
	w.font("", w.size)
}

// coverMaxParties is the most parties the cover names; beyond, it names the first ones and
// sends the reader to the article that lists them all.
const coverMaxParties = 8

// coverParties names the parties on the cover: all of them when they fit, else the first ones
// and how many others there are, with a link to the article that names every party.
func (w *pdfWriter) coverParties(root ast.Node, parties []string) {
	f := w.f
	f.SetY(f.GetY() + 3)
	w.centered(map[string]string{"fr": "Entre", "en": "Between"}[w.lang], "I", 10, 5)
	shown := parties
	// Each party takes a line and an "and": keep the cover on its page, with room below.
	room := int((w.bottom() - f.GetY() - 60) / 10.5)
	if len(parties) > coverMaxParties || len(parties) > room {
		shown = parties[:max(1, min(coverMaxParties-1, room-1))]
	}
	for i, p := range shown {
		if i > 0 {
			w.centered(map[string]string{"fr": "et", "en": "and"}[w.lang], "I", 10, 5)
		}
		w.centered(p, "B", 11, 5.5)
	}
	if rest := len(parties) - len(shown); rest > 0 {
		var where string
		var target *ast.Heading
		for n := root.FirstChild(); n != nil; n = n.NextSibling() {
			if h, ok := n.(*ast.Heading); ok && headingID(h) == "parties" {
				target = h
			}
		}
		if target != nil {
			where = plainText(target, w.src)
		}
		line := others(w.lang, rest, where)
		top := f.GetY()
		w.centered(line, "I", 10, 5)
		if target != nil {
			f.Link(w.x0, top, w.x1-w.x0, f.GetY()-top, w.anchor("parties"))
		}
	}
}

// others says how many parties the cover leaves out and where they are named.
func others(lang string, n int, where string) string {
	if lang == "en" {
		s := fmt.Sprintf("and %d other parties", n)
		if where != "" {
			s += ", named under “" + where + "”"
		}
		return s
	}
	s := fmt.Sprintf("et %d autres parties", n)
	if where != "" {
		s += ", désignées sous «\u00a0" + where + "\u00a0»"
	}
	return s
}

// centered prints one or more centred lines of plain text.
func (w *pdfWriter) centered(s, style string, size, lh float64) {
	f := w.f
	w.font(style, size)
	for _, line := range w.wrapPlain(w.clean(visualText(s, w.drawsForm)), w.x1-w.x0-20) {
		width := w.textWidth(line)
		w.text((pageWidth-width)/2, f.GetY()+lh*0.75, line)
		f.SetY(f.GetY() + lh)
	}
	w.font("", w.size)
}

// centeredRuns prints inline text as centred lines in a size.
func (w *pdfWriter) centeredRuns(runs []run, size float64) {
	savedSize, x0, x1 := w.size, w.x0, w.x1
	w.size = size
	width := w.x1 - w.x0 - 20
	for _, l := range w.layoutIn(&w.lines, w.boxesIn(&w.words, runs), width) {
		w.x0 = (pageWidth - l.width) / 2
		w.drawLine(l.boxes, l.width, l.width, false)
	}
	w.size, w.x0, w.x1 = savedSize, x0, x1
	w.font("", w.size)
}

// wrapPlain breaks plain text into lines no wider than width in the current font.
func (w *pdfWriter) wrapPlain(s string, width float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && w.textWidth(try) > width {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	return append(lines, line)
}

func firstHeading(root ast.Node, level int) *ast.Heading {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == level {
			return h
		}
	}
	return nil
}

// plainText is the text of a node without its formatting.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.WriteString(textOf(t, src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// textOf is what a text node says: its segment unescaped, or as written in code.
func textOf(t *ast.Text, src []byte) string {
	if t.IsRaw() {
		return string(t.Segment.Value(src))
	}
	return unescape(t.Segment.Value(src))
}

func headingID(n ast.Node) string {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

// record notes a heading for the outline and the table of contents, and makes it a link target.
func (w *pdfWriter) record(n ast.Node, level int, title string) {
	id := headingID(n)
	y := w.f.GetY()
	if level <= 3 {
		// Outline levels start at 0 with the highest heading the document has.
		w.f.Bookmark(utf16Text(w.clean(title)), max(level-w.topLevel, 0), -1)
	}
	w.headings = append(w.headings, PDFHeading{Level: level, Text: title, ID: id, Page: w.f.PageNo()})
	if id != "" {
		w.f.SetLink(w.anchor(id), y, w.f.PageNo())
	}
}

// anchor returns the link id of a heading id, creating it on first use so that links may point
// forward.
func (w *pdfWriter) anchor(id string) int {
	if l, ok := w.anchors[id]; ok {
		return l
	}
	l := w.f.AddLink()
	w.anchors[id] = l
	return l
}

// blockFuncs typesets each kind of block, as goldmark's renderers do: one function per kind.
var blockFuncs map[ast.NodeKind]func(*pdfWriter, ast.Node)

func init() {
	blockFuncs = map[ast.NodeKind]func(*pdfWriter, ast.Node){
		ast.KindHeading:         (*pdfWriter).heading,
		ast.KindParagraph:       (*pdfWriter).paragraph,
		ast.KindTextBlock:       (*pdfWriter).paragraph,
		ast.KindList:            (*pdfWriter).list,
		ast.KindBlockquote:      (*pdfWriter).blockquote,
		ast.KindThematicBreak:   (*pdfWriter).thematicBreak,
		ast.KindCodeBlock:       (*pdfWriter).codeBlock,
		ast.KindFencedCodeBlock: (*pdfWriter).chart,
		east.KindTable:          (*pdfWriter).table,
	}
}

func (w *pdfWriter) blocks(parent ast.Node) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		if fn, ok := blockFuncs[n.Kind()]; ok {
			fn(w, n)
		}
	}
}

func (w *pdfWriter) heading(n ast.Node) {
	h := n.(*ast.Heading)
	if h.Level <= 2 {
		w.endChangeBar()
	}
	title := plainText(h, w.src)
	id := headingID(h)
	f := w.f
	size, before, after := 12.0, 5.0, 2.0
	switch h.Level {
	case 1:
		size, before = 16, 6
	case 3:
		size, before = 11, 3.5
	case 4, 5, 6:
		size, before = bodySize, 3
	}
	switch {
	case h.Level == 2 && isAnnex(id) || h.Level == 3 && w.inAnnexes && w.annexCount > 0:
		w.newPage()
		before = 0
	case id == "signatures":
		// The signature section is kept on one page: heading, place and date, every block.
		if w.f.GetY()+w.signaturesHeight(n) > w.bottom() {
			w.newPage()
			before = 0
		}
	}
	if h.Level == 2 {
		w.inSignatures = id == "signatures"
		w.inAnnexes = isAnnex(id)
	} else if h.Level == 3 && w.inAnnexes {
		w.annexCount++
	}
	// A heading never ends a page: it needs its own lines and two lines of what follows.
	saved := w.size
	w.size = size
	lines := w.layoutIn(&w.lines, w.boxesIn(&w.words, w.headingRuns(h)), w.x1-w.x0)
	lh := w.lineHeight()
	w.size = saved
	if f.GetY() > marginTop+0.1 {
		f.SetY(f.GetY() + before)
	}
	w.ensure(float64(len(lines))*lh + after + 2*w.lineHeight())
	if h.Level <= 2 && hasClass(h, changedClass) {
		w.beginChangeBar()
	}
	w.record(h, h.Level, title)
	w.size = size
	for _, l := range lines {
		w.drawLine(l.boxes, l.width, w.x1-w.x0, false)
	}
	w.size = saved
	f.SetY(f.GetY() + after)
	w.font("", w.size)
}

// headingRuns is the text of a heading in bold. A heading wholly inserted or deleted in a
// redline (the heading of an article added or removed) is marked as such; any other is set in
// one style, whatever marks it holds.
func (w *pdfWriter) headingRuns(h ast.Node) []run {
	mark := headingMark(h)
	runs := w.inline(h, styleBold, "")
	for i := range runs {
		runs[i].style = runs[i].style&^(styleDeleted|styleInserted|styleLink) | mark
		runs[i].link = ""
	}
	return runs
}

// isAnnex tells an annex section by its id: "annexes", or any id ending in "-annex". Annexes
// start on a new page.
func isAnnex(id string) bool { return id == "annexes" || strings.HasSuffix(id, "-annex") }

// signaturesHeight estimates the height of the signature section that starts at heading n.
func (w *pdfWriter) signaturesHeight(n ast.Node) float64 {
	h := 12.0
	for c := n.NextSibling(); c != nil; c = c.NextSibling() {
		if hd, ok := c.(*ast.Heading); ok && hd.Level <= 2 {
			break
		}
		h += 2*w.lineHeight() + 2
		if strings.HasPrefix(plainText(c, w.src), "") && isBoldParagraph(c) {
			h += signatureSpace
		}
	}
	return h
}

// signatureSpace is the room left blank for a handwritten signature.
const signatureSpace = 22.0

// isBoldParagraph reports whether a paragraph is a single bold run: a party's name in a
// signature block.
func isBoldParagraph(n ast.Node) bool {
	p, ok := n.(*ast.Paragraph)
	if !ok || p.ChildCount() != 1 {
		return false
	}
	e, ok := p.FirstChild().(*ast.Emphasis)
	return ok && e.Level == 2
}

func (w *pdfWriter) paragraph(n ast.Node) {
	runs := w.inline(n, 0, "")
	if len(runs) == 0 {
		return
	}
	_, inList := n.Parent().(*ast.ListItem)
	if w.inSignatures && isBoldParagraph(n) {
		// A signature block: the party's name, then its representative, then room to sign.
		w.ensure(signatureSpace + 3*w.lineHeight())
		w.f.SetY(w.f.GetY() + 2)
		w.flow(runs, false)
		if next := n.NextSibling(); next != nil && !isBoldParagraph(next) {
			if _, isPara := next.(*ast.Paragraph); isPara {
				w.flow(w.inline(next, 0, ""), false)
				n.Parent().RemoveChild(n.Parent(), next)
			}
		}
		y := w.f.GetY() + 1
		w.f.SetDrawColor(150, 150, 150)
		w.f.SetLineWidth(0.2)
		w.f.SetDashPattern([]float64{0.8, 0.8}, 0)
		w.f.Rect(w.x0, y, 80, signatureSpace-4, "D")
		w.f.SetDashPattern(nil, 0)
		w.f.SetY(y + signatureSpace)
		return
	}
	w.flow(runs, true)
	if !inList || n.NextSibling() != nil {
		w.f.SetY(w.f.GetY() + w.lineHeight()*0.45)
	}
}

// inline flattens the inline content of a block into styled runs.
func (w *pdfWriter) inline(n ast.Node, st style, link string) []run {
	return w.appendInline(nil, n, st, link)
}

// appendInline appends the runs of the inline content of n to runs.
func (w *pdfWriter) appendInline(runs []run, n ast.Node, st style, link string) []run {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			s := textOf(t, w.src)
			runs = append(runs, run{text: s, style: st, link: link})
			if t.HardLineBreak() {
				runs = append(runs, run{text: "\n", style: st})
			} else if t.SoftLineBreak() {
				runs = append(runs, run{text: " ", style: st})
			}
		case *ast.String:
			runs = append(runs, run{text: string(t.Value), style: st, link: link})
		case *ast.Emphasis:
			s := st | styleItalic
			if t.Level == 2 {
				s = st | styleBold
			}
			runs = w.appendInline(runs, t, s, link)
		case *ast.CodeSpan:
			runs = w.appendInline(runs, t, st|styleItalic, link)
		case *ast.Link:
			runs = w.appendInline(runs, t, st|styleLink, string(t.Destination))
		case *ast.AutoLink:
			url := string(t.URL(w.src))
			runs = append(runs, run{text: string(t.Label(w.src)), style: st | styleLink, link: url})
		case *east.Strikethrough, *Delete:
			runs = w.appendInline(runs, t, st|styleDeleted, link)
		case *Insert:
			runs = w.appendInline(runs, t, st|styleInserted, link)
		case *Superscript:
			runs = w.appendInline(runs, t, st|styleSup, link)
		case *Isolate:
			// PDF text is drawn left to right: a right-to-left run is drawn in the order the eye
			// reads it, as one unit.
			inner := w.inline(t, st, link)
			for i, j := 0, len(inner)-1; i < j; i, j = i+1, j-1 {
				inner[i], inner[j] = inner[j], inner[i]
			}
			for i := range inner {
				inner[i].text = visualOrder(shapeArabic(inner[i].text, w.drawsForm))
			}
			runs = append(runs, inner...)
		default:
			runs = w.appendInline(runs, t, st, link)
		}
	}
	return runs
}

// box is an unbreakable group of pieces (a word, perhaps in several styles); a line is boxes
// separated by stretchable spaces.
type box struct {
	pieces []piece
	width  float64
	// space is the width of the space before the box (0 at the start of a line).
	space   float64
	newline bool
}

type piece struct {
	text  string
	style style
	link  string
	width float64
}

func (w *pdfWriter) setStyle(s style) {
	if s&styleSup != 0 {
		w.font(s.font(), w.size*supScale)
		return
	}
	w.font(s.font(), w.size)
}

// font selects the face ("", "B", "I" or "BI", as fpdf names them) and size of the text that
// follows.
func (w *pdfWriter) font(face string, size float64) {
	switch face {
	case "B":
		w.curFace = faceBold
	case "I":
		w.curFace = faceItalic
	case "BI":
		w.curFace = faceBoldItalic
	default:
		w.curFace = faceRegular
	}
	w.curSize = size
}

// boxArena holds the boxes of a block of text, whose pieces share one array. The typesetter
// keeps one for the block it is drawing, reused from block to block.
type boxArena struct {
	boxes  []box
	pieces []piece
}

// boxes cuts runs into words at ordinary spaces. No-break spaces (U+00A0, U+202F) stay inside
// words, which is what keeps « », ; : and amounts together.
func (w *pdfWriter) boxes(runs []run) []box { return w.boxesIn(new(boxArena), runs) }

// boxesIn is boxes, kept in a (and valid until a's next use).
func (w *pdfWriter) boxesIn(a *boxArena, runs []run) []box {
	a.boxes, a.pieces = a.boxes[:0], a.pieces[:0]
	return w.boxesAppend(a, runs)
}

// boxesAppend is boxes, kept in a after what it holds: the boxes of several blocks (the cells
// of a table) stay valid together until a is emptied. When a is full, what it holds stays where
// it is and a moves on to new arrays.
func (w *pdfWriter) boxesAppend(a *boxArena, runs []run) []box {
	n := 1
	for _, r := range runs {
		n += strings.Count(r.text, " ") + 1
	}
	if cap(a.boxes)-len(a.boxes) < n {
		a.boxes = make([]box, 0, max(n, 2*cap(a.boxes)))
	}
	if cap(a.pieces)-len(a.pieces) < n {
		a.pieces = make([]piece, 0, max(n, 2*cap(a.pieces)))
	}
	start := len(a.boxes)
	cur := box{}
	first := len(a.pieces) // the first piece of cur
	pendingSpace := 0.0
	flush := func() {
		if len(a.pieces) > first || cur.newline {
			cur.pieces = a.pieces[first:len(a.pieces):len(a.pieces)]
			a.boxes = append(a.boxes, cur)
		}
		cur, first = box{}, len(a.pieces)
	}
	for _, r := range runs {
		w.setStyle(r.style)
		spaceWidth := w.textWidth(" ")
		rest, more := w.clean(r.text), true
		for i := 0; more; i++ {
			var part string
			part, rest, more = strings.Cut(rest, " ")
			if i > 0 {
				flush()
				pendingSpace = spaceWidth
			}
			if part == "\n" {
				flush()
				a.boxes = append(a.boxes, box{newline: true})
				pendingSpace = 0
				continue
			}
			if part == "" {
				continue
			}
			if len(a.pieces) == first {
				cur.space = pendingSpace
				pendingSpace = 0
			}
			pw := w.textWidth(part)
			a.pieces = append(a.pieces, piece{text: part, style: r.style, link: r.link, width: pw})
			cur.width += pw
		}
	}
	flush()
	return a.boxes[start:len(a.boxes):len(a.boxes)]
}

// flow sets runs as lines between x0 and x1, justified unless told otherwise; the last line of
// a paragraph is never stretched.
func (w *pdfWriter) flow(runs []run, justify bool) {
	width := w.x1 - w.x0
	lines := w.layoutIn(&w.lines, w.boxesIn(&w.words, runs), width)
	for i, l := range lines {
		w.drawLine(l.boxes, l.width, width, justify && !l.last && i < len(lines)-1)
	}
	w.setStyle(0)
}

type line struct {
	boxes []box
	width float64
	// last is set on a line that ends a paragraph or a hard line break.
	last bool
}

// layout breaks boxes into lines no wider than width, greedily, which is what a reader expects
// of a contract and costs one pass. A word wider than the line is cut between two groups of
// letters ("cand-|008", "Valmont/|Est"), and inside a group only when the line cannot hold the
// group whole; every cut takes at least one character, so the layout always ends.
func (w *pdfWriter) layout(boxes []box, width float64) []line {
	return w.layoutIn(new(lineArena), boxes, width)
}

// lineArena holds the lines of a block of text. The boxes of every line share one array; a line
// is a window on it.
type lineArena struct {
	lines []line
	boxes []box
}

// layoutIn is layout, kept in a (and valid until a's next use).
func (w *pdfWriter) layoutIn(a *lineArena, boxes []box, width float64) []line {
	a.lines, a.boxes = a.lines[:0], a.boxes[:0]
	return w.layoutAppend(a, boxes, width)
}

// layoutAppend is layout, kept in a after what it holds, as boxesAppend keeps boxes.
func (w *pdfWriter) layoutAppend(a *lineArena, boxes []box, width float64) []line {
	if cap(a.boxes)-len(a.boxes) < len(boxes)+4 {
		a.boxes = make([]box, 0, max(len(boxes)+4, 2*cap(a.boxes)))
	}
	if cap(a.lines)-len(a.lines) < len(boxes)/8+1 {
		a.lines = make([]line, 0, max(len(boxes)/8+1, 2*cap(a.lines)))
	}
	first := len(a.lines)
	lines, all := a.lines, a.boxes
	start := len(all)
	var cur []box
	curWidth := 0.0
	emit := func(last bool) {
		lines = append(lines, line{boxes: all[start:len(all):len(all)], width: curWidth, last: last})
		start, cur, curWidth = len(all), nil, 0
		w.check()
	}
	// A column narrower than its padding still takes a character per line.
	width = max(width, 0.01)
	for _, b := range boxes {
		if b.newline {
			emit(true)
			continue
		}
		for b.width > width && len(b.pieces) > 0 {
			avail := width - curWidth - b.space
			if len(cur) == 0 {
				b.space, avail = 0, width
			}
			head, tail, ok := w.splitBox(b, avail, len(cur) == 0)
			if !ok {
				if len(cur) == 0 {
					break // nothing to draw: an empty piece
				}
				emit(false)
				continue
			}
			all = append(all, head)
			cur = all[start:]
			curWidth += head.space + head.width
			emit(false)
			b = tail
			b.space = 0
		}
		if len(cur) > 0 && curWidth+b.space+b.width > width {
			emit(false)
		}
		if len(cur) == 0 {
			b.space = 0
		}
		all = append(all, b)
		cur = all[start:]
		curWidth += b.space + b.width
	}
	if len(cur) > 0 {
		emit(true)
	}
	a.lines, a.boxes = lines, all
	return lines[first:len(lines):len(lines)]
}

// breakAfter reports whether a word may be cut between two characters without cutting a group
// of letters: after a hyphen, a slash or a punctuation mark, or where letters meet digits. A
// number is never cut at its decimal separator, and a no-break space never breaks: an amount
// such as "12 345,67 €" stays whole.
func breakAfter(prev, next rune) bool {
	if (prev == ',' || prev == '.') && unicode.IsDigit(next) {
		return false
	}
	if strings.ContainsRune("-/_.,;:)]}&?=+|\u2010\u2013\u2014", prev) {
		return true
	}
	lp, ln := unicode.IsLetter(prev), unicode.IsLetter(next)
	dp, dn := unicode.IsDigit(prev), unicode.IsDigit(next)
	return lp && dn || dp && ln || next == '(' || next == '['
}

// splitBox cuts a box so that its head fits in width, at the last place breakAfter allows. When
// there is none, it fails, unless force is set (the line is empty): then it cuts at the last
// character that fits, and after the first character at least.
func (w *pdfWriter) splitBox(b box, width float64, force bool) (head, tail box, ok bool) {
	type mark struct {
		piece, at int // the cut is before byte at of piece
		width     float64
	}
	var lastBreak, lastFit mark
	found, fitted := false, false
	used := 0.0
	prev := rune(-1)
scan:
	for i, p := range b.pieces {
		w.setStyle(p.style)
		for at, r := range p.text {
			if prev >= 0 && breakAfter(prev, r) {
				lastBreak, found = mark{i, at, used}, true
			}
			rw := w.runeWidth(r)
			if used+rw > width {
				if !fitted && force {
					// Not even one character fits: it goes on the line all the same.
					lastFit, fitted = mark{i, at + utf8.RuneLen(r), used + rw}, true
				}
				break scan
			}
			used += rw
			lastFit, fitted = mark{i, at + utf8.RuneLen(r), used}, true
			prev = r
		}
	}
	cutAt := lastBreak
	switch {
	case found && lastBreak.width > 0:
	case force && fitted:
		cutAt = lastFit
	default:
		return box{}, b, false
	}
	head.space = b.space
	for i, p := range b.pieces {
		switch {
		case i < cutAt.piece:
			head.pieces = append(head.pieces, p)
			head.width += p.width
		case i == cutAt.piece:
			w.setStyle(p.style)
			if cutAt.at > 0 {
				hp := piece{text: p.text[:cutAt.at], style: p.style, link: p.link}
				hp.width = w.textWidth(hp.text)
				head.pieces = append(head.pieces, hp)
				head.width += hp.width
			}
			if cutAt.at < len(p.text) {
				tp := piece{text: p.text[cutAt.at:], style: p.style, link: p.link}
				tp.width = w.textWidth(tp.text)
				tail.pieces = append(tail.pieces, tp)
				tail.width += tp.width
			}
		default:
			tail.pieces = append(tail.pieces, p)
			tail.width += p.width
		}
	}
	return head, tail, len(head.pieces) > 0
}

// groupWidth is the width of the widest group of letters of a box: what a column must hold for
// no word to be cut inside a group.
func (w *pdfWriter) groupWidth(b box) float64 {
	widest, cur := 0.0, 0.0
	prev := rune(-1)
	for _, p := range b.pieces {
		w.setStyle(p.style)
		for _, r := range p.text {
			if prev >= 0 && breakAfter(prev, r) {
				cur = 0
			}
			cur += w.runeWidth(r)
			widest = max(widest, cur)
			prev = r
		}
	}
	return widest
}

func (w *pdfWriter) drawLine(line []box, lineWidth, width float64, justify bool) {
	w.check()
	lh := w.lineHeight()
	w.ensure(lh)
	y := w.f.GetY()
	w.drawBoxes(line, w.x0, y+lh*0.76, lineWidth, width, justify)
	w.f.SetY(y + lh)
}

// drawBoxes draws a line of boxes from x on a baseline, stretched to width when justified: its
// text as one text object, then the marks of a redline and the links.
func (w *pdfWriter) drawBoxes(line []box, x, baseline, lineWidth, width float64, justify bool) {
	lh := w.lineHeight()
	extra := 0.0
	if justify && len(line) > 1 {
		extra = (width - lineWidth) / float64(len(line)-1)
		if extra > w.size*mmPerPt*0.9 {
			extra = 0 // a loose line reads better ragged than stretched
		}
	}
	x0 := x
	marked := false
	w.beginText()
	for i, b := range line {
		if i > 0 {
			x += b.space + extra
		}
		for _, p := range b.pieces {
			w.showPiece(p, x, baseline)
			x += p.width
			marked = marked || p.style&(styleDeleted|styleInserted) != 0 || p.link != ""
		}
	}
	w.endText()
	w.color = [3]uint8{}
	if !marked {
		return
	}
	x = x0
	var prev style
	for i, b := range line {
		if i > 0 {
			gap := b.space + extra
			// A redline mark runs on across the space between two marked words, as a
			// reader expects of struck-through or underlined text.
			if len(b.pieces) > 0 {
				if mark := prev & b.pieces[0].style & (styleDeleted | styleInserted); mark != 0 {
					w.decorate(mark, x, x+gap, baseline)
				}
			}
			x += gap
		}
		for _, p := range b.pieces {
			w.markPiece(p, x, baseline, lh)
			x += p.width
			prev = p.style
		}
	}
}

// decorate draws the line of a redline mark from x0 to x1.
func (w *pdfWriter) decorate(mark style, x0, x1, baseline float64) {
	f := w.f
	f.SetLineWidth(0.25)
	if mark&styleDeleted != 0 {
		f.SetDrawColor(176, 0, 32)
		f.Line(x0, baseline-w.size*mmPerPt*0.3, x1, baseline-w.size*mmPerPt*0.3)
		return
	}
	f.SetDrawColor(26, 77, 143)
	f.Line(x0, baseline+0.6, x1, baseline+0.6)
}

// showPiece sets the text of a piece in the open text object.
func (w *pdfWriter) showPiece(p piece, x, baseline float64) {
	w.setStyle(p.style)
	switch {
	case p.style&styleDeleted != 0:
		w.color = [3]uint8{176, 0, 32}
	case p.style&styleInserted != 0, p.style&styleLink != 0:
		w.color = [3]uint8{26, 77, 143}
	default:
		w.color = [3]uint8{}
	}
	if p.style&styleSup != 0 {
		baseline -= w.size * supRise * mmPerPt
	}
	w.show(x, baseline, p.text)
}

// markPiece draws the line of a redline mark under or through a piece, and makes a link of it.
func (w *pdfWriter) markPiece(p piece, x, baseline, lh float64) {
	f := w.f
	if mark := p.style & (styleDeleted | styleInserted); mark != 0 {
		w.setStyle(p.style)
		w.decorate(mark, x, x+p.width, baseline)
	}
	if p.link != "" {
		top := baseline - lh*0.76
		if strings.HasPrefix(p.link, "#") {
			f.Link(x, top, p.width, lh, w.anchor(p.link[1:]))
		} else if strings.HasPrefix(p.link, "http://") || strings.HasPrefix(p.link, "https://") || strings.HasPrefix(p.link, "mailto:") {
			f.LinkString(x, top, p.width, lh, p.link)
		}
	}
}

func (w *pdfWriter) list(n ast.Node) {
	l := n.(*ast.List)
	start := l.Start
	if start == 0 {
		start = 1
	}
	indent := 6.0
	saved := w.x0
	i := 0
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "–"
		if l.IsOrdered() {
			marker = strconv.Itoa(start+i) + "."
		}
		i++
		w.ensure(w.lineHeight())
		w.setStyle(0)
		mw := w.textWidth(marker)
		w.text(saved+indent-mw-1.8, w.f.GetY()+w.lineHeight()*0.76, marker)
		w.x0 = saved + indent
		w.blocks(item)
		w.x0 = saved
	}
	w.f.SetY(w.f.GetY() + w.lineHeight()*0.45)
}

func (w *pdfWriter) blockquote(n ast.Node) {
	saved := w.x0
	top, page := w.f.GetY(), w.f.PageNo()
	w.x0 = saved + 6
	w.blocks(n)
	w.x0 = saved
	if w.f.PageNo() == page {
		w.f.SetDrawColor(150, 150, 150)
		w.f.SetLineWidth(0.6)
		w.f.Line(saved+2, top, saved+2, w.f.GetY()-2)
	}
}

func (w *pdfWriter) thematicBreak(ast.Node) {
	w.ensure(6)
	y := w.f.GetY() + 3
	w.f.SetDrawColor(150, 150, 150)
	w.f.SetLineWidth(0.3)
	w.f.Line(w.x0+30, y, w.x1-30, y)
	w.f.SetY(y + 3)
}

func (w *pdfWriter) codeBlock(n ast.Node) {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(w.src))
	}
	for _, line := range strings.Split(strings.TrimRight(b.String(), "\n"), "\n") {
		w.flow([]run{{text: line}}, false)
	}
	w.f.SetY(w.f.GetY() + w.lineHeight()*0.45)
}
