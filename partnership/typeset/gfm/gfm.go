package gfm

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// The priorities place each part where goldmark's extensions place theirs, so that documents
// parse and print the same: link reference definitions (100) leave a paragraph before tables
// look at it, and escaped pipes in code spans are restored before any other AST transformer
// (the typesetter's, for instance) reads the text.
const (
	tableParagraphPriority = 200
	codePipePriority       = 0
	htmlPriority           = 500
	strikethroughPriority  = 500
)

type table struct{}

// Table is the goldmark extension for pipe tables: a header row, a delimiter row that gives each
// column's alignment (:--, --:, :-:), then body rows, written as an HTML table whose aligned
// cells carry a text-align style.
var Table goldmark.Extender = table{}

func (table) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableParagraphs{}, tableParagraphPriority)),
		parser.WithASTTransformers(util.Prioritized(codePipes{}, codePipePriority)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(tableHTML{}, htmlPriority)))
}

type strikethrough struct{}

// Strikethrough is the goldmark extension for struck-through text, ~~text~~ or ~text~, written
// as <del> in HTML.
var Strikethrough goldmark.Extender = strikethrough{}

func (strikethrough) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(tildeParser{}, strikethroughPriority)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(strikethroughHTML{}, htmlPriority)))
}
