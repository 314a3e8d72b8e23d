package typeset

import "github.com/yuin/goldmark/ast"

// TextOf is what a text node of rendered Markdown says, as every format prints it: its segment
// with backslash escapes removed and entity and character references resolved, as goldmark's
// HTML shows it, or as written when the node is raw (the text of a code span). The writers of
// other formats read text through it, so that the escapes that keep user text from forming
// Markdown ("\#", "\;" at the start of a line) print as the plain character everywhere.
func TextOf(t *ast.Text, src []byte) string { return textOf(t, src) }
