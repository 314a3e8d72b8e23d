// Package serve is the local web editor behind `commons serve`: a workspace page listing the
// definitions of a directory, and an editor that shows one definition as a form generated from
// the JSON Schema and as its YAML text, with its diagnostics beside the fields and its document
// rendered as the user types.
//
// The form speaks the user's language: the schema is served with the title, description and
// examples of each node in French and English (partnership.SchemaNode.In), and a free text
// that the schema lets be a string or a mapping of languages (its text and name definitions)
// is written once, in the definition's language, or once per language, as the user chooses;
// the file keeps the shape it has until then. The document can be shown, and downloaded, in
// either language.
//
// The server owns the text. The form sends its changes as ops (Op, in the manner of JSON
// Patch); Edit applies them to the YAML node tree and carries the result back over the
// original text line by line, so that comments, blank lines, key order and untouched values
// stay as they were. Everything else is the library's: loading and validation
// (validate.Data), rendering, typesetting (the download formats are listed in Formats), the
// communality score and the redline against git's HEAD.
//
// The page rebuilds the form after each answer of the server and carries the new form over the
// old one, element by element, so that the field being typed in, the focus and the sections
// the user opened stay as they are.
//
// The pages, scripts and styles are embedded and served under a strict Content-Security-Policy.
// The server answers only to its own host names, accepts changes only from its own pages, reads
// and writes only definition files inside its directory (through an os.Root), and refuses large
// request bodies before reading them.
package serve
