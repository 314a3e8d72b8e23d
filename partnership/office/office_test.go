package office

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/commons-toolkit/commons/partnership/internal/golden"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

var testOptions = Options{Creator: "commons test"}

// reference is what a reader finds in the Markdown, to compare with what a document holds.
type reference struct {
	fm typeset.FrontMatter
	// h2 and h3 are the texts of the headings of levels 2 and 3; ids the ids of all headings.
	h2, h3, ids []string
	h1          string
	// links are the anchors of the internal links.
	links []string
	// items counts list items; tables and charts count tables and charts, rows the rows of
	// each table.
	items, tables, charts int
	rows                  []int
}

func readReference(t *testing.T, md []byte) reference {
	t.Helper()
	fm, body, err := typeset.SplitFrontMatter(md)
	if err != nil {
		t.Fatal(err)
	}
	root := typeset.Markdown().Parser().Parse(text.NewReader(body))
	ref := reference{fm: fm}
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			txt := plainText(newBuilder(body, &document{}).inline(n, 0, "", unchanged, nil), inserted)
			switch n.Level {
			case 1:
				ref.h1 = txt
			case 2:
				ref.h2 = append(ref.h2, txt)
			case 3:
				ref.h3 = append(ref.h3, txt)
			}
			if id := headingID(n); id != "" {
				ref.ids = append(ref.ids, id)
			}
		case *ast.Link:
			if d := string(n.Destination); strings.HasPrefix(d, "#") {
				ref.links = append(ref.links, d[1:])
			}
		case *ast.ListItem:
			ref.items++
		case *east.Table:
			ref.tables++
			ref.rows = append(ref.rows, n.ChildCount())
		case *ast.FencedCodeBlock:
			if _, ok := typeset.ChartOf(n, body); ok {
				ref.charts++
			}
		}
		return ast.WalkContinue, nil
	})
	return ref
}

// markdownFiles are the rendered examples in both languages, and the sample of this package.
func markdownFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../examples/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no rendered example: %v", err)
	}
	return append(files, "testdata/sample.fr.md")
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func texts(nodes []*node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = strings.TrimSpace(n.content())
	}
	return out
}

// TestDOCXReadBack writes every example as DOCX and reads the XML back: the parts an editor
// needs, heading styles on every article, one bookmark per clause id inside its heading, links
// that resolve, real lists and tables, the fields of the footer and of the table of contents,
// the properties, and the same bytes twice.
func TestDOCXReadBack(t *testing.T) {
	for _, file := range markdownFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			md := readFile(t, file)
			ref := readReference(t, md)
			data, err := DOCX(md, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := DOCX(md, testOptions)
			if !bytes.Equal(data, again) {
				t.Error("two runs give different bytes")
			}
			names, p := parts(t, data)
			if names[0] != "[Content_Types].xml" {
				t.Errorf("first entry %s, want [Content_Types].xml", names[0])
			}
			types := string(p["[Content_Types].xml"])
			for _, name := range names {
				if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" && !strings.Contains(types, `PartName="/`+name+`"`) {
					t.Errorf("part %s has no content type", name)
				}
			}
			doc := parseXML(t, p["word/document.xml"])
			styled := func(id string) []*node {
				var out []*node
				for _, para := range doc.all("w:p") {
					if ps := para.child("w:pPr"); ps != nil && ps.child("w:pStyle") != nil && ps.child("w:pStyle").attr("w:val") == id {
						out = append(out, para)
					}
				}
				return out
			}
			if got := texts(styled("Heading1")); !slices.Equal(got, ref.h2) {
				t.Errorf("Heading1 paragraphs:\n got %q\nwant %q", got, ref.h2)
			}
			if got := texts(styled("Heading2")); !slices.Equal(got, ref.h3) {
				t.Errorf("Heading2 paragraphs:\n got %q\nwant %q", got, ref.h3)
			}
			if got := texts(styled("Title")); len(got) != 1 || got[0] != ref.h1 {
				t.Errorf("Title paragraphs %q, want the title %q", got, ref.h1)
			}
			// One bookmark per clause id, in the heading of that clause.
			bookmarks := map[string]bool{}
			var names2 []string
			for _, b := range doc.all("w:bookmarkStart") {
				name := b.attr("w:name")
				names2 = append(names2, name)
				bookmarks[name] = true
				style := b.parent.child("w:pPr").child("w:pStyle").attr("w:val")
				if !strings.HasPrefix(style, "Heading") {
					t.Errorf("bookmark %s is in a %s paragraph, not a heading", name, style)
				}
			}
			if !slices.Equal(names2, ref.ids) {
				t.Errorf("bookmarks %q, want the heading ids %q", names2, ref.ids)
			}
			if n, m := len(doc.all("w:bookmarkStart")), len(doc.all("w:bookmarkEnd")); n != m {
				t.Errorf("%d bookmark starts, %d ends", n, m)
			}
			// Internal links resolve: the links of the text, and the entries of the contents.
			var anchors []string
			toc := len(ref.h2) >= tocMinArticles
			for _, h := range doc.all("w:hyperlink") {
				a := h.attr("w:anchor")
				if a == "" {
					if h.attr("r:id") == "" {
						t.Error("a hyperlink has neither an anchor nor an address")
					}
					continue
				}
				if !bookmarks[a] {
					t.Errorf("link to %q, which no bookmark has", a)
				}
				anchors = append(anchors, a)
			}
			want := slices.Clone(ref.links)
			if toc {
				want = append(slices.Clone(ref.ids[:len(ref.h2)]), want...)
				if !slices.Equal(ref.ids[:len(ref.h2)], headingIDs(t, md)) {
					t.Fatal("every article heading needs an id for this test")
				}
			}
			if !slices.Equal(anchors, want) {
				t.Errorf("internal links %q, want %q", anchors, want)
			}
			// Real lists: one numbered paragraph per item, numbering instances that exist.
			numbering := parseXML(t, p["word/numbering.xml"])
			nums := map[string]bool{}
			for _, n := range numbering.all("w:num") {
				nums[n.attr("w:numId")] = true
			}
			numPr := doc.all("w:numPr")
			if len(numPr) != ref.items {
				t.Errorf("%d numbered paragraphs, want one per list item: %d", len(numPr), ref.items)
			}
			for _, n := range numPr {
				if id := n.child("w:numId").attr("w:val"); !nums[id] {
					t.Errorf("list paragraph numbered %s, which numbering.xml lacks", id)
				}
			}
			// Real tables, header rows repeated.
			tables := doc.all("w:tbl")
			if len(tables) != ref.tables+ref.charts {
				t.Errorf("%d tables, want %d tables and %d charts", len(tables), ref.tables, ref.charts)
			}
			k := 0
			for _, tbl := range tables {
				if tbl.child("w:tblPr").child("w:tblStyle").attr("w:val") == "ChartTable" {
					continue
				}
				rows := tbl.all("w:tr")
				if k < len(ref.rows) && len(rows) != ref.rows[k] {
					t.Errorf("table %d has %d rows, want %d", k+1, len(rows), ref.rows[k])
				}
				if len(rows[0].child("w:trPr").all("w:tblHeader")) != 1 {
					t.Errorf("table %d: the header row is not repeated", k+1)
				}
				k++
			}
			// Fields: page number and count in the footer, the contents in long documents.
			footer := string(p["word/footer1.xml"])
			for _, f := range []string{`w:instr=" PAGE "`, `w:instr=" NUMPAGES "`} {
				if !strings.Contains(footer, f) {
					t.Errorf("footer has no %s field", f)
				}
			}
			if !strings.Contains(footer, short(ref.fm["definition_sha256"])) || !strings.Contains(footer, ref.fm["templates"]) {
				t.Error("footer lacks the provenance of the document")
			}
			hasTOC := false
			for _, in := range doc.all("w:instrText") {
				hasTOC = hasTOC || len(in.children) == 1 && strings.HasPrefix(strings.TrimSpace(in.children[0].text), `TOC \o`)
			}
			if hasTOC != toc {
				t.Errorf("TOC field: %v, want %v (%d articles)", hasTOC, toc, len(ref.h2))
			}
			// Properties.
			core := parseXML(t, p["docProps/core.xml"])
			lang := map[string]string{"fr": "fr-FR", "en": "en-GB"}[ref.fm["lang"]]
			for name, want := range map[string]string{"dc:title": ref.h1, "dc:subject": ref.fm["kind_label"],
				"dc:language": lang, "dc:creator": "commons test"} {
				if got := core.all(name); len(got) != 1 || got[0].content() != want {
					t.Errorf("%s: %q, want %q", name, texts(got), want)
				}
			}
			if !strings.Contains(string(p["docProps/custom.xml"]), `name="definition_sha256"><vt:lpwstr>`+ref.fm["definition_sha256"]+`<`) {
				t.Error("no custom property definition_sha256")
			}
			styles := parseXML(t, p["word/styles.xml"])
			if !strings.Contains(string(p["word/styles.xml"]), `<w:lang w:val="`+lang+`"`) {
				t.Errorf("the document's language is not %s", lang)
			}
			names3 := map[string]string{}
			for _, s := range styles.all("w:style") {
				names3[s.attr("w:styleId")] = s.child("w:name").attr("w:val")
			}
			if names3["Heading1"] != "heading 1" || names3["SignatureBlock"] != word(ref.fm["lang"], "style.SignatureBlock") {
				t.Errorf("style names %q", names3)
			}
			if Generator(data) != "commons test" {
				t.Errorf("generator %q", Generator(data))
			}
		})
	}
}

func headingIDs(t *testing.T, md []byte) []string {
	ref := readReference(t, md)
	return ref.ids[:len(ref.h2)]
}

// TestODTReadBack does for ODT what TestDOCXReadBack does for DOCX.
func TestODTReadBack(t *testing.T) {
	for _, file := range markdownFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			md := readFile(t, file)
			ref := readReference(t, md)
			data, err := ODT(md, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			again, _ := ODT(md, testOptions)
			if !bytes.Equal(data, again) {
				t.Error("two runs give different bytes")
			}
			names, p := parts(t, data)
			if names[0] != "mimetype" || string(p["mimetype"]) != odtMimeType || !bytes.Contains(data[:80], []byte("mimetypeapplication/vnd.oasis")) {
				t.Errorf("the first entry is not the mimetype, stored: %q", names)
			}
			doc := parseXML(t, p["content.xml"])
			var h1, h2 []string
			for _, h := range doc.all("text:h") {
				switch h.attr("text:outline-level") {
				case "1":
					h1 = append(h1, strings.TrimSpace(h.content()))
				case "2":
					h2 = append(h2, strings.TrimSpace(h.content()))
				}
			}
			if !slices.Equal(h1, ref.h2) || !slices.Equal(h2, ref.h3) {
				t.Errorf("headings:\n got %q %q\nwant %q %q", h1, h2, ref.h2, ref.h3)
			}
			bookmarks := map[string]bool{}
			var bm []string
			for _, b := range doc.all("text:bookmark-start") {
				bm = append(bm, b.attr("text:name"))
				bookmarks[b.attr("text:name")] = true
				if b.parent.name != "text:h" {
					t.Errorf("bookmark %s is in a %s", b.attr("text:name"), b.parent.name)
				}
			}
			if !slices.Equal(bm, ref.ids) {
				t.Errorf("bookmarks %q, want %q", bm, ref.ids)
			}
			var anchors []string
			for _, a := range doc.all("text:a") {
				if h := a.attr("xlink:href"); strings.HasPrefix(h, "#") {
					if !bookmarks[h[1:]] {
						t.Errorf("link to %s, which no bookmark has", h)
					}
					anchors = append(anchors, h[1:])
				}
			}
			want := slices.Clone(ref.links)
			if len(ref.h2) >= tocMinArticles {
				want = append(headingIDs(t, md), want...)
				if len(doc.all("text:table-of-content")) != 1 {
					t.Error("no table of contents")
				}
			}
			if !slices.Equal(anchors, want) {
				t.Errorf("internal links %q, want %q", anchors, want)
			}
			if n := len(doc.all("text:list-item")); n != ref.items {
				t.Errorf("%d list items, want %d", n, ref.items)
			}
			tables := doc.all("table:table")
			if len(tables) != ref.tables+ref.charts {
				t.Errorf("%d tables, want %d and %d charts", len(tables), ref.tables, ref.charts)
			}
			headers := 0
			for _, tbl := range tables {
				if hr := tbl.child("table:table-header-rows"); hr != nil && len(hr.all("table:table-row")) == 1 {
					headers++
				}
			}
			if headers != ref.tables {
				t.Errorf("%d tables with a header row, want %d", headers, ref.tables)
			}
			styles := string(p["styles.xml"])
			for _, f := range []string{"<text:page-number", "<text:page-count"} {
				if !strings.Contains(styles, f) {
					t.Errorf("footer has no %s field", f)
				}
			}
			meta := parseXML(t, p["meta.xml"])
			lang := map[string]string{"fr": "fr-FR", "en": "en-GB"}[ref.fm["lang"]]
			for name, want := range map[string]string{"dc:title": ref.h1, "dc:subject": ref.fm["kind_label"],
				"dc:language": lang, "meta:generator": "commons test", "meta:initial-creator": "commons test"} {
				if got := meta.all(name); len(got) != 1 || got[0].content() != want {
					t.Errorf("%s: %q, want %q", name, texts(got), want)
				}
			}
			if !strings.Contains(string(p["meta.xml"]), `<meta:user-defined meta:name="definition_sha256">`+ref.fm["definition_sha256"]+`<`) {
				t.Error("no user-defined property definition_sha256")
			}
			if Generator(data) != "commons test" {
				t.Errorf("generator %q", Generator(data))
			}
		})
	}
}

func short(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}

// TestDates checks that the dates of the archive and of the properties come from the options,
// else from the definition, never from the clock.
func TestDates(t *testing.T) {
	md := readFile(t, "testdata/sample.fr.md")
	for _, tc := range []struct {
		name string
		date time.Time
		want string
	}{
		{"definition", time.Time{}, "2026-03-01T00:00:00Z"},
		{"SOURCE_DATE_EPOCH", time.Unix(1767225600, 0), "2026-01-01T00:00:00Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := DOCX(md, Options{Date: tc.date})
			if err != nil {
				t.Fatal(err)
			}
			_, p := parts(t, data)
			if !strings.Contains(string(p["docProps/core.xml"]), `<dcterms:created xsi:type="dcterms:W3CDTF">`+tc.want+`<`) {
				t.Errorf("creation date is not %s", tc.want)
			}
			day, _ := time.Parse(time.RFC3339, tc.want)
			names, _ := parts(t, data)
			for _, f := range zipEntries(t, data) {
				if !f.Equal(day) {
					t.Errorf("%d entries; one is dated %v, want %v", len(names), f, day)
					break
				}
			}
		})
	}
}

// TestGolden keeps a readable dump of every part of the sample's DOCX and ODT, and of a redline
// in both formats: a change of the XML is reviewed in git diff.
func TestGolden(t *testing.T) {
	md := readFile(t, "testdata/sample.fr.md")
	redline := trackedSample(t)
	for _, tc := range []struct {
		name string
		md   []byte
		fn   func([]byte, Options) ([]byte, error)
	}{
		{"sample.fr.docx", md, DOCX},
		{"sample.fr.odt", md, ODT},
		{"redline.fr.docx", redline, DOCX},
		{"redline.fr.odt", redline, ODT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.fn(tc.md, testOptions)
			if err != nil {
				t.Fatal(err)
			}
			golden.Compare(t, filepath.Join("testdata", tc.name+".txt"), dump(t, data))
		})
	}
}

// trackedSample is the sample with a few changes of a redline: words replaced, a list item and
// a table row inserted, an article removed.
func trackedSample(t *testing.T) []byte {
	md := string(readFile(t, "testdata/sample.fr.md"))
	for _, r := range [][2]string{
		{"le jardin décrit", "le {--jardin--} {++potager++} décrit"},
		{"- Nature : espace vert\n", "- Nature : espace vert\n- {++Surface : 1 200 m²++}\n"},
		{"| Graines | Les Tilleuls en partage | 250 € |\n", "| Graines | Les Tilleuls en partage | {--250 €--} {++300 €++} |\n| {++Arrosoirs++} | {++Commune de Valmont++} | {++80 €++} |\n"},
		{"## Article 4 – Stipulation 4 {#clause-4}\n\nLes parties conviennent de la stipulation numéro 4.\n",
			"## {--Article 4 – Stipulation 4--} {#clause-4}\n\n{--Les parties conviennent de la stipulation numéro 4.--}\n"},
	} {
		if !strings.Contains(md, r[0]) {
			t.Fatalf("sample lacks %q", r[0])
		}
		md = strings.Replace(md, r[0], r[1], 1)
	}
	return []byte(md)
}

func TestSpacesAroundChanges(t *testing.T) {
	for _, tc := range []struct {
		name     string
		runs     []run
		new, old string
	}{
		{"replaced word", []run{{text: "a "}, {text: "four", change: deleted}, {text: " "}, {text: "two", change: inserted}, {text: " b"}}, "a two b", "a four b"},
		{"inserted at the end", []run{{text: "a "}, {text: "b", change: inserted}}, "a b", "a"},
		{"deleted at the start", []run{{text: "a", change: deleted}, {text: " b"}}, "b", "a b"},
		{"sentences inserted", []run{{text: "s1", change: inserted}, {text: " "}, {text: "s2", change: inserted}}, "s1 s2", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runs := tidySpaces(tc.runs)
			join := func(view change) string {
				var b strings.Builder
				for _, r := range runs {
					if r.change == unchanged || r.change == view {
						b.WriteString(r.text)
					}
				}
				return b.String()
			}
			if got := join(inserted); got != tc.new {
				t.Errorf("accepted: %q, want %q", got, tc.new)
			}
			if got := join(deleted); got != tc.old {
				t.Errorf("rejected: %q, want %q", got, tc.old)
			}
		})
	}
}

// zipEntries lists the dates of the entries of an archive.
func zipEntries(t *testing.T, data []byte) []time.Time {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out []time.Time
	for _, f := range zr.File {
		out = append(out, f.Modified.UTC())
	}
	return out
}
