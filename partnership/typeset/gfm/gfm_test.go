package gfm_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/typeset/gfm"
)

// The two configurations compared differ only in where tables and strikethrough come from;
// both carry what the typesetter's configuration adds around them that can meet these
// constructs in the same text (redline marks, heading attributes).
var (
	ours = sync.OnceValue(func() goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(gfm.Table, gfm.Strikethrough, typeset.Critic),
			goldmark.WithParserOptions(parser.WithAttribute()))
	})
	goldmarks = sync.OnceValue(func() goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, typeset.Critic),
			goldmark.WithParserOptions(parser.WithAttribute()))
	})
)

// parsed is a document as the differential tests compare it: its tree, one node a line, and
// its HTML.
type parsed struct {
	tree, html     string
	tables, struck int
}

func parse(md goldmark.Markdown, src []byte) (parsed, error) {
	doc := md.Parser().Parse(text.NewReader(src))
	// The tree is read before rendering: an HTML renderer may set attributes on nodes.
	p := parsed{tree: describe(doc, src)}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch n.Kind() {
			case east.KindTable:
				p.tables++
			case east.KindStrikethrough:
				p.struck++
			}
		}
		return ast.WalkContinue, nil
	})
	var b bytes.Buffer
	err := md.Renderer().Render(&b, src, doc)
	p.html = b.String()
	return p, err
}

// describe writes a tree one node a line, indented by depth, with what each writer of the tree
// reads of the node: its kind, position, lines, text segments and flags, attributes, and the
// fields of its type. The position of a table cell is left out: goldmark's extension gives a
// cell of an indented line a position before the cell, and no writer reads it.
func describe(doc ast.Node, src []byte) string {
	var b strings.Builder
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.Kind())
		depth++
		if n.Kind() != east.KindTableCell {
			fmt.Fprintf(&b, " @%d", n.Pos())
		}
		if n.Type() == ast.TypeBlock {
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				fmt.Fprintf(&b, " [%d:%d+%d %q]", s.Start, s.Stop, s.Padding, s.Value(src))
			}
			if n.HasBlankPreviousLines() {
				b.WriteString(" blank-before")
			}
		}
		for _, a := range n.Attributes() {
			fmt.Fprintf(&b, " %s=%q", a.Name, fmt.Sprint(a.Value))
		}
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " [%d:%d+%d %q] raw=%t soft=%t hard=%t", n.Segment.Start, n.Segment.Stop, n.Segment.Padding,
				n.Segment.Value(src), n.IsRaw(), n.SoftLineBreak(), n.HardLineBreak())
		case *ast.String:
			fmt.Fprintf(&b, " %q raw=%t code=%t", n.Value, n.IsRaw(), n.IsCode())
		case *ast.Heading:
			fmt.Fprintf(&b, " level=%d", n.Level)
		case *ast.List:
			fmt.Fprintf(&b, " marker=%q ordered=%t start=%d tight=%t", n.Marker, n.IsOrdered(), n.Start, n.IsTight)
		case *ast.ListItem:
			fmt.Fprintf(&b, " offset=%d", n.Offset)
		case *ast.Emphasis:
			fmt.Fprintf(&b, " level=%d", n.Level)
		case *ast.Link:
			fmt.Fprintf(&b, " destination=%q title=%q", n.Destination, n.Title)
		case *ast.Image:
			fmt.Fprintf(&b, " destination=%q title=%q", n.Destination, n.Title)
		case *ast.AutoLink:
			fmt.Fprintf(&b, " url=%q", n.URL(src))
		case *ast.FencedCodeBlock:
			fmt.Fprintf(&b, " language=%q", n.Language(src))
		case *east.Table:
			fmt.Fprintf(&b, " alignments=%v", n.Alignments)
		case *east.TableHeader:
			fmt.Fprintf(&b, " alignments=%v", n.Alignments)
		case *east.TableRow:
			fmt.Fprintf(&b, " alignments=%v", n.Alignments)
		case *east.TableCell:
			fmt.Fprintf(&b, " alignment=%v", n.Alignment)
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}

// firstDifference shows where two texts part, with the line before for context.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			context := ""
			if i > 0 && i-1 < len(w) {
				context = w[i-1]
			}
			return fmt.Sprintf("line %d, after %q:\n  goldmark: %q\n  ours:     %q", i+1, context, wl, gl)
		}
	}
	return "no difference"
}

// compare parses src with both configurations and reports any difference in the tree or in
// the HTML; it returns what ours made of it.
func compare(t *testing.T, src []byte) parsed {
	t.Helper()
	want, wantErr := parse(goldmarks(), src)
	got, gotErr := parse(ours(), src)
	if (wantErr == nil) != (gotErr == nil) {
		t.Errorf("rendering fails differently: goldmark %v, ours %v", wantErr, gotErr)
	}
	if got.tree != want.tree {
		t.Errorf("the tree differs from goldmark's extensions for %q, %s", src, firstDifference(want.tree, got.tree))
	}
	if got.html != want.html {
		t.Errorf("the HTML differs from goldmark's extensions for %q, %s", src, firstDifference(want.html, got.html))
	}
	return got
}

// cases are Markdown a clause author or a template could write; tables and struck say how
// many tables and struck-through spans each holds, so that a case tests what its name says.
var cases = []struct {
	name           string
	md             string
	tables, struck int
}{
	{"table", "| Poste | Montant |\n| --- | --- |\n| Loyer | 1 200 € |\n", 1, 0},
	{"alignments", "| l | r | c | n |\n| :-- | --: | :-: | --- |\n| 1 | 2 | 3 | 4 |\n", 1, 0},
	{"long delimiters and spaces", "|a|b|\n|  :------  |   ------:|\n|1|2|\n", 1, 0},
	{"no outer pipes", "a | b\n--|--\n1 | 2\n", 1, 0},
	{"single column", "| a |\n| :-: |\n| 1 |\n", 1, 0},
	{"single column without pipes", "a\n-:\n1\n", 1, 0},
	{"setext-like line after a table", "0\n-:\n-\n", 1, 0},
	{"header only", "| a | b |\n|---|---|\n", 1, 0},
	{"escaped pipes", "| a \\| b | c |\n| --- | --- |\n| x \\| y | z\\|\\| |\n", 1, 0},
	{"escaped pipes in code spans", "| `a \\| b` | c |\n|---|---|\n| `\\|` | `x\\|y\\|z` |\n| ``\\|`` | `` a\\|b `` |\n", 1, 0},
	{"escaped pipe in code span stripped of spaces", "| ` \\| ` | `\\| ` |\n|---|---|\n", 1, 0},
	{"escaped pipe after a code span", "| `x` \\| y | z |\n|---|---|\n| `a` b \\| `c\\|d` |\n", 1, 0},
	{"pipe inside a code span splits the cell", "| `a | b` |\n|---|---|\n", 1, 0},
	{"escaped backslash before a pipe", "| a \\\\| b |\n|---|---|\n| `c\\\\|d` | e |\n", 1, 0},
	{"escaped pipe at the end of a row", "| a \\|\n|---|\n| b\\|\n", 1, 0},
	{"backslash at the end of a cell", "| a\\ | b |\n|---|---|\n", 1, 0},
	{"body rows with fewer cells", "| a | b | c |\n|---|:-:|--:|\n| 1 |\n| 1 | 2 |\n|\n", 1, 0},
	{"body rows with more cells", "| a | b |\n|---|---|\n| 1 | 2 | 3 | 4 |\n", 1, 0},
	{"header wider than the delimiter row", "| a | b | c |\n|---|---|\n| 1 | 2 |\n", 0, 0},
	{"header narrower than the delimiter row", "| a |\n|---|---|\n| 1 | 2 |\n", 1, 0},
	{"empty cells", "| | b |\n|---|---|\n| | |\n||\n", 1, 0},
	{"inline markup in cells", "| **b** | *i* | [l](https://example.org \"t\") | `c` | ~~s~~ |\n|---|---|---|---|---|\n| <b>raw</b> | &amp; &#233; | \\* | {++ins++} | {--del--} |\n| ![img](x.png) | <https://example.org> | a  b | _u_ | ~t~ |\n", 1, 2},
	{"links with a reference", "[x]: https://example.org\n| a |\n|---|\n| [x] |\n", 1, 0},
	{"table in a list", "- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- next\n", 1, 0},
	{"table in a list item's paragraph", "- text\n  | a |\n  |---|\n  | 1 |\n", 1, 0},
	{"table in an ordered list after a tab", "1.\t| a |\n\t|---|\n\t| 1 |\n", 1, 0},
	{"table in a blockquote", "> | a | b |\n> |---|---|\n> | 1 | 2 |\n", 1, 0},
	{"table in a list in a blockquote", "> - | `a\\|b` |\n>   |:--|\n>   | c |\n", 1, 0},
	{"lazy line in a blockquote", "> | a |\n> |---|\n| 1 |\n", 1, 0},
	{"table after a paragraph", "Some text\nmore text\n| a | b |\n|---|---|\n| 1 | 2 |\n", 1, 0},
	{"table after a paragraph with a hard break", "Some text  \nmore text\\\n| a |\n|---|\n", 1, 0},
	{"table after a heading", "## Budget {#budget .changed}\n| a |\n|---|\n| 1 |\n", 1, 0},
	{"blank line ends a table", "| a |\n|---|\n| 1 |\n\nafter\n", 1, 0},
	{"paragraph line continues a table", "| a |\n|---|\n| 1 |\nplain line\n", 1, 0},
	{"heading ends a table", "| a |\n|---|\n| 1 |\n# Heading\n", 1, 0},
	{"list ends a table", "| a |\n|---|\n| 1 |\n- item\n", 1, 0},
	{"second delimiter row is a body row", "| a |\n|---|\n| b |\n|---|\n", 1, 0},
	{"two tables", "| a |\n|---|\n\n| b |\n|:-:|\n", 2, 0},
	{"delimiter row indented three spaces", "| a |\n   |---|\n| 1 |\n", 1, 0},
	{"delimiter row indented four spaces", "| a |\n    |---|\n| 1 |\n", 0, 0},
	{"delimiter row indented with a tab", "| a |\n\t|---|\n", 0, 0},
	{"header indented as code", "    | a |\n|---|\n", 0, 0},
	{"setext underline is no delimiter row", "a | b\n---\n", 0, 0},
	{"thematic break after a table", "| a |\n|---|\n\n---\n", 1, 0},
	{"delimiter of colons only", "| a |\n| : |\n", 0, 0},
	{"delimiter of dashes with spaces", "| a |\n| - - |\n", 0, 0},
	{"delimiter with a stray letter", "| a |\n| --x |\n", 0, 0},
	{"delimiter with double colons", "| a |\n| ::-- |\n", 0, 0},
	{"delimiter with an empty column", "| a | b | c |\n|---||---|\n", 0, 0},
	{"delimiter of pipes only", "| a |\n|||\n", 0, 0},
	{"tabs around cells", "|\ta\t|\tb\t|\n|\t---\t|\t:-:\t|\n|\t1\t|\t2\t|\n", 1, 0},
	{"CRLF line endings", "text\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n", 1, 0},
	{"characters beyond ASCII", "| é | 😀 |\n|---|---|\n| « x » | 1er |\n| ا | 日本 |\n", 1, 0},
	{"pipes in a fenced block", "```\n| a |\n|---|\n```\n", 0, 0},
	{"NUL and invalid UTF-8", "| a\x00 | \xff |\n|---|---|\n| \xfe | b |\n", 1, 0},

	{"strikethrough", "~~barré~~ texte\n", 0, 1},
	{"single tilde", "~barré~ texte\n", 0, 1},
	{"three tildes stay text", "a ~~~x~~~ b\n", 0, 0},
	{"four tildes stay text", "a ~~~~b~~~~\n", 0, 0},
	{"unbalanced opener", "~~ouvert seulement\n", 0, 0},
	{"unbalanced closer", "fermé seulement~~\n", 0, 0},
	{"mixed lengths", "~~a~ and ~b~~\n", 0, 3},
	{"inner single tildes", "~~a ~b~ c~~\n", 0, 2},
	{"adjacent runs", "~~a~~~~b~~\n", 0, 1},
	{"tildes in a code span", "`~~pas barré~~` ~~barré~~\n", 0, 1},
	{"tildes in a code span across the mark", "~~a `b~~` c~~\n", 0, 1},
	{"nested emphasis", "~~**gras** et *italique*~~ ***~~x~~***\n", 0, 2},
	{"flanking", "a ~~ b ~~ c\na~~b~~c\n~~a~~b\n", 0, 2},
	{"punctuation", "(~~a~~). ~~(a)~~ «~~a~~»\n", 0, 3},
	{"escaped tildes", "\\~~a~~ ~~a\\~~ \\~a~\n", 0, 1},
	{"across lines", "~~a\nb~~\n", 0, 1},
	{"across paragraphs", "~~a\n\nb~~\n", 0, 0},
	{"in a link", "[~~a~~](https://example.org) ~~[b](https://example.org)~~\n", 0, 2},
	{"with redline marks", "{--~~x~~--} {++~y~++} ~~{++z++}~~\n", 0, 3},
	{"tilde fence", "~~~\ncode ~~x~~\n~~~\n", 0, 0},
	{"in a heading", "## ~~Article~~ {#a}\n", 0, 1},
	{"tildes and underscores", "_~~a~~_ ~~_a_~~ __~a~__\n", 0, 3},
	{"tildes in a table", "| ~~a~~ | ~b~ | ~~~c~~~ |\n|---|---|---|\n| ~~d | e~~ | \\~~f~~ |\n", 1, 2},
}

func TestSameAsGoldmark(t *testing.T) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := compare(t, []byte(c.md))
			if got.tables != c.tables || got.struck != c.struck {
				t.Errorf("%d tables and %d struck-through spans, want %d and %d\n%s", got.tables, got.struck, c.tables, c.struck, got.tree)
			}
		})
	}
}

// documents are the Markdown documents the program writes: the examples' rendered Markdown and
// the redlines and samples kept as test data, each without its front matter, as the writers
// parse them.
func documents(tb testing.TB) map[string][]byte {
	tb.Helper()
	var files []string
	for _, pattern := range []string{"../../../examples/*.md", "../../redline/testdata/*.md", "../../office/testdata/*.md"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			tb.Fatal(err)
		}
		files = append(files, matches...)
	}
	docs := map[string][]byte{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		_, body, err := typeset.SplitFrontMatter(data)
		if err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		docs[f] = body
	}
	return docs
}

func TestSameAsGoldmarkOnDocuments(t *testing.T) {
	docs := documents(t)
	if len(docs) < 10 {
		t.Fatalf("only %d documents found", len(docs))
	}
	tables, struck := 0, 0
	for name, body := range docs {
		t.Run(filepath.Base(name), func(t *testing.T) {
			got := compare(t, body)
			tables += got.tables
			struck += got.struck
		})
	}
	if tables == 0 {
		t.Error("no document holds a table: the comparison says nothing about tables")
	}
}

// FuzzSameAsGoldmark parses arbitrary Markdown with both configurations: the trees and the HTML
// must be the same.
func FuzzSameAsGoldmark(f *testing.F) {
	for _, c := range cases {
		f.Add([]byte(c.md))
	}
	f.Add([]byte("Intro\n| a | `b\\|c` | ~~d~~ |\n|:--|--:|:-:|\n| 1 | 2 |\n| 3 | 4 | 5 | 6 |\n> | x |\n> |---|\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 16<<10 {
			return
		}
		compare(t, src)
	})
}

// styler gives every node of a table, and struck-through text, the attributes HTML allows on
// any element, as a transformer of a house configuration might.
type styler struct{}

func (styler) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case east.KindTableCell:
			n.SetAttributeString("style", []byte("color:<red>"))
			n.SetAttributeString("data-col", "1")
		case east.KindTable, east.KindTableHeader, east.KindTableRow, east.KindStrikethrough:
			n.SetAttributeString("class", []byte("house & co"))
			n.SetAttributeString("id", []byte("x"))
		}
		return ast.WalkContinue, nil
	})
}

func TestAttributesSameAsGoldmark(t *testing.T) {
	styled := func(table, strike goldmark.Extender) goldmark.Markdown {
		return goldmark.New(goldmark.WithExtensions(table, strike),
			goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(styler{}, 1000))))
	}
	src := []byte("| a | b | c |\n| :-- | --: | --- |\n| 1 | ~~2~~ | 3 |\n")
	want, _ := parse(styled(extension.Table, extension.Strikethrough), src)
	got, _ := parse(styled(gfm.Table, gfm.Strikethrough), src)
	if !strings.Contains(got.html, `<td style="color:&lt;red&gt;;text-align:right" data-col="1">`) {
		t.Errorf("the attributes are not written:\n%s", got.html)
	}
	if got.html != want.html {
		t.Errorf("the HTML differs from goldmark's extensions, %s", firstDifference(want.html, got.html))
	}
}

// BenchmarkConvert converts every rendered document to HTML with goldmark's extensions and with
// ours, one after the other, so that the two can be compared in one run.
func BenchmarkConvert(b *testing.B) {
	docs := documents(b)
	names := make([]string, 0, len(docs))
	for name := range docs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, md := range []struct {
		name string
		md   goldmark.Markdown
	}{{"goldmark", goldmarks()}, {"gfm", ours()}} {
		b.Run(md.name, func(b *testing.B) {
			b.ReportAllocs()
			var out bytes.Buffer
			for b.Loop() {
				for _, name := range names {
					out.Reset()
					if err := md.md.Convert(docs[name], &out); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
