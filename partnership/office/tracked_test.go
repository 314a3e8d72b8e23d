package office

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/redline"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// The tests of tracked changes do what an editor does when every change is accepted, or every
// change rejected, by transforming the XML, then compare the text with the documents of the
// two versions written without changes.

func loadDefinition(t *testing.T, file string) *partnership.Document {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := partnership.Load(partnership.DisplayPath(file), data, partnership.DefaultLimits)
	if doc != nil {
		diags = append(diags, validate.Validate(doc, nil)...)
	}
	if diags.HasErrors() {
		t.Fatalf("%s: %v", file, diags)
	}
	return doc
}

func renderDefinition(t *testing.T, doc *partnership.Document, lang string) *render.Document {
	t.Helper()
	r, err := render.New(render.WithLang(lang))
	if err != nil {
		t.Fatal(err)
	}
	out, err := r.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// pair is two versions of a document and the redline between them.
type pair struct {
	name     string
	old, new *render.Document
	redline  *redline.Redline
}

func pairs(t *testing.T) []pair {
	t.Helper()
	dir := "../redline/testdata"
	v1, v2 := loadDefinition(t, filepath.Join(dir, "pacte-v1.yaml")), loadDefinition(t, filepath.Join(dir, "pacte-v2.yaml"))
	// The optional clause alone: the example without its subsidiarity article, then with it.
	with := loadDefinition(t, "../../examples/pacte-parc-des-glycines.yaml")
	without := loadDefinition(t, "../../examples/pacte-parc-des-glycines.yaml")
	delete(without.Value.(map[string]any), "subsidiarity")
	// Communality facts that differ: a fact withdrawn, another declared; the levels, the
	// chart and the list of facts change, the last paragraph of the document with them.
	facts := loadDefinition(t, "../../examples/pacte-parc-des-glycines.yaml")
	communality := facts.Value.(map[string]any)["communality"].(map[string]any)
	declared := slices.DeleteFunc(slices.Clone(communality["facts"].([]any)), func(f any) bool {
		return f.(map[string]any)["fact"] == "control_public_reporting"
	})
	communality["facts"] = append(declared, map[string]any{"fact": "governance_free_of_charge",
		"statement": "La participation au comité de suivi n’est subordonnée à aucune cotisation.",
		"evidence":  map[string]any{"clause": "Pacte, article « Gouvernance »"}})
	// A row added to a table: support in kind the commune adds.
	row := loadDefinition(t, "../../examples/pacte-parc-des-glycines.yaml")
	support := row.Value.(map[string]any)["support"].(map[string]any)
	support["in_kind"] = append(support["in_kind"].([]any), map[string]any{"type": "premises", "provider": "commune",
		"description": "Mise à disposition du local technique du parc pour le rangement des outils.", "value": json.Number("300")})
	var out []pair
	for _, lang := range []string{"fr", "en"} {
		for _, p := range []struct {
			name     string
			old, new *partnership.Document
		}{
			{"v1 to v2", v1, v2},
			{"v2 to v1", v2, v1},
			{"optional clause inserted", without, with},
			{"optional clause removed", with, without},
			{"communality facts changed", with, facts},
			{"communality facts changed back", facts, with},
			{"table row inserted", with, row},
			{"table row deleted", row, with},
		} {
			old, new := renderDefinition(t, p.old, lang), renderDefinition(t, p.new, lang)
			rl, err := redline.Compare(old, new)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, pair{name: p.name + " " + lang, old: old, new: new, redline: rl})
		}
	}
	return out
}

// acceptDOCX accepts (or, with reject, rejects) every tracked change of a document.xml as Word
// does: a dropped table row goes (and a table left without rows), kept text is unwrapped,
// dropped text removed with its runs, then a paragraph whose mark is dropped is merged into the
// next paragraph, which keeps its properties.
func acceptDOCX(doc *node, reject bool) {
	keep, drop := "w:ins", "w:del"
	if reject {
		keep, drop = drop, keep
	}
	var marks []*node
	for _, n := range doc.all(drop) {
		switch n.parent.name {
		case "w:rPr": // a paragraph mark
			marks = append(marks, n)
		case "w:trPr":
			n.parent.parent.remove()
		default:
			n.remove()
		}
	}
	for _, tbl := range doc.all("w:tbl") {
		if len(tbl.all("w:tr")) == 0 {
			tbl.remove()
		}
	}
	for _, n := range doc.all(keep) {
		if len(n.children) == 0 {
			n.remove() // the mark of a paragraph or a row
			continue
		}
		n.unwrap()
	}
	for _, n := range doc.all("w:delText") {
		n.name = "w:t"
	}
	for _, n := range marks {
		p := n.parent.parent.parent
		n.remove()
		mergeWithNext(p)
	}
}

// mergeWithNext moves the content of a paragraph to the start of the next one and removes it.
func mergeWithNext(p *node) {
	parent := p.parent
	i := slices.Index(parent.children, p)
	var next *node
	for _, c := range parent.children[i+1:] {
		if c.name == "w:p" {
			next = c
			break
		}
		if c.name != "" {
			break
		}
	}
	if next == nil {
		return // the last paragraph of its container keeps its mark
	}
	var content []*node
	for _, c := range p.children {
		if c.name != "w:pPr" {
			c.parent = next
			content = append(content, c)
		}
	}
	at := 0
	if len(next.children) > 0 && next.children[0].name == "w:pPr" {
		at = 1
	}
	next.children = append(next.children[:at:at], append(content, next.children[at:]...)...)
	p.remove()
}

// numbers masks article numbers, in headings and in cross-references, which a renumbering
// changes without changing a word.
var (
	headingNumber = regexp.MustCompile(`^(Article \d+(?:er)?|\d+\.) – `)
	refNumber     = regexp.MustCompile(`^([Aa]rticle|[Ss]ection) \d+(?:er)?$`)
)

// docxParagraphs is the text of a document.xml, paragraph by paragraph, with the style of each;
// the result of the table of contents is left out (an editor computes it again), and with
// masked set, the numbers of articles.
func docxParagraphs(doc *node, masked bool) []string {
	var out []string
	for _, p := range doc.all("w:p") {
		st := ""
		if ps := p.child("w:pPr"); ps != nil && ps.child("w:pStyle") != nil {
			st = ps.child("w:pStyle").attr("w:val")
		}
		if st == "TOC1" || st == "TOCHeading" {
			continue
		}
		var b strings.Builder
		for _, c := range p.children {
			if c.name == "w:pPr" {
				continue
			}
			txt := c.content()
			if masked && c.name == "w:hyperlink" && c.attr("w:anchor") != "" {
				txt = refNumber.ReplaceAllString(txt, "$1 #")
			}
			b.WriteString(txt)
		}
		txt := b.String()
		if masked && strings.HasPrefix(st, "Heading") {
			txt = headingNumber.ReplaceAllString(txt, "# – ")
		}
		out = append(out, st+": "+txt)
	}
	return out
}

func docxBody(t *testing.T, md []byte) *node {
	t.Helper()
	data, err := DOCX(md, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	_, p := parts(t, data)
	return parseXML(t, p["word/document.xml"])
}

func diffLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Errorf("%s: paragraph %d differs:\n got %q\nwant %q", what, i+1, got[i], want[i])
			return
		}
	}
	t.Errorf("%s: %d paragraphs, want %d", what, len(got), len(want))
}

// TestDOCXTrackedChanges accepts and rejects every change of the DOCX redline of each pair of
// versions: accepting gives the text of the new version, paragraph by paragraph, empty ones
// included, and style by style; rejecting gives the old one, article numbers aside.
func TestDOCXTrackedChanges(t *testing.T) {
	for _, p := range pairs(t) {
		t.Run(p.name, func(t *testing.T) {
			tracked := p.redline.TrackedMarkdown()
			accepted := docxBody(t, tracked)
			if len(accepted.all("w:ins"))+len(accepted.all("w:del")) == 0 {
				t.Fatal("no tracked change")
			}
			acceptDOCX(accepted, false)
			diffLines(t, "accepted", docxParagraphs(accepted, false), docxParagraphs(docxBody(t, p.new.Markdown), false))
			rejected := docxBody(t, tracked)
			acceptDOCX(rejected, true)
			diffLines(t, "rejected", docxParagraphs(rejected, true), docxParagraphs(docxBody(t, p.old.Markdown), true))
		})
	}
}

// TestOptionalClauseIsOneInsertion checks the redline of an optional clause added: the one
// article inserted whole, the sentence of the article that refers to it, and nothing else;
// renumbered articles and cross-references whose only change is their number carry no mark.
func TestOptionalClauseIsOneInsertion(t *testing.T) {
	for _, p := range pairs(t) {
		if !strings.HasPrefix(p.name, "optional clause inserted") {
			continue
		}
		t.Run(p.name, func(t *testing.T) {
			doc := docxBody(t, p.redline.TrackedMarkdown())
			if n := len(doc.all("w:del")); n != 0 {
				t.Errorf("%d deletions, want none", n)
			}
			var inserted, headings []string
			for _, para := range doc.all("w:p") {
				if len(para.all("w:ins")) == 0 {
					continue
				}
				st := para.child("w:pPr").child("w:pStyle").attr("w:val")
				if st == "Heading1" {
					headings = append(headings, para.content())
				}
				inserted = append(inserted, st)
			}
			want := map[string]string{"fr": "Article 3 – Subsidiarité horizontale", "en": "Article 3 – Horizontal subsidiarity"}[p.new.Meta.Lang]
			if !slices.Equal(headings, []string{want}) {
				t.Errorf("inserted headings %q, want only %q", headings, want)
			}
			// The article itself, and one sentence of the continuity article that cites it.
			changedArticles := map[string]bool{}
			current := ""
			for _, para := range doc.all("w:p") {
				if b := para.child("w:bookmarkStart"); b != nil && para.child("w:pPr").child("w:pStyle").attr("w:val") == "Heading1" {
					current = b.attr("w:name")
				}
				if len(para.all("w:ins")) > 0 {
					changedArticles[current] = true
				}
			}
			var got []string
			for id := range changedArticles {
				got = append(got, id)
			}
			slices.Sort(got)
			if !slices.Equal(got, []string{"continuity", "subsidiarity"}) {
				t.Errorf("articles with insertions %q, want the new one and the one that cites it", got)
			}
		})
	}
}

// odtAccept accepts (or rejects) every tracked change of a content.xml as ODF defines them and
// LibreOffice applies them. Accepting drops the marks, and with them the deleted content.
// Rejecting removes what lies between the start and the end of each insertion, across
// paragraphs if need be (see removeRange), then puts each deletion back at its mark (see
// restore).
func odtAccept(t *testing.T, doc *node, reject bool) {
	regions := map[string]*node{}
	for _, r := range doc.all("text:changed-region") {
		regions[r.attr("text:id")] = r
	}
	if reject {
		ends := map[string]*node{}
		for _, e := range doc.all("text:change-end") {
			ends[e.attr("text:change-id")] = e
		}
		for _, start := range doc.all("text:change-start") {
			id := start.attr("text:change-id")
			if ends[id] == nil {
				t.Fatalf("insertion %s has no end", id)
			}
			removeRange(start, ends[id])
		}
		for _, mark := range doc.all("text:change") {
			id := mark.attr("text:change-id")
			var content []*node
			for _, c := range regions[id].child("text:deletion").children {
				if c.name != "" && c.name != "office:change-info" {
					content = append(content, c)
				}
			}
			restore(t, mark, content)
		}
	}
	for _, name := range []string{"text:change", "text:change-start", "text:change-end", "text:tracked-changes"} {
		for _, n := range doc.all(name) {
			n.remove()
		}
	}
}

func isParagraph(n *node) bool { return n != nil && (n.name == "text:p" || n.name == "text:h") }

func isChangeMark(n *node) bool {
	return n.name == "text:change" || n.name == "text:change-start" || n.name == "text:change-end"
}

// paragraphOf is the paragraph a node stands in, nil for a node at block level.
func paragraphOf(n *node) *node {
	for p := n.parent; p != nil; p = p.parent {
		if isParagraph(p) {
			return p
		}
	}
	return nil
}

// removeRange removes what lies between two marks in document order, the marks included, as an
// editor deletes a selection. When the marks stand in two paragraphs, these become one: the
// paragraph of the end, if the range starts at the start of a paragraph (it took whole
// paragraphs with their breaks: the change marks before it move to the paragraph that stays),
// else the paragraph of the start, which takes the rest of the other. Lists and list items the
// range emptied go.
func removeRange(start, end *node) {
	ps, pe := paragraphOf(start), paragraphOf(end)
	var path []*node // start and its ancestors
	for n := start; n != nil; n = n.parent {
		path = append(path, n)
	}
	var common *node
	endSide := map[*node]*node{} // ancestor of end -> its child on the way to end
	for n := end; n.parent != nil; n = n.parent {
		endSide[n.parent] = n
	}
	for _, n := range path {
		if _, ok := endSide[n]; ok {
			common = n
			break
		}
	}
	// Strip everything after start below the common ancestor, and everything before end.
	for n := start; n.parent != common; n = n.parent {
		i := slices.Index(n.parent.children, n)
		n.parent.children = n.parent.children[: i+1 : i+1]
	}
	for n := end; n.parent != common; n = n.parent {
		i := slices.Index(n.parent.children, n)
		n.parent.children = n.parent.children[i:]
	}
	startChild := start
	for startChild.parent != common {
		startChild = startChild.parent
	}
	endChild := endSide[common]
	i, j := slices.Index(common.children, startChild), slices.Index(common.children, endChild)
	common.children = append(common.children[:i+1:i+1], common.children[j:]...)
	if ps != nil && pe != nil && ps != pe {
		var before []*node
		content := false
		for _, c := range ps.children {
			if c == start {
				break
			}
			before = append(before, c)
			content = content || !isChangeMark(c)
		}
		if content {
			for _, c := range pe.children {
				c.parent = ps
			}
			ps.children = append(ps.children, pe.children...)
			pe.remove()
		} else {
			for _, c := range before {
				c.parent = pe
			}
			pe.children = append(before, pe.children...)
			ps.remove()
		}
		for _, n := range []*node{ps.parent, pe.parent} {
			for n != nil && (n.name == "text:list-item" || n.name == "text:list") && len(n.all("text:p"))+len(n.all("text:h")) == 0 {
				up := n.parent
				n.remove()
				n = up
			}
		}
	}
	start.remove()
	end.remove()
}

// restore puts a deletion back at its mark, as ODF says: at block level, the deleted content
// stands in place of the mark; inside a paragraph, the paragraph is split at the mark, its
// first half continued by the first paragraph of the deletion (keeping the element and style of
// the paragraph), its second half ending the last one (which keeps its own), the content
// between them standing whole in between.
func restore(t *testing.T, mark *node, content []*node) {
	t.Helper()
	pm := mark.parent
	at := slices.Index(pm.children, mark)
	if !isParagraph(pm) {
		for _, c := range content {
			c.parent = pm
		}
		pm.children = append(pm.children[:at:at], append(content, pm.children[at+1:]...)...)
		return
	}
	first, last := content[0], content[len(content)-1]
	if !isParagraph(first) || !isParagraph(last) {
		t.Fatalf("deletion %s inside a paragraph does not start and end with paragraphs", mark.attr("text:change-id"))
	}
	before, after := slices.Clone(pm.children[:at]), slices.Clone(pm.children[at+1:])
	if len(content) == 1 {
		pm.children = append(before, append(first.children, after...)...)
		for _, c := range pm.children {
			c.parent = pm
		}
		return
	}
	pm.children = append(before, first.children...)
	for _, c := range pm.children {
		c.parent = pm
	}
	last.children = append(last.children, after...)
	for _, c := range last.children {
		c.parent = last
	}
	rest := content[1:]
	parent := pm.parent
	for _, c := range rest {
		c.parent = parent
	}
	i := slices.Index(parent.children, pm)
	parent.children = append(parent.children[:i+1:i+1], append(rest, parent.children[i+1:]...)...)
}

// paragraphStyles resolves the paragraph styles of a content.xml: an automatic style is named by
// what it is (its parent style and its properties), which two documents write alike whatever
// the order of their automatic styles.
func paragraphStyles(doc *node) map[string]string {
	out := map[string]string{}
	for _, st := range doc.all("style:style") {
		if st.attr("style:family") != "paragraph" {
			continue
		}
		var b bytes.Buffer
		for _, c := range st.children {
			dumpNode(&b, c, 0)
		}
		out[st.attr("style:name")] = st.attr("style:parent-style-name") + strings.ReplaceAll(b.String(), "\n", "")
	}
	return out
}

// odtParagraphs is the text of a content.xml, paragraph by paragraph, empty ones included,
// each with its element and style, the table of contents left out; with masked set, the
// numbers of articles.
func odtParagraphs(doc *node, masked bool) []string {
	styles := paragraphStyles(doc)
	var out []string
	var walk func(*node)
	walk = func(n *node) {
		for _, c := range n.children {
			switch c.name {
			case "text:table-of-content", "text:tracked-changes", "office:automatic-styles":
				continue
			case "text:p", "text:h":
				if masked {
					for _, a := range c.all("text:a") {
						if txt := a.content(); strings.HasPrefix(a.attr("xlink:href"), "#") && refNumber.MatchString(txt) {
							a.children = []*node{{text: refNumber.ReplaceAllString(txt, "$1 #"), parent: a}}
						}
					}
				}
				txt := c.content()
				if masked && c.name == "text:h" {
					txt = headingNumber.ReplaceAllString(txt, "# – ")
				}
				st := c.attr("text:style-name")
				if s, ok := styles[st]; ok {
					st = s
				}
				out = append(out, c.name+" "+st+": "+txt)
				continue
			}
			walk(c)
		}
	}
	walk(doc)
	return out
}

func odtBody(t *testing.T, md []byte) *node {
	t.Helper()
	data, err := ODT(md, testOptions)
	if err != nil {
		t.Fatal(err)
	}
	_, p := parts(t, data)
	return parseXML(t, p["content.xml"])
}

// TestODTTrackedChanges does for ODT what TestDOCXTrackedChanges does for DOCX: accepting every
// change gives the new version, rejecting every change the old one, paragraph by paragraph,
// empty ones included, each with its element and style.
func TestODTTrackedChanges(t *testing.T) {
	for _, p := range pairs(t) {
		t.Run(p.name, func(t *testing.T) {
			tracked := p.redline.TrackedMarkdown()
			accepted := odtBody(t, tracked)
			if len(accepted.all("text:changed-region")) == 0 {
				t.Fatal("no tracked change")
			}
			odtAccept(t, accepted, false)
			diffLines(t, "accepted", odtParagraphs(accepted, false), odtParagraphs(odtBody(t, p.new.Markdown), false))
			rejected := odtBody(t, tracked)
			odtAccept(t, rejected, true)
			diffLines(t, "rejected", odtParagraphs(rejected, true), odtParagraphs(odtBody(t, p.old.Markdown), true))
		})
	}
}
