package office

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configure the office writers.
type Options struct {
	// Date is the creation date recorded in the document's properties and the date of its
	// tracked changes. When zero, the front matter's date is used, and failing that the first
	// of January 2000: never the clock, so that the same input always gives the same bytes.
	Date time.Time
	// Creator names the program in the properties, for example "commons 0.1.0".
	Creator string
	// Author is the author of tracked changes; "commons" when empty.
	Author string
}

func (o Options) author() string {
	if o.Author == "" {
		return "commons"
	}
	return o.Author
}

// Page geometry of both formats: A4, the margins of the PDF, in twentieths of a point (twips).
const (
	pageWidthTw   = 11906
	pageHeightTw  = 16838
	marginLeftTw  = 1417 // 25 mm
	marginRightTw = 1247 // 22 mm
	marginTopTw   = 1361 // 24 mm
	marginBotTw   = 1361
	textWidthTw   = pageWidthTw - marginLeftTw - marginRightTw
)

// DOCX typesets rendered Markdown as a WordprocessingML document (Word 2007 and later,
// LibreOffice): the same text as the Markdown, in real styles (title, Heading 1 for articles,
// Heading 2 for annexes and sub-articles, body text, list paragraphs, table text, signature
// blocks), a bookmark named after the clause id of every heading that has one, cross-references
// as internal hyperlinks, real lists and tables, a table of contents field for long documents,
// a footer with the page number and count as fields and the provenance of the document, and its
// properties (title, subject, language, creator, the digest of the definition).
//
// The insertions and deletions of a redline ({++added++}, {--removed--}) become tracked changes
// attributed to opts.Author and dated opts.Date: accepting every change gives the new version,
// rejecting every change the old one.
func DOCX(md []byte, opts Options) ([]byte, error) {
	d, err := build(md, opts)
	if err != nil {
		return nil, fmt.Errorf("typeset DOCX: %w", err)
	}
	w := &docxWriter{doc: d, opts: opts, date: d.date.Format("2006-01-02T15:04:05Z")}
	body := w.document()
	a := newArchive(d)
	static := docxStatic()
	a.addPart("[Content_Types].xml", static.contentTypes)
	a.addPart("_rels/.rels", static.rels)
	a.add("docProps/core.xml", w.core())
	a.add("docProps/app.xml", w.app())
	a.add("docProps/custom.xml", w.custom())
	a.add("word/document.xml", body)
	a.add("word/_rels/document.xml.rels", w.documentRels())
	a.addPart("word/styles.xml", static.styles[d.lang])
	a.add("word/numbering.xml", w.numbering())
	a.addPart("word/settings.xml", static.settings[settingsKey{d.lang, d.revisions}])
	a.add("word/footer1.xml", w.footer())
	return a.bytes()
}

// docxParts are the parts that are the same for every document (of a language, with tracked
// changes or not), compressed once.
type docxParts struct {
	contentTypes, rels part
	styles             map[string]part
	settings           map[settingsKey]part
}

type settingsKey struct {
	lang      string
	revisions bool
}

var docxStatic = sync.OnceValue(func() docxParts {
	p := docxParts{
		contentTypes: compressPart(docxContentTypes()),
		rels: compressPart([]byte(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
			`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>` +
			`</Relationships>`)),
		styles:   map[string]part{},
		settings: map[settingsKey]part{},
	}
	for _, lang := range []string{"fr", "en"} {
		p.styles[lang] = compressPart(docxStylesXML(lang))
		for _, rev := range []bool{false, true} {
			p.settings[settingsKey{lang, rev}] = compressPart(docxSettingsXML(lang, rev))
		}
	}
	return p
})

// Namespaces of WordprocessingML.
const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

type docxWriter struct {
	doc  *document
	opts Options
	date string
	// ids numbers bookmarks and tracked changes: one sequence, so that no two annotations of
	// the document share an id.
	ids int
	// links are the external addresses, in order of first use; their relationship ids follow
	// those of the fixed parts.
	links  []string
	linkID map[string]string
	// nums are the list instances: each list restarts its numbering.
	nums []docxNum
}

type docxNum struct {
	ordered bool
	level   int
	start   int
}

// Relationship ids of the fixed parts of word/document.xml.
const (
	relStyles    = "rId1"
	relNumbering = "rId2"
	relSettings  = "rId3"
	relFooter    = "rId4"
	relFirstLink = 5
)

func (w *docxWriter) nextID() string {
	w.ids++
	return strconv.Itoa(w.ids)
}

func docxContentTypes() []byte {
	var x xmlWriter
	x.s(xmlHeader, `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`,
		`<Default Extension="xml" ContentType="application/xml"/>`)
	for _, o := range [][2]string{
		{"/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
		{"/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"},
		{"/word/numbering.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"},
		{"/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"},
		{"/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"},
		{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"},
		{"/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"},
	} {
		x.s(`<Override PartName="`, o[0], `" ContentType="`, o[1], `"/>`)
	}
	x.s(`</Types>`)
	return x.Bytes()
}

func (w *docxWriter) documentRels() []byte {
	var x xmlWriter
	x.s(xmlHeader, `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	const base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	x.s(`<Relationship Id="`, relStyles, `" Type="`, base, `styles" Target="styles.xml"/>`)
	x.s(`<Relationship Id="`, relNumbering, `" Type="`, base, `numbering" Target="numbering.xml"/>`)
	x.s(`<Relationship Id="`, relSettings, `" Type="`, base, `settings" Target="settings.xml"/>`)
	x.s(`<Relationship Id="`, relFooter, `" Type="`, base, `footer" Target="footer1.xml"/>`)
	for i, l := range w.links {
		x.s(`<Relationship Id="rId`, strconv.Itoa(relFirstLink+i), `" Type="`, base, `hyperlink"`)
		x.attr("Target", l)
		x.s(` TargetMode="External"/>`)
	}
	x.s(`</Relationships>`)
	return x.Bytes()
}

// keywords are the words a search for the document would use: its kind, its definition, the
// program.
func (d *document) keywords() string {
	var k []string
	for _, v := range []string{d.fm["kind"], d.fm["definition"], "commons"} {
		if v != "" {
			k = append(k, v)
		}
	}
	return strings.Join(k, " ")
}

// subject is the kind of document, in the document's language ("convention", "appel à
// communs").
func (d *document) subject() string {
	if v := d.fm["kind_label"]; v != "" {
		return v
	}
	return d.fm["kind"]
}

func (w *docxWriter) core() []byte {
	d := w.doc
	var x xmlWriter
	x.s(xmlHeader, `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	x.s(`<dc:title>`)
	x.text(d.title)
	x.s(`</dc:title><dc:subject>`)
	x.text(d.subject())
	x.s(`</dc:subject><dc:creator>`)
	x.text(w.opts.Creator)
	x.s(`</dc:creator><cp:keywords>`)
	x.text(d.keywords())
	x.s(`</cp:keywords>`)
	if s := d.fm["summary"]; s != "" {
		x.s(`<dc:description>`)
		x.text(s)
		x.s(`</dc:description>`)
	}
	x.s(`<cp:lastModifiedBy>`)
	x.text(w.opts.Creator)
	x.s(`</cp:lastModifiedBy><dc:language>`, d.languageTag(), `</dc:language>`)
	x.s(`<dcterms:created xsi:type="dcterms:W3CDTF">`, w.date, `</dcterms:created>`)
	x.s(`<dcterms:modified xsi:type="dcterms:W3CDTF">`, w.date, `</dcterms:modified>`)
	x.s(`</cp:coreProperties>`)
	return x.Bytes()
}

func (w *docxWriter) app() []byte {
	var x xmlWriter
	x.s(xmlHeader, `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>`)
	x.text(w.opts.Creator)
	x.s(`</Application></Properties>`)
	return x.Bytes()
}

// customProperties are the provenance values a document records beyond the standard
// properties: the definition, its SHA-256 and the version of the clause library; for a
// redline, the same of the earlier version.
var customProperties = []string{"definition", "definition_sha256", "templates", "old_definition", "old_definition_sha256", "old_templates"}

func (w *docxWriter) custom() []byte {
	var x xmlWriter
	x.s(xmlHeader, `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	pid := 2 // 0 and 1 are reserved
	for _, k := range customProperties {
		v := w.doc.fm[k]
		if v == "" {
			continue
		}
		x.s(`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="`, strconv.Itoa(pid), `" name="`, k, `"><vt:lpwstr>`)
		x.text(v)
		x.s(`</vt:lpwstr></property>`)
		pid++
	}
	x.s(`</Properties>`)
	return x.Bytes()
}

// docxSettingsXML writes settings.xml for a document in lang, with tracked changes or not.
func docxSettingsXML(lang string, revisions bool) []byte {
	d := &document{lang: lang}
	var x xmlWriter
	x.s(xmlHeader, `<w:settings xmlns:w="`, nsW, `"><w:zoom w:percent="100"/>`)
	if revisions {
		// Changes made to a redline are tracked too: it is a document to negotiate.
		x.s(`<w:trackRevisions/>`)
	}
	x.s(`<w:defaultTabStop w:val="709"/><w:autoHyphenation/><w:characterSpacingControl w:val="doNotCompress"/>`)
	x.s(`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>`)
	x.s(`<w:themeFontLang w:val="`, d.languageTag(), `"/>`)
	if lang == "fr" {
		x.s(`<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>`)
	} else {
		x.s(`<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>`)
	}
	x.s(`</w:settings>`)
	return x.Bytes()
}

// footer writes the provenance of the document and "page N sur M", the numbers as fields.
func (w *docxWriter) footer() []byte {
	d := w.doc
	var x xmlWriter
	x.s(xmlHeader, `<w:ftr xmlns:w="`, nsW, `" xmlns:r="`, nsR, `">`)
	x.s(`<w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`)
	x.s(`<w:r><w:t xml:space="preserve">`)
	x.text(d.provenance())
	x.s(`</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">`)
	x.text(word(d.lang, "page") + " ")
	x.s(`</w:t></w:r>`)
	x.s(`<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>`)
	x.s(`<w:r><w:t xml:space="preserve">`)
	x.text(" " + word(d.lang, "of") + " ")
	x.s(`</w:t></w:r>`)
	x.s(`<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>`)
	x.s(`</w:p></w:ftr>`)
	return x.Bytes()
}

// settleEnd records the change of the last paragraphs of the document, when a redline
// inserted or deleted them whole, on the paragraph marks before them. Word keeps the mark that
// ends a document whatever is accepted or rejected, so that marking it would leave an empty
// paragraph behind; marking the one before instead joins that paragraph to the last one, which
// keeps the properties of the last, and is done when these are the same as that paragraph's
// (an item added to or removed from the end of a list).
func (d *document) settleEnd() {
	if !d.revisions {
		return
	}
	units := flatten(d.blocks, nil, nil)
	n := len(units)
	if n == 0 || units[n-1].p == nil || units[n-1].change == unchanged {
		return
	}
	last := units[n-1]
	i := n - 1
	for i > 0 && units[i-1].p != nil && units[i-1].change == last.change && units[i-1].list == last.list {
		i--
	}
	if i == 0 {
		return
	}
	prev := units[i-1]
	if prev.p == nil || prev.change != unchanged || prev.list != last.list || prev.numbered != last.numbered || !sameLook(prev.p, last.p) {
		return
	}
	prev.p.mark, last.p.mark = last.change, unchanged
}

// sameLook reports whether two paragraphs have the same paragraph properties.
func sameLook(a, b *para) bool {
	return a.style == b.style && a.align == b.align && a.indent == b.indent && a.keepNext == b.keepNext &&
		a.keepLines == b.keepLines && a.pageBreak == b.pageBreak && a.id == "" && b.id == ""
}

func (w *docxWriter) document() []byte {
	w.doc.settleEnd()
	var x xmlWriter
	x.Grow(w.doc.size * 5 / 2) // WordprocessingML takes about twice as many bytes as the Markdown
	x.s(xmlHeader, `<w:document xmlns:w="`, nsW, `" xmlns:r="`, nsR, `"><w:body>`)
	for _, b := range w.doc.blocks {
		w.block(&x, b, 0)
	}
	x.s(`<w:sectPr><w:footerReference w:type="default" r:id="`, relFooter, `"/>`)
	x.s(`<w:pgSz w:w="`, strconv.Itoa(pageWidthTw), `" w:h="`, strconv.Itoa(pageHeightTw), `"/>`)
	x.s(`<w:pgMar w:top="`, strconv.Itoa(marginTopTw), `" w:right="`, strconv.Itoa(marginRightTw), `" w:bottom="`, strconv.Itoa(marginBotTw),
		`" w:left="`, strconv.Itoa(marginLeftTw), `" w:header="709" w:footer="567" w:gutter="0"/>`)
	x.s(`</w:sectPr></w:body></w:document>`)
	return x.Bytes()
}

// docxStyleIDs are the style ids of the paragraph styles, in styles.xml.
var docxStyleIDs = map[style]string{
	styleBody:           "BodyText",
	styleTitle:          "Title",
	styleSubtitle:       "Subtitle",
	styleHeading1:       "Heading1",
	styleHeading2:       "Heading2",
	styleHeading3:       "Heading3",
	styleList:           "ListParagraph",
	styleTableText:      "TableText",
	styleTableHeading:   "TableHeading",
	styleSignature:      "SignatureBlock",
	styleSignatureSpace: "SignatureSpace",
	styleQuote:          "Quote",
	stylePreformatted:   "Preformatted",
	styleCaption:        "Caption",
	styleTOCHeading:     "TOCHeading",
	styleTOC1:           "TOC1",
	styleFooter:         "Footer",
	styleRule:           "Separator",
	styleChartLegend:    "ChartLegend",
}

// listIndent is the indent of a list paragraph per level, and the hanging indent of its marker.
const (
	listIndentTw  = 567
	listHangingTw = 340
)

func (w *docxWriter) block(x *xmlWriter, b block, level int) {
	switch b := b.(type) {
	case *para:
		w.para(x, b, paraOpts{})
	case *list:
		w.list(x, b, level)
	case *table:
		w.table(x, b)
	case *chart:
		w.chart(x, b)
	case *toc:
		w.toc(x, b)
	case *quote:
		for _, c := range b.blocks {
			w.block(x, c, level)
		}
	}
}

// paraOpts are what a paragraph's context adds to it: its list number, its indent inside a list
// item, the alignment of its table column.
type paraOpts struct {
	numID, ilvl int
	indent      int
	align       align
}

func (w *docxWriter) para(x *xmlWriter, p *para, o paraOpts) {
	x.s(`<w:p><w:pPr><w:pStyle w:val="`, docxStyleIDs[p.style], `"/>`)
	if p.keepNext {
		x.s(`<w:keepNext/>`)
	}
	if p.keepLines {
		x.s(`<w:keepLines/>`)
	}
	if p.pageBreak {
		x.s(`<w:pageBreakBefore/>`)
	}
	if o.numID > 0 {
		x.s(`<w:numPr><w:ilvl w:val="`, strconv.Itoa(o.ilvl), `"/><w:numId w:val="`, strconv.Itoa(o.numID), `"/></w:numPr>`)
	}
	if indent := max(o.indent, p.indent); indent > 0 {
		x.s(`<w:ind w:left="`, strconv.Itoa(indent), `"/>`)
	}
	al := p.align
	if al == alignDefault {
		al = o.align
	}
	switch al {
	case alignCenter:
		x.s(`<w:jc w:val="center"/>`)
	case alignRight:
		x.s(`<w:jc w:val="right"/>`)
	case alignLeft:
		x.s(`<w:jc w:val="left"/>`)
	}
	if p.mark != unchanged {
		x.s(`<w:rPr>`)
		w.changeMark(x, p.mark)
		x.s(`</w:rPr>`)
	}
	x.s(`</w:pPr>`)
	var bm string
	if p.id != "" {
		bm = w.nextID()
		x.s(`<w:bookmarkStart w:id="`, bm, `"`)
		x.attr("w:name", p.id)
		x.s(`/>`)
	}
	w.runs(x, p.runs)
	if bm != "" {
		x.s(`<w:bookmarkEnd w:id="`, bm, `"/>`)
	}
	x.s(`</w:p>`)
}

// changeMark writes the empty w:ins or w:del that marks a paragraph mark or a table row as
// inserted or deleted.
func (w *docxWriter) changeMark(x *xmlWriter, c change) {
	tag := "w:ins"
	if c == deleted {
		tag = "w:del"
	}
	x.s(`<`, tag, ` w:id="`, w.nextID(), `"`)
	x.attr("w:author", w.opts.author())
	x.s(` w:date="`, w.date, `"/>`)
}

// runs writes inline content: runs grouped into hyperlinks by their link, and inside a link into
// tracked insertions and deletions by their change, which is how WordprocessingML nests them.
func (w *docxWriter) runs(x *xmlWriter, runs []run) {
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].link == runs[i].link {
			j++
		}
		link := runs[i].link
		switch {
		case strings.HasPrefix(link, "#"):
			x.s(`<w:hyperlink`)
			x.attr("w:anchor", link[1:])
			x.s(` w:history="1">`)
		case link != "":
			x.s(`<w:hyperlink r:id="`, w.linkRel(link), `" w:history="1">`)
		}
		w.changes(x, runs[i:j], link != "")
		if link != "" {
			x.s(`</w:hyperlink>`)
		}
		i = j
	}
}

func (w *docxWriter) linkRel(url string) string {
	if w.linkID == nil {
		w.linkID = map[string]string{}
	}
	if id, ok := w.linkID[url]; ok {
		return id
	}
	id := "rId" + strconv.Itoa(relFirstLink+len(w.links))
	w.links = append(w.links, url)
	w.linkID[url] = id
	return id
}

func (w *docxWriter) changes(x *xmlWriter, runs []run, linked bool) {
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].change == runs[i].change {
			j++
		}
		ch := runs[i].change
		switch ch {
		case inserted:
			x.s(`<w:ins w:id="`, w.nextID(), `"`)
			x.attr("w:author", w.opts.author())
			x.s(` w:date="`, w.date, `">`)
		case deleted:
			x.s(`<w:del w:id="`, w.nextID(), `"`)
			x.attr("w:author", w.opts.author())
			x.s(` w:date="`, w.date, `">`)
		}
		for _, r := range runs[i:j] {
			w.run(x, r, linked)
		}
		switch ch {
		case inserted:
			x.s(`</w:ins>`)
		case deleted:
			x.s(`</w:del>`)
		}
		i = j
	}
}

func (w *docxWriter) run(x *xmlWriter, r run, linked bool) {
	x.s(`<w:r>`)
	if linked || r.style != 0 {
		x.s(`<w:rPr>`)
		if linked {
			x.s(`<w:rStyle w:val="Hyperlink"/>`)
		}
		if r.style&bold != 0 {
			x.s(`<w:b/>`)
		}
		if r.style&italic != 0 {
			x.s(`<w:i/>`)
		}
		if r.style&strike != 0 {
			x.s(`<w:strike/>`)
		}
		x.s(`</w:rPr>`)
	}
	switch {
	case r.brk:
		x.s(`<w:br/>`)
	case r.change == deleted:
		x.s(`<w:delText xml:space="preserve">`)
		x.text(r.text)
		x.s(`</w:delText>`)
	default:
		x.s(`<w:t xml:space="preserve">`)
		x.text(r.text)
		x.s(`</w:t>`)
	}
	x.s(`</w:r>`)
}

func (w *docxWriter) list(x *xmlWriter, l *list, level int) {
	w.nums = append(w.nums, docxNum{ordered: l.ordered, level: level, start: l.start})
	numID := len(w.nums)
	for _, item := range l.items {
		numbered := false
		for _, b := range item {
			p, ok := b.(*para)
			switch {
			case ok && !numbered:
				w.para(x, p, paraOpts{numID: numID, ilvl: level})
				numbered = true
			case ok:
				w.para(x, p, paraOpts{indent: (level + 1) * listIndentTw})
			default:
				w.block(x, b, level+1)
			}
		}
	}
}

func (w *docxWriter) table(x *xmlWriter, t *table) {
	cols := columnTwips(t.widths, textWidthTw)
	x.s(`<w:tbl><w:tblPr><w:tblStyle w:val="DocumentTable"/><w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>`)
	x.s(`<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		x.s(`<w:gridCol w:w="`, strconv.Itoa(c), `"/>`)
	}
	x.s(`</w:tblGrid>`)
	for i, row := range t.rows {
		x.s(`<w:tr><w:trPr><w:cantSplit/>`)
		if i == 0 {
			x.s(`<w:tblHeader/>`)
		}
		if t.marks[i] != unchanged {
			w.changeMark(x, t.marks[i])
		}
		x.s(`</w:trPr>`)
		for j, cell := range row {
			x.s(`<w:tc><w:tcPr><w:tcW w:w="`, strconv.Itoa(cols[min(j, len(cols)-1)]), `" w:type="dxa"/>`)
			if i == 0 {
				x.s(`<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/>`)
			}
			x.s(`</w:tcPr>`)
			p := &para{style: styleTableText, runs: cell}
			if i == 0 {
				p.style = styleTableHeading
				p.keepNext = true
			}
			al := alignDefault
			if j < len(t.aligns) {
				al = t.aligns[j]
			}
			w.para(x, p, paraOpts{align: al})
			x.s(`</w:tc>`)
		}
		x.s(`</w:tr>`)
	}
	x.s(`</w:tbl>`)
	w.tableEnd(x, t.whole())
}

// tableEnd writes the paragraph after a table, which keeps the next table apart from it as Word
// requires; it goes with a table inserted or deleted whole.
func (w *docxWriter) tableEnd(x *xmlWriter, c change) {
	w.para(x, &para{style: styleTableText, mark: c}, paraOpts{})
}

// chart draws a bar chart as a table: the label of each bar, the bar as a row of shaded cells
// with the threshold as a red rule, and the value, then the legend of the threshold. A chart a
// redline inserted or deleted is so whole: its caption, every row and its legend.
func (w *docxWriter) chart(x *xmlWriter, c *chart) {
	w.para(x, c.caption, paraOpts{})
	const labelTw, valueTw = chartLabelTw, chartValueTw
	seg := (textWidthTw - labelTw - valueTw) / chartSegments
	x.s(`<w:tbl><w:tblPr><w:tblStyle w:val="ChartTable"/><w:tblW w:w="`, strconv.Itoa(labelTw+valueTw+seg*chartSegments), `" w:type="dxa"/><w:tblLayout w:type="fixed"/>`)
	x.s(`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	x.s(`<w:gridCol w:w="`, strconv.Itoa(labelTw), `"/>`)
	for range chartSegments {
		x.s(`<w:gridCol w:w="`, strconv.Itoa(seg), `"/>`)
	}
	x.s(`<w:gridCol w:w="`, strconv.Itoa(valueTw), `"/></w:tblGrid>`)
	for i, bar := range c.Bars {
		filled, threshold := chartCells(bar, c.Max)
		x.s(`<w:tr><w:trPr><w:cantSplit/>`)
		if c.change != unchanged {
			w.changeMark(x, c.change)
		}
		x.s(`</w:trPr>`)
		keep := i < len(c.Bars)-1 || c.legend != nil
		w.chartCell(x, labelTw, "", "", &para{style: styleTableText, runs: []run{{text: bar.Label, change: c.change}}, keepNext: keep})
		for k := range chartSegments {
			fill := "EEEEEE"
			if k < filled {
				fill = "1A4D8F"
			}
			border := ""
			if k == threshold-1 {
				border = `<w:tcBorders><w:right w:val="single" w:sz="24" w:space="0" w:color="B00020"/></w:tcBorders>`
			}
			w.chartCell(x, seg, fill, border, &para{style: styleTableText, keepNext: keep})
		}
		w.chartCell(x, valueTw, "", "", &para{style: styleTableText, runs: []run{{text: bar.ValueText(), change: c.change}}, align: alignRight, keepNext: keep})
		x.s(`</w:tr>`)
	}
	x.s(`</w:tbl>`)
	if c.legend != nil {
		w.para(x, c.legend, paraOpts{})
	} else {
		w.tableEnd(x, c.change)
	}
}

func (w *docxWriter) chartCell(x *xmlWriter, width int, fill, borders string, p *para) {
	x.s(`<w:tc><w:tcPr><w:tcW w:w="`, strconv.Itoa(width), `" w:type="dxa"/>`, borders)
	if fill != "" {
		x.s(`<w:shd w:val="clear" w:color="auto" w:fill="`, fill, `"/>`)
	}
	x.s(`<w:vAlign w:val="center"/></w:tcPr>`)
	w.para(x, p, paraOpts{})
	x.s(`</w:tc>`)
}

// toc writes the table of contents as a TOC field over the article headings (Heading 1), marked
// dirty so that Word updates it, with the headings as hyperlinks as its result until then: the
// page numbers are the editor's to compute, for its own layout (Word: F9; LibreOffice: Tools,
// Update, Update All).
func (w *docxWriter) toc(x *xmlWriter, t *toc) {
	w.para(x, &para{style: styleTOCHeading, runs: []run{{text: t.title}}, keepNext: true}, paraOpts{})
	for i, e := range t.entries {
		x.s(`<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>`)
		if i == 0 {
			x.s(`<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>`)
			x.s(`<w:r><w:instrText xml:space="preserve"> TOC \o "1-1" \h \z \u </w:instrText></w:r>`)
			x.s(`<w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
		}
		x.s(`<w:hyperlink`)
		x.attr("w:anchor", e.id)
		x.s(` w:history="1"><w:r><w:t xml:space="preserve">`)
		x.text(e.text)
		x.s(`</w:t></w:r>`)
		x.s(`</w:hyperlink>`)
		if i == len(t.entries)-1 {
			x.s(`<w:r><w:fldChar w:fldCharType="end"/></w:r>`)
		}
		x.s(`</w:p>`)
	}
}
