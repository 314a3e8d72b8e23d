package gfm

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tildeParser pushes runs of one or two tildes onto goldmark's delimiter stack, which pairs
// them by the rules of emphasis (a run opens when it is left-flanking, closes when it is
// right-flanking); a pair becomes a Strikethrough node, and a run left unpaired stays text.
// A run of three tildes or more is text: that is what a fence is made of, not a mark.
type tildeParser struct{}

func (tildeParser) Trigger() []byte { return []byte{'~'} }

func (tildeParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	// The tail of a longer run that was refused is text too.
	if before == '~' {
		return nil
	}
	line, segment := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, tildeDelimiters{})
	if d == nil || d.OriginalLength > 2 {
		return nil
	}
	d.Segment = segment.WithStop(segment.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

// tildeDelimiters pairs any two runs of tildes, whatever their lengths.
type tildeDelimiters struct{}

func (tildeDelimiters) IsDelimiter(b byte) bool { return b == '~' }

func (tildeDelimiters) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (tildeDelimiters) OnMatch(int) ast.Node { return east.NewStrikethrough() }
