package gfm

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// tableHTML writes a table as HTML: the header row in <thead>, the body rows in <tbody>, each
// aligned cell with a text-align style. Attributes a transformer may have given to a table's
// nodes are written when HTML allows them on every element (id, class, style, data-…); the
// presentational attributes of HTML 4 are not.
type tableHTML struct{}

func (tableHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTable, renderTable)
	reg.Register(east.KindTableHeader, renderTableHeader)
	reg.Register(east.KindTableRow, renderTableRow)
	reg.Register(east.KindTableCell, renderTableCell)
}

func renderTable(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openTag(w, "table", n)
		_, _ = w.WriteString("\n")
	} else {
		_, _ = w.WriteString("</table>\n")
	}
	return ast.WalkContinue, nil
}

// renderTableHeader writes the header's row as well: the tree has no row node for it.
func renderTableHeader(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openTag(w, "thead", n)
		_, _ = w.WriteString("\n<tr>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</tr>\n</thead>\n")
	if n.NextSibling() != nil {
		_, _ = w.WriteString("<tbody>\n")
	}
	return ast.WalkContinue, nil
}

func renderTableRow(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openTag(w, "tr", n)
		_, _ = w.WriteString("\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</tr>\n")
	if n.NextSibling() == nil {
		_, _ = w.WriteString("</tbody>\n")
	}
	return ast.WalkContinue, nil
}

func renderTableCell(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	tag := "td"
	if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
		tag = "th"
	}
	if !entering {
		_, _ = w.WriteString("</")
		_, _ = w.WriteString(tag)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	writeAttributes(w, n, n.(*east.TableCell).Alignment)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// strikethroughHTML writes struck-through text as <del>.
type strikethroughHTML struct{}

func (strikethroughHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindStrikethrough, renderStrikethrough)
}

func renderStrikethrough(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		openTag(w, "del", n)
	} else {
		_, _ = w.WriteString("</del>")
	}
	return ast.WalkContinue, nil
}

// openTag writes the start tag of an element with the node's attributes.
func openTag(w util.BufWriter, tag string, n ast.Node) {
	_ = w.WriteByte('<')
	_, _ = w.WriteString(tag)
	writeAttributes(w, n, east.AlignNone)
	_ = w.WriteByte('>')
}

var dataAttribute = []byte("data-")

// writeAttributes writes the node's global attributes and, for an aligned cell, a text-align
// style, added to the node's own style if it has one.
func writeAttributes(w util.BufWriter, n ast.Node, align east.Alignment) {
	for _, a := range n.Attributes() {
		if !html.GlobalAttributeFilter.Contains(a.Name) && !bytes.HasPrefix(a.Name, dataAttribute) {
			continue
		}
		var value []byte
		switch v := a.Value.(type) {
		case []byte:
			value = v
		case string:
			value = []byte(v)
		}
		_ = w.WriteByte(' ')
		_, _ = w.Write(a.Name)
		_, _ = w.WriteString(`="`)
		_, _ = w.Write(util.EscapeHTML(value))
		if align != east.AlignNone && string(a.Name) == "style" {
			_ = w.WriteByte(';')
			writeAlignment(w, align)
			align = east.AlignNone
		}
		_ = w.WriteByte('"')
	}
	if align != east.AlignNone {
		_, _ = w.WriteString(` style="`)
		writeAlignment(w, align)
		_ = w.WriteByte('"')
	}
}

func writeAlignment(w util.BufWriter, align east.Alignment) {
	_, _ = w.WriteString("text-align:")
	_, _ = w.WriteString(align.String())
}
