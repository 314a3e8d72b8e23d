package gfm

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// tableParagraphs turns a paragraph into a table when one of its lines, after the first, is a
// delimiter row: the line before it is the header, the lines after it are the body rows, and
// the lines before the header stay a paragraph. A table ends where its paragraph ends, at a
// blank line or at the start of another block.
type tableParagraphs struct{}

func (tableParagraphs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		under := lines.At(i)
		alignments, ok := delimiterRow(under.Value(src))
		if !ok {
			continue
		}
		header := splitRow(lines.At(i-1), alignments, true, src, pc)
		// A header with more cells than the delimiter row has columns is no header; the first
		// delimiter row decides, whatever the lines after it.
		if header.ChildCount() != len(alignments) {
			return
		}
		t := east.NewTable()
		t.Alignments = alignments
		t.SetPos(p.Pos())
		t.AppendChild(t, east.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			t.AppendChild(t, splitRow(lines.At(j), alignments, false, src, pc))
		}
		parent := p.Parent()
		parent.InsertAfter(parent, p, t)
		lines.SetSliced(0, i-1)
		if lines.Len() == 0 {
			parent.RemoveChild(parent, p)
			return
		}
		// The paragraph's last line was a line in the middle of it: it still ends with its
		// newline, which would otherwise print as a soft break.
		last := lines.At(lines.Len() - 1)
		if last.Stop > last.Start && src[last.Stop-1] == '\n' {
			last.Stop--
			lines.Set(lines.Len()-1, last)
		}
		return
	}
}

// delimiterRow reads the line under a table's header: cells of dashes, each with an optional
// colon at either end for its alignment, between pipes that are optional at the ends of the
// line. It reports false for any other line, including a line of dashes alone (a setext
// underline or a thematic break) and a line indented as code.
func delimiterRow(line []byte) ([]east.Alignment, bool) {
	if indent, _ := util.IndentWidth(line, 0); indent > 3 {
		return nil, false
	}
	onlyDashes := true
	for _, c := range line {
		if c != '-' {
			onlyDashes = false
		}
		if c != '-' && c != '|' && c != ':' && !util.IsSpace(c) {
			return nil, false
		}
	}
	if onlyDashes {
		return nil, false
	}
	// The pipes at the ends of the line are optional: a blank first or last column is none.
	columns := bytes.Count(line, []byte{'|'}) + 1
	alignments := make([]east.Alignment, 0, columns)
	rest := line
	for i := range columns {
		column := rest
		if end := bytes.IndexByte(rest, '|'); end >= 0 {
			column, rest = rest[:end], rest[end+1:]
		}
		if (i == 0 || i == columns-1) && util.IsBlank(column) {
			continue
		}
		a, ok := columnAlignment(util.TrimRightSpace(util.TrimLeftSpace(column)))
		if !ok {
			return nil, false
		}
		alignments = append(alignments, a)
	}
	if len(alignments) == 0 {
		return nil, false
	}
	return alignments, true
}

// columnAlignment reads one cell of a delimiter row, spaces trimmed: one dash at least, a colon
// on the left for left alignment, on the right for right alignment, on both for centring.
func columnAlignment(c []byte) (east.Alignment, bool) {
	left := len(c) > 0 && c[0] == ':'
	if left {
		c = c[1:]
	}
	right := len(c) > 0 && c[len(c)-1] == ':'
	if right {
		c = c[:len(c)-1]
	}
	if len(c) == 0 {
		return east.AlignNone, false
	}
	for _, b := range c {
		if b != '-' {
			return east.AlignNone, false
		}
	}
	switch {
	case left && right:
		return east.AlignCenter, true
	case left:
		return east.AlignLeft, true
	case right:
		return east.AlignRight, true
	}
	return east.AlignNone, true
}

// splitRow cuts a line of a table into cells at its unescaped pipes. A row short of cells gets
// empty, unaligned ones up to the number of columns. A body row loses the cells beyond that
// number; a header keeps them, so that the caller can refuse a header wider than the table.
// A cell that may hold an escaped pipe inside a code span is marked for codePipes.
func splitRow(line text.Segment, alignments []east.Alignment, header bool, src []byte, pc parser.Context) *east.TableRow {
	row := east.NewTableRow(alignments)
	row.SetPos(line.Start)
	trimmed := line.TrimLeftSpace(src)
	trimmed = trimmed.TrimRightSpace(src)
	s := src[trimmed.Start:trimmed.Stop]
	start, end := 0, len(s)
	if end > 0 && s[0] == '|' {
		start++
	}
	if end > 0 && s[end-1] == '|' {
		end--
	}
	column := 0
	for ; start < end; column++ {
		alignment := east.AlignNone
		if column < len(alignments) {
			alignment = alignments[column]
		} else if !header {
			return row
		}
		cell := east.NewTableCell()
		cell.Alignment = alignment
		cell.SetPos(trimmed.Start + start)
		stop, pipeInCode := cellEnd(s, start, end)
		if pipeInCode {
			markCodePipes(pc, cell)
		}
		content := text.NewSegment(trimmed.Start+start, trimmed.Start+stop)
		content = content.TrimLeftSpace(src)
		content = content.TrimRightSpace(src)
		cell.Lines().Append(content)
		row.AppendChild(row, cell)
		start = stop + 1
	}
	for ; column < len(alignments); column++ {
		row.AppendChild(row, east.NewTableCell())
	}
	return row
}

// cellEnd finds the pipe that ends the cell starting at start, or end; it also reports whether
// the cell escapes a pipe after a backtick, where the pipe may be inside a code span.
func cellEnd(s []byte, start, end int) (stop int, pipeInCode bool) {
	afterBacktick := false
	for stop = start; stop < end; stop++ {
		switch s[stop] {
		case '`':
			afterBacktick = true
		case '|':
			if stop == 0 || s[stop-1] != '\\' {
				return stop, pipeInCode
			}
			pipeInCode = pipeInCode || afterBacktick
		}
	}
	return stop, pipeInCode
}

// codePipeCells holds, in a parser context, the cells where an escaped pipe may sit inside a
// code span.
var codePipeCells = parser.NewContextKey()

func markCodePipes(pc parser.Context, cell *east.TableCell) {
	cells, _ := pc.Get(codePipeCells).([]*east.TableCell)
	pc.Set(codePipeCells, append(cells, cell))
}

// codePipes removes the backslash of an escaped pipe inside a code span of a table cell: "\|"
// is how a pipe is written in a cell, even in code, where backslashes otherwise stay as written.
// It runs after inline parsing, on the cells splitRow marked, since the code spans are not
// known before.
type codePipes struct{}

func (codePipes) Transform(_ *ast.Document, reader text.Reader, pc parser.Context) {
	cells, _ := pc.Get(codePipeCells).([]*east.TableCell)
	if len(cells) == 0 {
		return
	}
	pc.Set(codePipeCells, nil)
	src := reader.Source()
	for _, cell := range cells {
		_ = ast.Walk(cell, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Kind() == ast.KindCodeSpan {
				for c := n.FirstChild(); c != nil; {
					next := c.NextSibling()
					if t, ok := c.(*ast.Text); ok {
						dropPipeEscapes(t, src)
					}
					c = next
				}
			}
			return ast.WalkContinue, nil
		})
	}
}

// dropPipeEscapes replaces a text of a code span by the pieces between its backslashes that
// precede a pipe, the pipes kept; a text without such a pair stays as it is.
func dropPipeEscapes(t *ast.Text, src []byte) {
	parent := t.Parent()
	rest := t.Segment
	var at ast.Node = t
	for i := rest.Start; i+1 < t.Segment.Stop; i++ {
		if src[i] != '\\' || src[i+1] != '|' {
			continue
		}
		before := ast.NewRawTextSegment(rest.WithStop(i))
		parent.InsertAfter(parent, at, before)
		rest = rest.WithStart(i + 1)
		at = before
	}
	if at == ast.Node(t) {
		return
	}
	parent.InsertAfter(parent, at, ast.NewRawTextSegment(rest))
	parent.RemoveChild(parent, t)
}
