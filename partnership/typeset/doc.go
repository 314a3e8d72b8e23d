// Package typeset turns rendered Markdown into the formats people read and sign: a standalone
// HTML page (goldmark) and an A4 PDF (the goldmark tree walked into fpdf, with text set in fonts
// read once per process). It knows nothing of partnerships: it reads Markdown and the
// front-matter block the renderer writes.
package typeset
