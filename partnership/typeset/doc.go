// Package typeset turns rendered Markdown into the formats people read and sign: a standalone
// HTML page (goldmark) and, later, PDF. It knows nothing of partnerships: it reads Markdown and
// the front-matter block the renderer writes.
package typeset
