package typeset

import (
	"bytes"
	"fmt"
	"html"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/commons-toolkit/commons/partnership/typeset/gfm"
)

// Markdown is the goldmark configuration every output format shares: CommonMark with tables,
// strikethrough, the insertions and deletions of redlines ({++added++}, {--removed--}) and
// heading attributes ({#id}, which give articles stable anchors; {.changed} marks an article a
// redline changed). Parsed with the context of a language (HTML and PDF do), the text also gets
// Superscript nodes for the suffixes of French ordinals and Isolate nodes for right-to-left
// runs; parsed without one, the tree is CommonMark's.
// Raw HTML is never passed through.
var Markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(gfm.Table, gfm.Strikethrough, Critic),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithASTTransformers(util.Prioritized(textTransformer{}, 500))),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(&chartRenderer{}, 100), util.Prioritized(textHTMLRenderer{}, 500))),
	)
})

// stylesheet is a small stylesheet for screen and print: a legal document, not a web page.
const stylesheet = `
:root { color-scheme: light; }
body { font-family: "Liberation Serif", "Times New Roman", Georgia, serif; font-size: 12pt;
  line-height: 1.45; color: #111; max-width: 44em; margin: 2.5em auto; padding: 0 1.5em;
  text-align: justify; hyphens: auto; }
h1 { font-size: 1.6em; text-align: center; line-height: 1.25; margin: 0 0 1em; }
h1 + p { text-align: center; font-style: italic; }
h2 { font-size: 1.15em; margin: 1.8em 0 .6em; break-after: avoid; }
h3 { font-size: 1em; margin: 1.4em 0 .5em; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
ul, ol { padding-left: 1.6em; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; text-align: left; }
th, td { border: 1px solid #999; padding: .3em .5em; vertical-align: top; }
th { background: #eee; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #999; color: #333; }
a { color: #1a4d8f; }
figure.chart { margin: 1em 0; }
figure.chart svg { max-width: 100%; height: auto; }
del { color: #b00020; }
ins { color: #1a4d8f; }
footer { margin-top: 3em; border-top: 1px solid #999; padding-top: .5em; font-size: .8em;
  color: #555; text-align: left; }
@page { size: A4; margin: 2.2cm 2cm; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; } }
`

// redlineStylesheet marks the heading of each changed article with a bar in the margin, as the
// PDF does. Only redlines get it, so that other pages keep their bytes.
const redlineStylesheet = `h2.changed { border-left: 4px solid #b00020; margin-left: -.9em; padding-left: calc(.9em - 4px); }
ins { text-decoration: underline; }
del { text-decoration: line-through; }
`

// HTML typesets rendered Markdown as a standalone HTML page: the same text as the Markdown,
// with its provenance (front matter) in the head and in a footer.
func HTML(md []byte) ([]byte, error) {
	fm, body, err := SplitFrontMatter(md)
	if err != nil {
		return nil, err
	}
	lang := fm["lang"]
	if lang == "" {
		lang = "fr"
	}
	var content bytes.Buffer
	if err := Markdown().Convert(body, &content, parser.WithContext(ParseContext(lang))); err != nil {
		return nil, fmt.Errorf("typeset HTML: %w", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", html.EscapeString(lang))
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n", html.EscapeString(fm["title"]))
	for _, key := range []string{"kind", "definition", "definition_sha256", "templates", "date"} {
		if v := fm[key]; v != "" {
			fmt.Fprintf(&b, "<meta name=\"commons:%s\" content=\"%s\">\n", key, html.EscapeString(v))
		}
	}
	style := stylesheet
	if bytes.Contains(content.Bytes(), []byte(`class="changed"`)) {
		style += redlineStylesheet
	}
	fmt.Fprintf(&b, "<style>%s</style>\n</head>\n<body>\n<main>\n", style)
	b.Write(content.Bytes())
	b.WriteString("</main>\n")
	if fm["templates"] != "" || fm["definition_sha256"] != "" {
		b.WriteString("<footer>")
		fmt.Fprintf(&b, "%s · %s %s · %s %s", html.EscapeString(fm["definition"]), label(lang, "templates"), html.EscapeString(fm["templates"]),
			label(lang, "digest"), html.EscapeString(short(fm["definition_sha256"])))
		b.WriteString("</footer>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return b.Bytes(), nil
}

// label is the little furniture text the typesetter writes itself, in the document's language.
func label(lang, key string) string {
	words := map[string]map[string]string{
		"fr": {"templates": "bibliothèque de clauses", "digest": "empreinte de la définition", "page": "page", "of": "sur"},
		"en": {"templates": "clause library", "digest": "definition digest", "page": "page", "of": "of"},
	}
	if w, ok := words[lang][key]; ok {
		return w
	}
	return words["en"][key]
}

// short abbreviates a digest the way git abbreviates commits.
func short(digest string) string {
	if len(digest) > 12 {
		return digest[:12]
	}
	return digest
}
