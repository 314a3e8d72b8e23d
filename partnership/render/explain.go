package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// Explanation says, for each article of a rendered document, which values of the definition
// it reads, which defaults of the clause library it applied and which statutes it cites: what a
// lawyer checks before signing.
type Explanation struct {
	File         string           `json:"file"`
	Kind         partnership.Kind `json:"kind"`
	Lang         string           `json:"lang"`
	Jurisdiction string           `json:"jurisdiction"`
	Binding      bool             `json:"binding"`
	Templates    string           `json:"templates"`
	Articles     []ArticleSource  `json:"articles"`
}

// ArticleSource is where one article of a document comes from.
type ArticleSource struct {
	ID string `json:"id"`
	// Number is the article's number, 0 for an unnumbered part (parties, signatures…).
	Number  int    `json:"number"`
	Heading string `json:"heading"`
	// Pointers are the JSON pointers of the definition's values the article reads, in the
	// order of the definition.
	Pointers []string         `json:"pointers"`
	Defaults []AppliedDefault `json:"defaults"`
	Statutes []Citation       `json:"statutes"`
}

// Explain says where each article of out, the document rendered from doc, comes from. The
// values an article reads are worked out from its clause's template and from the lookups its
// functions made, so the explanation follows the clauses as they are written.
func Explain(doc *partnership.Document, out *Document) *Explanation {
	def := doc.Definition
	e := &Explanation{File: doc.File, Kind: def.Kind, Lang: out.Meta.Lang, Jurisdiction: def.Country(), Binding: def.IsBinding(),
		Templates: out.Meta.Templates, Articles: []ArticleSource{}}
	pointers := make([]string, 0, len(doc.Spans))
	for p := range doc.Spans {
		pointers = append(pointers, p)
	}
	for _, a := range out.Articles {
		src := ArticleSource{ID: a.ID, Number: a.Number, Heading: a.Heading, Pointers: []string{},
			Defaults: slices.Clone(a.Defaults), Statutes: slices.Clone(a.Statutes)}
		if src.Defaults == nil {
			src.Defaults = []AppliedDefault{}
		}
		if src.Statutes == nil {
			src.Statutes = []Citation{}
		}
		seen := map[string]bool{}
		for _, f := range a.fields() {
			if !strings.Contains(f, "*") {
				if _, ok := doc.Spans[f]; ok && !seen[f] {
					seen[f] = true
					src.Pointers = append(src.Pointers, f)
				}
				continue
			}
			for _, p := range pointers {
				if !seen[p] && matchPattern(f, p) {
					seen[p] = true
					src.Pointers = append(src.Pointers, p)
				}
			}
		}
		slices.SortFunc(src.Pointers, func(x, y string) int {
			px, py := doc.Spans[x].Value, doc.Spans[y].Value
			return cmp.Or(cmp.Compare(px.Line, py.Line), cmp.Compare(px.Column, py.Column), cmp.Compare(x, y))
		})
		e.Articles = append(e.Articles, src)
	}
	return e
}

// WriteText writes the explanation for a reader: one block per article.
func (e *Explanation) WriteText(w io.Writer) error {
	var b strings.Builder
	binding := "legally binding"
	if !e.Binding {
		binding = "not legally binding"
	}
	// Every text is printed with its control characters escaped (partnership.Printable), so that
	// no file name, heading or key can start a line of its own.
	fmt.Fprintf(&b, "%s: %s in %q, jurisdiction %s, %s, clause library %s\n", partnership.Printable(e.File), e.Kind, e.Lang, e.Jurisdiction, binding, e.Templates)
	for _, a := range e.Articles {
		heading := a.Heading
		if heading == "" {
			heading = a.ID
		}
		fmt.Fprintf(&b, "\n%s {#%s}\n", partnership.Printable(heading), a.ID)
		if len(a.Pointers) > 0 {
			fmt.Fprintf(&b, "  reads:    %s\n", partnership.Printable(strings.Join(a.Pointers, " ")))
		}
		for _, d := range a.Defaults {
			fmt.Fprintf(&b, "  default:  %s = %s (%s in %s)\n", partnership.Printable(d.Pointer), quoteValue(d.Value), d.Key, partnership.Printable(d.Source))
		}
		for _, s := range a.Statutes {
			fmt.Fprintf(&b, "  cites:    %s (%s in %s)\n", partnership.Printable(s.Text), s.Key, partnership.Printable(s.Source))
		}
		if len(a.Pointers) == 0 && len(a.Defaults) == 0 && len(a.Statutes) == 0 {
			b.WriteString("  reads nothing from the definition: the clause library's own text\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return formatValue(v)
}
