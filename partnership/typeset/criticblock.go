package typeset

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// A fenced block (a chart) cannot hold marks: a redline that inserts or deletes one whole, for
// the tracked changes of a word processor, writes the mark after its info string instead, as
// the last word of the block's opening line ("~~~chart {--}").
const (
	BlockInserted = "{++}"
	BlockDeleted  = "{--}"
)

// BlockMark returns the mark of a fenced block inserted or deleted whole (BlockInserted or
// BlockDeleted), or "" for a block that carries none.
func BlockMark(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	words := bytes.Fields(n.Info.Segment.Value(src))
	if len(words) == 0 {
		return ""
	}
	switch last := string(words[len(words)-1]); last {
	case BlockInserted, BlockDeleted:
		return last
	}
	return ""
}
