package typeset

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

const cellPad = 1.6 // horizontal and vertical padding inside a table cell, in mm

// cell is a table cell ready to draw: its lines at the column's width.
type cell struct {
	lines []line
	align east.Alignment
}

// tableSizes are the type sizes a table tries, from the body's down, until every group of
// letters fits its column.
var tableSizes = []float64{bodySize, 9.5, 8.5, 7.5}

// table typesets a GFM table: columns sized to their content, cells wrapped, the header row
// repeated at the top of every page the table runs onto. A row is kept on one page when it fits
// on one, and split between pages when it is taller than a page.
func (w *pdfWriter) table(n ast.Node) {
	t := n.(*east.Table)
	var rows [][][]run
	var header int
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		if _, ok := r.(*east.TableHeader); ok {
			header = 1
		}
		var cells [][]run
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			st := style(0)
			if header == 1 && len(rows) == 0 {
				st = styleBold
			}
			cells = append(cells, w.inline(c, st, ""))
		}
		rows = append(rows, cells)
	}
	if len(rows) == 0 {
		return
	}
	cols := len(rows[0])
	saved := w.size
	defer func() { w.size = saved; w.setStyle(0) }()
	var widths []float64
	var boxes [][][]box
	for _, size := range tableSizes {
		w.size = size
		boxes = make([][][]box, len(rows))
		w.cellWords.boxes, w.cellWords.pieces = w.cellWords.boxes[:0], w.cellWords.pieces[:0]
		for i, r := range rows {
			boxes[i] = make([][]box, cols)
			for j := 0; j < cols && j < len(r); j++ {
				boxes[i][j] = w.boxesAppend(&w.cellWords, r[j])
			}
		}
		var fits bool
		widths, fits = w.columnWidths(boxes, cols, w.x1-w.x0)
		if fits {
			break
		}
	}
	lh := w.lineHeight()
	laid := make([][]cell, len(rows))
	w.cellLines.lines, w.cellLines.boxes = w.cellLines.lines[:0], w.cellLines.boxes[:0]
	heights := make([]float64, len(rows))
	for i := range rows {
		laid[i] = make([]cell, cols)
		for j := range cols {
			align := east.AlignNone
			if j < len(t.Alignments) {
				align = t.Alignments[j]
			}
			laid[i][j] = cell{lines: w.layoutAppend(&w.cellLines, boxes[i][j], widths[j]-2*cellPad), align: align}
			heights[i] = max(heights[i], float64(len(laid[i][j].lines))*lh+2*cellPad)
		}
		w.check()
	}
	w.f.SetY(w.f.GetY() + 1)
	headerHeight := 0.0
	if header == 1 {
		headerHeight = heights[0]
		if headerHeight > (w.bottom()-marginTop)/3 {
			header = 0 // a header that tall is not repeated
			headerHeight = 0
		}
	}
	// The header and the first row go together, when they fit on a page.
	first := heights[0]
	if header == 1 && len(heights) > 1 {
		first += heights[1]
	}
	if first <= w.bottom()-marginTop {
		w.ensure(first)
	}
	whole := w.bottom() - marginTop - headerHeight
	for i := range laid {
		isHeader := header == 1 && i == 0
		if w.f.GetY()+heights[i] > w.bottom() && (heights[i] <= whole || w.f.GetY()+2*cellPad+lh > w.bottom()) {
			w.newPage()
			if header == 1 && i > 0 {
				w.drawRow(laid[0], widths, nil, true)
			}
		}
		from := make([]int, cols)
		for {
			from = w.drawRow(laid[i], widths, from, isHeader)
			if from == nil {
				break
			}
			// The rest of a row taller than the page goes on the next one.
			w.newPage()
			if header == 1 && i > 0 {
				w.drawRow(laid[0], widths, nil, true)
			}
		}
	}
	w.f.SetY(w.f.GetY() + w.lineHeight()*0.6)
}

// drawRow draws the lines of a row's cells from the given line of each (nil: the first), as
// many as the page holds. It returns where each cell stopped, or nil when the row is complete.
func (w *pdfWriter) drawRow(cells []cell, widths []float64, from []int, isHeader bool) []int {
	f := w.f
	y := f.GetY()
	lh := w.lineHeight()
	if from == nil {
		from = make([]int, len(cells))
	}
	fit := max(1, int((w.bottom()-y-2*cellPad)/lh))
	lines := 0
	var next []int
	for j, c := range cells {
		n := min(len(c.lines)-from[j], fit)
		lines = max(lines, n)
		if from[j]+n < len(c.lines) {
			if next == nil {
				next = make([]int, len(cells))
			}
			next[j] = from[j] + n
		}
	}
	if next != nil {
		for j, c := range cells {
			if next[j] == 0 {
				next[j] = len(c.lines)
			}
		}
	}
	height := float64(lines)*lh + 2*cellPad
	x := w.x0
	f.SetDrawColor(140, 140, 140)
	f.SetLineWidth(0.2)
	for j, c := range cells {
		if isHeader {
			f.SetFillColor(235, 235, 235)
			f.Rect(x, y, widths[j], height, "FD")
		} else {
			f.Rect(x, y, widths[j], height, "D")
		}
		f.SetY(y + cellPad)
		savedX0, savedX1 := w.x0, w.x1
		w.x0, w.x1 = x+cellPad, x+widths[j]-cellPad
		end := len(c.lines)
		if next != nil {
			end = next[j]
		}
		for _, l := range c.lines[from[j]:end] {
			offset := 0.0
			if c.align == east.AlignRight {
				offset = w.x1 - w.x0 - l.width
			} else if c.align == east.AlignCenter {
				offset = (w.x1 - w.x0 - l.width) / 2
			}
			w.x0 += offset
			w.drawLine(l.boxes, l.width, w.x1-w.x0, false)
			w.x0 -= offset
		}
		w.x0, w.x1 = savedX0, savedX1
		x += widths[j]
	}
	f.SetY(y + height)
	return next
}

// columnWidths shares the available width between columns: each gets at least its longest word
// when all of them fit, else its longest group of letters, and what remains goes to the columns
// whose text would like more room. It reports whether every group of letters fits its column.
func (w *pdfWriter) columnWidths(rows [][][]box, cols int, total float64) ([]float64, bool) {
	minWord := make([]float64, cols)
	minGroup := make([]float64, cols)
	natural := make([]float64, cols)
	for _, r := range rows {
		for j := 0; j < cols && j < len(r); j++ {
			line := 0.0
			for _, b := range r[j] {
				minWord[j] = max(minWord[j], b.width+2*cellPad)
				if b.width+2*cellPad > minGroup[j] {
					minGroup[j] = max(minGroup[j], w.groupWidth(b)+2*cellPad)
				}
				line += b.space + b.width
			}
			natural[j] = max(natural[j], line+2*cellPad)
		}
	}
	minW := minWord
	sumMin, sumNat := 0.0, 0.0
	for j := range cols {
		sumMin += minWord[j]
		sumNat += natural[j]
	}
	if sumMin > total {
		minW, sumMin = minGroup, 0
		for j := range cols {
			sumMin += minGroup[j]
		}
	}
	widths := make([]float64, cols)
	switch {
	case sumNat <= 0:
		for j := range cols {
			widths[j] = total / float64(cols)
		}
	case sumNat <= total:
		for j := range cols {
			widths[j] = natural[j] + (total-sumNat)*natural[j]/sumNat
		}
	case sumMin >= total:
		for j := range cols {
			widths[j] = total * minW[j] / sumMin
		}
	default:
		want := sumNat - sumMin
		for j := range cols {
			widths[j] = minW[j] + (total-sumMin)*(natural[j]-minW[j])/want
		}
	}
	return widths, sumMin <= total
}

// tocEntry is a line of the table of contents, placed before the text is typeset.
type tocEntry struct {
	title string
	id    string
	page  int
	y     float64
	lines []line
}

// reserveTOC places the table of contents after the title block when the document has many
// articles, and moves the text to a new page. The entries get their page numbers at the end,
// once every article is typeset.
func (w *pdfWriter) reserveTOC(root ast.Node) (int, []tocEntry) {
	limit := w.opts.TOCMinArticles
	if limit == 0 {
		limit = 12
	}
	var entries []tocEntry
	var headings []*ast.Heading
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			entries = append(entries, tocEntry{title: plainText(h, w.src), id: headingID(h)})
			headings = append(headings, h)
		}
	}
	if len(entries) < limit {
		return 0, nil
	}
	saved := w.size
	defer func() { w.size = saved }()
	title := map[string]string{"fr": "Sommaire", "en": "Contents"}[w.lang]
	f := w.f
	w.font("B", 12)
	w.ensure(20)
	w.text(w.x0, f.GetY()+5, title)
	f.SetY(f.GetY() + 9)
	w.size = tocSize
	lh := w.lineHeight()
	for i := range entries {
		runs := w.headingRuns(headings[i])
		for j := range runs {
			runs[j].style &^= styleBold
		}
		entries[i].lines = w.layout(w.boxes(runs), w.x1-w.x0-14)
		w.ensure(float64(len(entries[i].lines)) * lh)
		entries[i].page, entries[i].y = f.PageNo(), f.GetY()
		f.SetY(f.GetY() + float64(len(entries[i].lines))*lh + 0.8)
	}
	w.font("", w.size)
	w.newPage()
	return entries[0].page, entries
}

// drawTOC writes the reserved entries with the pages their articles start on.
func (w *pdfWriter) drawTOC(_ int, entries []tocEntry) {
	f := w.f
	last := f.PageNo()
	pages := map[string]int{}
	for _, h := range w.headings {
		if h.Level == 2 {
			pages[h.ID+"\x00"+h.Text] = h.Page
		}
	}
	saved := w.size
	defer func() { w.size = saved; w.setStyle(0) }()
	w.size = tocSize
	lh := w.lineHeight()
	for _, e := range entries {
		f.SetPage(e.page)
		page := pages[e.id+"\x00"+e.title]
		num := strings.TrimSpace(itoa(page))
		y := e.y
		for i, l := range e.lines {
			w.drawBoxes(l.boxes, w.x0, y+lh*0.76, l.width, l.width, false)
			if i == len(e.lines)-1 {
				w.setStyle(0)
				nw := w.textWidth(num)
				// Dot leaders between the title and the page number.
				dot := w.textWidth(" .")
				if n := int((w.x1 - nw - 2 - w.x0 - l.width - 1) / dot); n > 0 {
					w.text(w.x1-nw-2-float64(n)*dot, y+lh*0.76, strings.Repeat(" .", n))
				}
				w.text(w.x1-nw, y+lh*0.76, num)
			}
			y += lh
		}
		if e.id != "" {
			f.Link(w.x0, e.y, w.x1-w.x0, y-e.y, w.anchor(e.id))
		}
	}
	f.SetPage(last)
	w.font("", w.size)
}

// tocSize is the type size of the table of contents.
const tocSize = 9.5

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
