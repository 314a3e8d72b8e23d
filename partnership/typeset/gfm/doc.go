// Package gfm reads the two GitHub Flavored Markdown constructs that rendered documents use
// beyond CommonMark, pipe tables and ~~strikethrough~~, into goldmark's extension AST
// (github.com/yuin/goldmark/extension/ast), and writes them as HTML. It reads them exactly as
// goldmark's own extensions do, so that every writer of that AST (HTML, PDF, DOCX, ODT) prints
// the same document, without the start-up cost of goldmark's extension package, which compiles
// the regular expressions of extensions the program does not use.
package gfm
