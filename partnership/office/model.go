package office

import (
	"strings"
	"time"

	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The goldmark AST of the rendered Markdown is read once into this small model of a legal
// document (paragraphs with their styles, lists, tables, a chart, a table of contents), which the
// DOCX and ODT writers then walk. Both formats therefore say the same words in the same
// structure, and the decisions a reader notices (which paragraph is a signature block, where an
// annex starts a page) are taken in one place.

// change is what a redline did to a piece of text, a paragraph mark or a table row.
type change uint8

const (
	unchanged change = iota
	inserted
	deleted
)

// runStyle is the character formatting of a run.
type runStyle uint8

const (
	bold runStyle = 1 << iota
	italic
	strike
)

// run is a piece of inline text with one formatting, one link and one change.
type run struct {
	text  string
	style runStyle
	// link is an anchor ("#termination") or an address ("https://…").
	link   string
	change change
	// brk is a hard line break; text is then empty.
	brk bool
}

// style is the paragraph style of a block, by its identifier in both formats.
type style uint8

const (
	styleBody style = iota
	styleTitle
	styleSubtitle
	styleHeading1
	styleHeading2
	styleHeading3
	styleList
	styleTableText
	styleTableHeading
	styleSignature
	styleSignatureSpace
	styleQuote
	stylePreformatted
	styleCaption
	styleTOCHeading
	styleTOC1
	styleFooter
	styleRule
	styleChartLegend
)

// align is the horizontal alignment of a paragraph or a table column.
type align uint8

const (
	alignDefault align = iota
	alignLeft
	alignCenter
	alignRight
)

// block is a paragraph, a list, a table, a chart or a table of contents.
type block interface{}

type para struct {
	style style
	runs  []run
	// id names the bookmark of a heading: its clause id.
	id    string
	align align
	// indent is a left indent in twips, beyond the style's.
	indent int
	// keepNext keeps the paragraph on the page of the next one; keepLines keeps its lines
	// together; pageBreak starts it on a new page.
	keepNext, keepLines, pageBreak bool
	// mark is what a redline did to the paragraph's end: a paragraph wholly inserted or wholly
	// deleted has its mark inserted or deleted too, so that accepting or rejecting the change
	// leaves no empty paragraph behind.
	mark change
}

type list struct {
	ordered bool
	start   int
	items   [][]block
}

type table struct {
	aligns []align
	// rows[0] is the header row, repeated at the top of every page the table runs onto.
	rows [][][]run
	// marks tells, row by row, whether a redline inserted or deleted the whole row.
	marks []change
	// widths are the relative widths of the columns, from their content.
	widths []colWidth
}

// chartSegments is the number of cells, or steps, a bar of a chart is drawn with.
const chartSegments = 20

// chartCells is how many of a bar's cells are filled, and after which cell its threshold
// stands (0 for none).
func chartCells(b typeset.Bar, maxValue float64) (filled, threshold int) {
	if maxValue <= 0 {
		maxValue = 1
	}
	filled = int(min(b.Value, maxValue)/maxValue*chartSegments + 0.5)
	if b.Threshold > 0 {
		threshold = int(min(b.Threshold, maxValue)/maxValue*chartSegments + 0.5)
	}
	return filled, threshold
}

// chart is a bar chart under its caption, with the legend of its thresholds when it has any.
type chart struct {
	typeset.Chart
	caption, legend *para // legend is nil without thresholds
	// change is set for a chart a redline inserted or deleted whole: a chart cannot be
	// compared word by word.
	change change
}

// The widths of a chart's columns: the labels, and the values after the bars; the indent of
// its legend, under the bars.
const (
	chartLabelTw        = 2600
	chartValueTw        = 1100
	chartLegendIndentTw = chartLabelTw + (textWidthTw-chartLabelTw-chartValueTw)/chartSegments
)

func newChart(c typeset.Chart, ch change) *chart {
	out := &chart{Chart: c, change: ch}
	out.caption = &para{style: styleCaption, runs: []run{{text: c.Title, change: ch}}, keepNext: true, mark: ch}
	if c.ThresholdLabel != "" {
		out.legend = &para{style: styleChartLegend, runs: []run{{text: c.ThresholdLabel, change: ch}}, indent: chartLegendIndentTw, mark: ch}
	}
	return out
}

// toc is the table of contents: a field the editor fills in, with the article headings as its
// first result.
type toc struct {
	title   string
	entries []tocEntry
}

type tocEntry struct {
	text, id string
}

type quote struct{ blocks []block }

// document is a rendered document ready to be written in an office format.
type document struct {
	fm   typeset.FrontMatter
	lang string
	// title is the document's title, for its properties and the header.
	title  string
	blocks []block
	// revisions is set when the document holds tracked changes (a redline).
	revisions bool
	// date is the date of the document, of its properties and of its tracked changes.
	date time.Time
	// size is the length of the Markdown, from which the writers size their buffers.
	size int
}

// languageTag is the language of the document in the form office formats record: fr-FR, en-GB.
func (d *document) languageTag() string {
	if d.lang == "en" {
		return "en-GB"
	}
	return "fr-FR"
}

// tocMinArticles is the number of articles from which a document has a table of contents, as
// the PDF has.
const tocMinArticles = 12

// build reads rendered Markdown into a document.
func build(md []byte, opts Options) (*document, error) {
	fm, body, err := typeset.SplitFrontMatter(md)
	if err != nil {
		return nil, err
	}
	root := typeset.Markdown().Parser().Parse(text.NewReader(body))
	d := &document{fm: fm, lang: fm["lang"], title: fm["title"], size: len(md)}
	if d.lang != "en" {
		d.lang = "fr"
	}
	d.date = documentDate(opts.Date, fm["date"])
	b := newBuilder(body, d)
	b.title(root)
	b.toc(root)
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		b.top(n)
	}
	return d, nil
}

// documentDate is the date recorded in the document: the one given (SOURCE_DATE_EPOCH), else
// the definition's, else the first of January 2000; never the clock.
func documentDate(given time.Time, fmDate string) time.Time {
	if !given.IsZero() {
		return given.UTC()
	}
	if t, err := time.Parse(time.DateOnly, fmDate); err == nil {
		return t
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

type builder struct {
	src []byte
	// text is src as a string, of which the text of runs is cut without copying.
	text string
	doc  *document
	// section is the id of the article being read (its level-2 heading).
	section string
	// annexes counts the annexes met inside the "annexes" article.
	annexes int
}

func newBuilder(src []byte, d *document) *builder {
	return &builder{src: src, text: string(src), doc: d}
}

func (b *builder) add(bl block) { b.doc.blocks = append(b.doc.blocks, bl) }

// title reads the title block: the first-level heading and the paragraphs under it (the kind
// of document), which are taken out of the tree.
func (b *builder) title(root ast.Node) {
	h, ok := root.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 {
		return
	}
	p := b.paragraph(h, styleTitle)
	p.align = alignCenter
	if t := plainText(p.runs, inserted); t != "" {
		b.doc.title = t
	}
	b.add(p)
	for n := h.NextSibling(); n != nil; {
		if _, isPara := n.(*ast.Paragraph); !isPara {
			break
		}
		next := n.NextSibling()
		sub := b.paragraph(n, styleSubtitle)
		sub.align = alignCenter
		b.add(sub)
		root.RemoveChild(root, n)
		n = next
	}
	root.RemoveChild(root, h)
}

// toc adds a table of contents after the title block when the document has enough articles.
func (b *builder) toc(root ast.Node) {
	var entries []tocEntry
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			// The table lists the articles of the new version: not those a redline deleted.
			if t := plainText(b.inline(h, 0, "", unchanged, nil), inserted); t != "" {
				entries = append(entries, tocEntry{text: t, id: headingID(h)})
			}
		}
	}
	if len(entries) < tocMinArticles {
		return
	}
	b.add(&toc{title: word(b.doc.lang, "contents"), entries: entries})
}

// top reads a block at the top level of the document.
func (b *builder) top(n ast.Node) {
	if h, ok := n.(*ast.Heading); ok {
		b.heading(h)
		return
	}
	for _, bl := range b.block(n) {
		b.add(bl)
	}
}

func (b *builder) heading(h *ast.Heading) {
	st := styleHeading3
	switch h.Level {
	case 1, 2:
		st = styleHeading1
	case 3:
		st = styleHeading2
	}
	p := b.paragraph(h, st)
	p.id = headingID(h)
	p.keepNext, p.keepLines = true, true
	if h.Level <= 2 {
		b.section = p.id
		b.annexes = 0
		p.pageBreak = isAnnex(p.id)
	} else if h.Level == 3 && b.section == "annexes" {
		// Each annex starts on a page of its own, as in the PDF.
		p.pageBreak = b.annexes > 0
		b.annexes++
	}
	b.add(p)
	if p.id == "signatures" {
		b.signatures(h)
	}
}

// isAnnex tells an annex article by its id: "annexes", or an id ending in "-annex".
func isAnnex(id string) bool { return id == "annexes" || strings.HasSuffix(id, "-annex") }

// signatures reads the signature article: a party's name in bold, then its capacity and
// signatory, then room to sign. The whole article is kept on one page.
func (b *builder) signatures(h *ast.Heading) {
	var out []*para
	for n := h.NextSibling(); n != nil; {
		if hd, ok := n.(*ast.Heading); ok && hd.Level <= 2 {
			break
		}
		next := n.NextSibling()
		p, isPara := n.(*ast.Paragraph)
		if !isPara {
			break
		}
		if isBoldParagraph(p) {
			name := b.paragraph(p, styleSignature)
			out = append(out, name)
			last := name
			if q, ok := next.(*ast.Paragraph); ok && !isBoldParagraph(q) {
				role := b.paragraph(q, styleSignature)
				out = append(out, role)
				last = role
				next = q.NextSibling()
				q.Parent().RemoveChild(q.Parent(), q)
			}
			space := &para{style: styleSignatureSpace, mark: last.mark}
			out = append(out, space)
		} else {
			out = append(out, b.paragraph(p, styleBody))
		}
		p.Parent().RemoveChild(p.Parent(), p)
		n = next
	}
	for i, p := range out {
		p.keepLines = true
		p.keepNext = i < len(out)-1
		b.add(p)
	}
}

// isBoldParagraph reports whether a paragraph is a single bold run: a party's name in a
// signature block (the marks of a redline around it do not count).
func isBoldParagraph(n ast.Node) bool {
	c := n.FirstChild()
	for c != nil && c.NextSibling() == nil {
		switch c.(type) {
		case *typeset.Insert, *typeset.Delete:
			c = c.FirstChild()
			continue
		}
		e, ok := c.(*ast.Emphasis)
		return ok && e.Level == 2
	}
	return false
}

// block reads any block but a top-level heading.
func (b *builder) block(n ast.Node) []block {
	switch n := n.(type) {
	case *ast.Heading:
		p := b.paragraph(n, styleHeading3)
		p.keepNext = true
		return []block{p}
	case *ast.Paragraph, *ast.TextBlock:
		p := b.paragraph(n, styleBody)
		if len(p.runs) == 0 {
			return nil
		}
		return []block{p}
	case *ast.List:
		return []block{b.list(n)}
	case *east.Table:
		return []block{b.table(n)}
	case *ast.Blockquote:
		q := &quote{}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			for _, bl := range b.block(c) {
				if p, ok := bl.(*para); ok && p.style == styleBody {
					p.style = styleQuote
				}
				q.blocks = append(q.blocks, bl)
			}
		}
		return []block{q}
	case *ast.FencedCodeBlock:
		ch := unchanged
		switch typeset.BlockMark(n, b.src) {
		case typeset.BlockInserted:
			ch = inserted
		case typeset.BlockDeleted:
			ch = deleted
		}
		if ch != unchanged {
			b.doc.revisions = true
		}
		if c, ok := typeset.ChartOf(n, b.src); ok {
			return []block{newChart(c, ch)}
		}
		return b.code(n, ch)
	case *ast.CodeBlock:
		return b.code(n, unchanged)
	case *ast.ThematicBreak:
		return []block{&para{style: styleRule}}
	}
	return nil
}

// code reads a code block as preformatted lines, one paragraph each, inserted or deleted
// whole with the block.
func (b *builder) code(n ast.Node, ch change) []block {
	var out []block
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := strings.TrimRight(string(seg.Value(b.src)), "\n")
		out = append(out, &para{style: stylePreformatted, runs: []run{{text: line, change: ch}}, mark: ch})
	}
	return out
}

func (b *builder) list(l *ast.List) *list {
	out := &list{ordered: l.IsOrdered(), start: l.Start}
	if out.start == 0 {
		out.start = 1
	}
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		var blocks []block
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			for _, bl := range b.block(c) {
				if p, ok := bl.(*para); ok && p.style == styleBody {
					p.style = styleList
				}
				blocks = append(blocks, bl)
			}
		}
		out.items = append(out.items, blocks)
	}
	return out
}

func (b *builder) table(t *east.Table) *table {
	out := &table{}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignLeft:
			out.aligns = append(out.aligns, alignLeft)
		case east.AlignCenter:
			out.aligns = append(out.aligns, alignCenter)
		case east.AlignRight:
			out.aligns = append(out.aligns, alignRight)
		default:
			out.aligns = append(out.aligns, alignDefault)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells [][]run
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, b.runs(c))
		}
		for len(cells) < len(out.aligns) {
			cells = append(cells, nil)
		}
		out.rows = append(out.rows, cells)
		out.marks = append(out.marks, wholeChange(cells...))
	}
	out.widths = columnWidths(out.rows, len(out.aligns))
	return out
}

// columnWidths measures the columns of a table in characters: the longest word of each (which
// the column must hold without breaking it) and its longest text (which decides how the rest of
// the width is shared).
func columnWidths(rows [][][]run, cols int) []colWidth {
	widths := make([]colWidth, cols)
	for j := range cols {
		w := colWidth{longest: 3}
		for _, r := range rows {
			if j >= len(r) {
				continue
			}
			t := plainText(r[j], inserted) + " " + plainText(r[j], deleted)
			for _, f := range strings.Fields(t) {
				w.longest = max(w.longest, len([]rune(f)))
			}
			w.text = max(w.text, len([]rune(t)))
		}
		widths[j] = w
	}
	return widths
}

type colWidth struct{ longest, text int }

// columnTwips shares a width between columns: each gets room for its longest word, and what
// remains goes to the columns by the length of their text.
func columnTwips(widths []colWidth, total int) []int {
	const perChar, padding = 105, 220
	out := make([]int, len(widths))
	used, weight := 0, 0
	for i, w := range widths {
		out[i] = w.longest*perChar + padding
		used += out[i]
		weight += min(w.text, 120)
	}
	if used > total {
		// Too many wide words: share the width by the words' lengths.
		sum := 0
		for i := range out {
			out[i] = out[i] * total / used
			sum += out[i]
		}
		out[len(out)-1] += total - sum
		return out
	}
	rest, given := total-used, 0
	for i, w := range widths {
		extra := rest * min(w.text, 120) / max(weight, 1)
		out[i] += extra
		given += extra
	}
	if len(out) > 0 {
		out[len(out)-1] += rest - given
	}
	return out
}

// whole tells whether a redline inserted or deleted the table whole: every row.
func (t *table) whole() change {
	if len(t.marks) == 0 {
		return unchanged
	}
	for _, m := range t.marks {
		if m != t.marks[0] {
			return unchanged
		}
	}
	return t.marks[0]
}

// unit is a paragraph, a table or a list in reading order: what a change of whole paragraphs
// covers. A list is a unit when all of it changed alike (or nothing of it), else its items'
// paragraphs are. The paragraphs of a table are not units: a table is inserted or deleted
// whole, or row by row, never paragraph by paragraph.
type unit struct {
	p *para
	// b is the table, chart, list or table of contents when p is nil.
	b block
	// list is the innermost list the unit is an item of, nil outside lists; numbered is set
	// for the paragraph that starts an item, which carries its number.
	list     *list
	numbered bool
	change   change
}

// firstPara is the paragraph a unit starts with, if it starts with one.
func (u unit) firstPara() *para {
	if u.p != nil {
		return u.p
	}
	if l, ok := u.b.(*list); ok && len(l.items) > 0 {
		if units := flatten(l.items[0], l, nil); len(units) > 0 {
			return units[0].firstPara()
		}
	}
	return nil
}

// key identifies a unit's block.
func (u unit) key() block {
	if u.p != nil {
		return u.p
	}
	return u.b
}

// flatten lists the units of blocks in reading order.
func flatten(blocks []block, in *list, out []unit) []unit {
	for _, b := range blocks {
		switch b := b.(type) {
		case *para:
			out = append(out, unit{p: b, list: in, change: b.mark})
		case *list:
			var units []unit
			for _, item := range b.items {
				n := len(units)
				units = flatten(item, b, units)
				if n < len(units) && units[n].p != nil && len(item) > 0 && item[0] == block(units[n].p) {
					units[n].numbered = true
				}
			}
			if ch, ok := alike(units); ok {
				out = append(out, unit{b: b, list: in, change: ch})
			} else {
				out = append(out, units...)
			}
		case *quote:
			out = flatten(b.blocks, in, out)
		case *table:
			out = append(out, unit{b: b, list: in, change: b.whole()})
		case *chart:
			out = append(out, unit{p: b.caption, list: in, change: b.change}, unit{b: b, list: in, change: b.change})
			if b.legend != nil {
				out = append(out, unit{p: b.legend, list: in, change: b.change})
			}
		default:
			out = append(out, unit{b: b, list: in})
		}
	}
	return out
}

// alike reports whether units all changed alike, or none changed, and how.
func alike(units []unit) (change, bool) {
	for _, u := range units {
		if u.change != units[0].change {
			return unchanged, false
		}
	}
	if len(units) == 0 {
		return unchanged, true
	}
	return units[0].change, true
}

// wholeChange tells whether every piece of text of a row was inserted, or every piece deleted.
func wholeChange(cells ...[]run) change {
	var found change
	for _, c := range cells {
		for _, r := range c {
			if strings.TrimSpace(r.text) == "" && !r.brk {
				continue
			}
			if r.change == unchanged || (found != unchanged && r.change != found) {
				return unchanged
			}
			found = r.change
		}
	}
	return found
}

// paragraph reads the inline content of a block into a paragraph of the given style.
func (b *builder) paragraph(n ast.Node, st style) *para {
	runs := b.runs(n)
	return &para{style: st, runs: runs, mark: wholeChange(runs)}
}

// runs reads the inline content of a node, and notes whether a redline changed it.
func (b *builder) runs(n ast.Node) []run {
	runs := tidySpaces(b.inline(n, 0, "", unchanged, nil))
	for _, r := range runs {
		if r.change != unchanged {
			b.doc.revisions = true
			break
		}
	}
	return runs
}

// inline flattens the inline content of a node into runs.
func (b *builder) inline(n ast.Node, st runStyle, link string, ch change, out []run) []run {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			out = append(out, run{text: b.textOf(t), style: st, link: link, change: ch})
			if t.HardLineBreak() {
				out = append(out, run{brk: true, style: st, change: ch})
			} else if t.SoftLineBreak() {
				out = append(out, run{text: " ", style: st, link: link, change: ch})
			}
		case *ast.String:
			out = append(out, run{text: string(t.Value), style: st, link: link, change: ch})
		case *ast.Emphasis:
			s := st | italic
			if t.Level >= 2 {
				s = st | bold
			}
			out = b.inline(t, s, link, ch, out)
		case *ast.CodeSpan:
			out = b.inline(t, st|italic, link, ch, out)
		case *ast.Link:
			out = b.inline(t, st, string(t.Destination), ch, out)
		case *ast.AutoLink:
			out = append(out, run{text: string(t.Label(b.src)), style: st, link: string(t.URL(b.src)), change: ch})
		case *east.Strikethrough:
			out = b.inline(t, st|strike, link, ch, out)
		case *typeset.Insert:
			out = b.inline(t, st, link, inserted, out)
		case *typeset.Delete:
			out = b.inline(t, st, link, deleted, out)
		default:
			out = b.inline(t, st, link, ch, out)
		}
	}
	return out
}

// textOf is the text a text node prints: its segment of the source, with the backslash escapes
// and references of Markdown resolved as in every other format (typeset.TextOf). Text without
// them, nearly all of it, is cut from the source without copying.
func (b *builder) textOf(t *ast.Text) string {
	s := t.Segment
	if s.Padding > 0 {
		return string(s.Value(b.src))
	}
	if raw := b.text[s.Start:s.Stop]; t.IsRaw() || !strings.ContainsAny(raw, "\\&\x00") {
		return raw
	}
	return typeset.TextOf(t, b.src)
}

// sameLook reports whether two runs can be one.
func (r run) sameLook(o run) bool {
	return !r.brk && !o.brk && r.style == o.style && r.link == o.link && r.change == o.change
}

// tidySpaces merges runs of the same look and places the spaces around inserted and deleted
// words so that accepting every change, or rejecting every change, leaves exactly one space
// between two words and none at either end of the paragraph: a space that only separates a
// changed word from its neighbour goes with the changed word. It reuses the memory of runs.
func tidySpaces(runs []run) []run {
	out := runs[:0]
	for i := 0; i < len(runs); {
		r := runs[i]
		j := i + 1
		if r.text == "" && !r.brk {
			i = j
			continue
		}
		size := len(r.text)
		for j < len(runs) && (runs[j].text == "" && !runs[j].brk || r.sameLook(runs[j])) {
			size += len(runs[j].text)
			j++
		}
		if size > len(r.text) {
			var t strings.Builder
			t.Grow(size)
			for _, m := range runs[i:j] {
				t.WriteString(m.text)
			}
			r.text = t.String()
		}
		out = append(out, r)
		i = j
	}
	changed := false
	for _, r := range out {
		changed = changed || r.change != unchanged
	}
	if !changed {
		return out
	}
	// In each view of the paragraph (every change accepted: inserted text shows; rejected:
	// deleted text shows), a changed run that the view leaves out must not bring together the
	// spaces on its two sides, nor leave a space at an end of the paragraph.
	for i := range out {
		if out[i].change == unchanged || out[i].brk {
			continue
		}
		prev := visibleNeighbour(out, i, -1)
		next := visibleNeighbour(out, i, +1)
		prevSpace := prev < 0 || strings.HasSuffix(out[prev].text, " ")
		nextSpace := next >= len(out) || strings.HasPrefix(out[next].text, " ")
		hasPrev, hasNext := prev >= 0, next < len(out)
		switch {
		case hasPrev && hasNext && prevSpace && nextSpace:
			// "a ", [b], " c" would leave two spaces: a space only the view shows goes,
			// else the space after goes with the changed word.
			switch {
			case out[next].change != unchanged:
				out[next].text = out[next].text[1:]
			case out[prev].change != unchanged:
				out[prev].text = out[prev].text[:len(out[prev].text)-1]
			default:
				out[next].text = out[next].text[1:]
				out[i].text += " "
			}
		case !hasPrev && hasNext && nextSpace:
			// [b], " c" at the start of the paragraph.
			if out[next].change == unchanged {
				out[i].text += " "
			}
			out[next].text = out[next].text[1:]
		case hasPrev && !hasNext && prevSpace:
			// "a ", [b] at the end of the paragraph.
			if out[prev].change == unchanged {
				out[i].text = " " + out[i].text
			}
			out[prev].text = out[prev].text[:len(out[prev].text)-1]
		}
	}
	kept := out[:0]
	for _, r := range out {
		if r.text != "" || r.brk {
			kept = append(kept, r)
		}
	}
	return kept
}

// visibleNeighbour finds, from the run at i in direction dir, the nearest run that the view
// leaving out run i shows: unchanged runs and runs of the opposite change. It returns -1 or
// len(runs) when there is none.
func visibleNeighbour(runs []run, i, dir int) int {
	hide := runs[i].change
	for k := i + dir; k >= 0 && k < len(runs); k += dir {
		if runs[k].change != hide && (runs[k].text != "" || runs[k].brk) {
			return k
		}
	}
	if dir < 0 {
		return -1
	}
	return len(runs)
}

// plainText is the text of runs in one view: inserted for the new version (inserted text
// shows, deleted text does not), deleted for the old one.
func plainText(runs []run, view change) string {
	var b strings.Builder
	for _, r := range runs {
		if r.change != unchanged && r.change != view {
			continue
		}
		if r.brk {
			b.WriteString(" ")
		}
		b.WriteString(r.text)
	}
	return strings.TrimSpace(b.String())
}

func headingID(n ast.Node) string {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}
