// Package office typesets rendered Markdown as the documents legal services edit and exchange:
// WordprocessingML (DOCX, for Word and LibreOffice) and OpenDocument Text (ODT, the format the
// French Référentiel général d'interopérabilité recommends). Both are read from the same
// goldmark AST as the HTML and the PDF of the typeset package, so every format says the same
// words; the insertions and deletions of a redline become tracked changes.
//
// The XML is written with the standard library (archive/zip, encoding/xml's rules of escaping):
// no maintained Go library covers both formats with styles, lists, tables, fields, bookmarks
// and tracked changes. Every archive is deterministic: the same Markdown and options give the
// same bytes.
package office
