package office

import (
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

// acceptDOCX accepts (or, with reject, rejects) every tracked change of a document.xml: kept
// text is unwrapped, dropped text removed with its runs, a paragraph whose mark is dropped is
// merged into the next paragraph, a dropped table row removed.
func acceptDOCX(doc *node, reject bool) {
	keep, drop := "w:ins", "w:del"
	if reject {
		keep, drop = drop, keep
	}
	for _, n := range doc.all(drop) {
		switch n.parent.name {
		case "w:rPr": // a paragraph mark
			p := n.parent.parent.parent
			n.remove()
			mergeWithNext(p)
		case "w:trPr":
			n.parent.parent.remove()
		default:
			n.remove()
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
	for _, tbl := range doc.all("w:tbl") {
		if len(tbl.all("w:tr")) == 0 {
			tbl.remove()
		}
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
// versions: accepting gives the text of the new version, paragraph by paragraph and style by
// style; rejecting gives the old one, article numbers aside.
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

// odtAccept accepts (or rejects) every tracked change of a content.xml: an insertion is kept
// or removed between its start and its end; a deletion's text is dropped or put back at its
// mark.
func odtAccept(t *testing.T, doc *node, reject bool) {
	regions := map[string]*node{}
	for _, r := range doc.all("text:changed-region") {
		regions[r.attr("text:id")] = r
	}
	for _, start := range doc.all("text:change-start") {
		id := start.attr("text:change-id")
		parent := start.parent
		i := slices.Index(parent.children, start)
		j := i + 1
		for j < len(parent.children) && !(parent.children[j].name == "text:change-end" && parent.children[j].attr("text:change-id") == id) {
			j++
		}
		if j == len(parent.children) {
			t.Fatalf("insertion %s does not end in the paragraph it starts in", id)
		}
		if reject {
			parent.children = append(parent.children[:i:i], parent.children[j+1:]...)
		} else {
			parent.children = append(parent.children[:i:i], append(slices.Clone(parent.children[i+1:j]), parent.children[j+1:]...)...)
		}
	}
	for _, mark := range doc.all("text:change") {
		if !reject {
			mark.remove()
			continue
		}
		del := regions[mark.attr("text:change-id")].child("text:deletion")
		ps := del.all("text:p")
		if len(ps) != 1 {
			t.Fatalf("deletion %s holds %d paragraphs", mark.attr("text:change-id"), len(ps))
		}
		mark.name = "text:span"
		mark.children = ps[0].children
	}
	for _, tc := range doc.all("text:tracked-changes") {
		tc.remove()
	}
}

// odtParagraphs is the text of a content.xml, paragraph by paragraph, without empty paragraphs
// and the table of contents.
func odtParagraphs(doc *node, masked bool) []string {
	var out []string
	var walk func(*node)
	walk = func(n *node) {
		for _, c := range n.children {
			switch c.name {
			case "text:table-of-content", "text:tracked-changes":
				continue
			case "text:p", "text:h":
				if masked {
					for _, a := range c.all("text:a") {
						if txt := a.content(); strings.HasPrefix(a.attr("xlink:href"), "#") && refNumber.MatchString(txt) {
							a.children = []*node{{text: refNumber.ReplaceAllString(txt, "$1 #"), parent: a}}
						}
					}
				}
				txt := strings.TrimSpace(c.content())
				if masked && c.name == "text:h" {
					txt = headingNumber.ReplaceAllString(txt, "# – ")
				}
				if txt != "" {
					out = append(out, c.name+": "+txt)
				}
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

// TestODTTrackedChanges does for ODT what TestDOCXTrackedChanges does for DOCX. A paragraph
// wholly inserted or deleted is tracked as its text: accepting or rejecting leaves it empty,
// so paragraphs are compared without the empty ones.
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
