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

// table typesets a GFM table: columns sized to their content, cells wrapped, rows never split,
// and the header row repeated at the top of every page the table runs onto.
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
	widths := w.columnWidths(rows, cols, w.x1-w.x0)
	laid := make([][]cell, len(rows))
	heights := make([]float64, len(rows))
	for i, r := range rows {
		laid[i] = make([]cell, cols)
		for j := 0; j < cols && j < len(r); j++ {
			align := east.AlignNone
			if j < len(t.Alignments) {
				align = t.Alignments[j]
			}
			laid[i][j] = cell{lines: w.layout(w.boxes(r[j]), widths[j]-2*cellPad), align: align}
			heights[i] = max(heights[i], float64(len(laid[i][j].lines))*w.lineHeight()+2*cellPad)
		}
	}
	w.f.SetY(w.f.GetY() + 1)
	// The header and the first row go together.
	first := heights[0]
	if header == 1 && len(heights) > 1 {
		first += heights[1]
	}
	w.ensure(first)
	for i := range laid {
		if w.f.GetY()+heights[i] > w.bottom() {
			w.newPage()
			if header == 1 && i > 0 {
				w.drawRow(laid[0], widths, heights[0], true)
			}
		}
		w.drawRow(laid[i], widths, heights[i], header == 1 && i == 0)
	}
	w.f.SetY(w.f.GetY() + w.lineHeight()*0.6)
	w.setStyle(0)
}

func (w *pdfWriter) drawRow(cells []cell, widths []float64, height float64, isHeader bool) {
	f := w.f
	y := f.GetY()
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
		for _, l := range c.lines {
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
}

// columnWidths shares the available width between columns: each gets at least its longest word,
// and what remains goes to the columns whose text would like more room.
func (w *pdfWriter) columnWidths(rows [][][]run, cols int, total float64) []float64 {
	minW := make([]float64, cols)
	natural := make([]float64, cols)
	for _, r := range rows {
		for j := 0; j < cols && j < len(r); j++ {
			line := 0.0
			for _, b := range w.boxes(r[j]) {
				minW[j] = max(minW[j], b.width+2*cellPad)
				line += b.space + b.width
			}
			natural[j] = max(natural[j], line+2*cellPad)
		}
	}
	sumMin, sumNat := 0.0, 0.0
	for j := range cols {
		minW[j] = min(minW[j], total/float64(cols)*1.6)
		sumMin += minW[j]
		sumNat += natural[j]
	}
	widths := make([]float64, cols)
	switch {
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
	return widths
}

// tocEntry is a line of the table of contents, placed before the text is typeset.
type tocEntry struct {
	title string
	id    string
	page  int
	y     float64
	lines []string
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
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			entries = append(entries, tocEntry{title: plainText(h, w.src), id: headingID(h)})
		}
	}
	if len(entries) < limit {
		return 0, nil
	}
	title := map[string]string{"fr": "Sommaire", "en": "Contents"}[w.lang]
	f := w.f
	w.font("B", 12)
	w.ensure(20)
	w.text(w.x0, f.GetY()+5, title)
	f.SetY(f.GetY() + 9)
	w.font("", 10)
	lh := 10 * 1.3 * mmPerPt
	for i := range entries {
		entries[i].lines = w.wrapPlain(w.clean(entries[i].title), w.x1-w.x0-14)
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
	w.font("", 10)
	lh := 10 * 1.3 * mmPerPt
	for _, e := range entries {
		f.SetPage(e.page)
		page := pages[e.id+"\x00"+e.title]
		num := strings.TrimSpace(itoa(page))
		y := e.y
		for i, l := range e.lines {
			w.text(w.x0, y+lh*0.76, l)
			if i == len(e.lines)-1 {
				lw := w.textWidth(l)
				nw := w.textWidth(num)
				// Dot leaders between the title and the page number.
				dot := w.textWidth(" .")
				for x := w.x0 + lw + 2; x+dot < w.x1-nw-2; x += dot {
					w.text(x, y+lh*0.76, " .")
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
