package office

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// ODT typesets rendered Markdown as an OpenDocument Text document (ODF 1.3, LibreOffice and
// every ODF editor), with the same text, styles, bookmarks, links, lists, tables, table of
// contents, footer and properties as the DOCX. The insertions and deletions of a redline become
// tracked changes (text:tracked-changes), attributed to opts.Author and dated opts.Date.
func ODT(md []byte, opts Options) ([]byte, error) {
	d, err := build(md, opts)
	if err != nil {
		return nil, fmt.Errorf("typeset ODT: %w", err)
	}
	w := &odtWriter{doc: d, opts: opts, date: d.date.Format("2006-01-02T15:04:05"), autoNames: map[string]string{},
		gone: map[block]bool{}, whole: map[block]bool{}, head: map[block]*odtMarks{}, foot: map[block]*odtMarks{}}
	content := w.content()
	a := newArchive(d)
	a.stored("mimetype", []byte(odtMimeType))
	a.addPart("META-INF/manifest.xml", odtManifest())
	a.add("meta.xml", w.meta())
	a.add("styles.xml", w.styles())
	a.add("content.xml", content)
	return a.bytes()
}

const odtMimeType = "application/vnd.oasis.opendocument.text"

// odtManifest is the manifest of every document, compressed once.
var odtManifest = sync.OnceValue(func() part {
	return compressPart([]byte(xmlHeader + `<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">` +
		`<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="` + odtMimeType + `"/>` +
		`<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>` +
		`<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>` +
		`<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>` +
		`</manifest:manifest>`))
})

// odtNamespaces are the namespaces every part declares.
const odtNamespaces = ` xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"` +
	` xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"` +
	` xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"` +
	` xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"` +
	` xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"` +
	` xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"` +
	` xmlns:xlink="http://www.w3.org/1999/xlink"` +
	` xmlns:dc="http://purl.org/dc/elements/1.1/"` +
	` xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"` +
	` office:version="1.3"`

type odtWriter struct {
	doc  *document
	opts Options
	date string
	// auto are the automatic styles of content.xml, in order of first use, by their XML.
	auto      []string
	autoNames map[string]string
	// regions are the tracked changes: the changes of whole paragraphs and tables first (see
	// plan), then the changes inside paragraphs, in order of their marks in the text.
	regions []string
	tables  int
	// gone are the units a redline deleted whole: they are written in their deletion, not in
	// the text. whole are the units a redline inserted whole: their text carries no mark of its
	// own. head and foot are the change marks at the start and at the end of a paragraph; those
	// of a table stand before it. tail are the marks at the end of the text.
	gone, whole map[block]bool
	head, foot  map[block]*odtMarks
	tail        string
	// plain is set while writing text that is inside a change of its own.
	plain bool
}

// odtMarks are the change marks a unit carries, written in this order: the ends of insertions,
// the positions of deletions, the starts of insertions.
type odtMarks struct{ closing, deleted, opening string }

func (m *odtMarks) String() string {
	if m == nil {
		return ""
	}
	return m.closing + m.deleted + m.opening
}

func marksOf(m map[block]*odtMarks, b block) *odtMarks {
	if m[b] == nil {
		m[b] = &odtMarks{}
	}
	return m[b]
}

func (w *odtWriter) meta() []byte {
	d := w.doc
	var x xmlWriter
	x.s(xmlHeader, `<office:document-meta`, odtNamespaces, `><office:meta><meta:generator>`)
	x.text(w.opts.Creator)
	x.s(`</meta:generator><dc:title>`)
	x.text(d.title)
	x.s(`</dc:title><dc:subject>`)
	x.text(d.subject())
	x.s(`</dc:subject>`)
	if s := d.fm["summary"]; s != "" {
		x.s(`<dc:description>`)
		x.text(s)
		x.s(`</dc:description>`)
	}
	x.s(`<meta:keyword>`)
	x.text(d.keywords())
	x.s(`</meta:keyword><meta:initial-creator>`)
	x.text(w.opts.Creator)
	x.s(`</meta:initial-creator><dc:creator>`)
	x.text(w.opts.Creator)
	x.s(`</dc:creator><meta:creation-date>`, w.date, `</meta:creation-date><dc:date>`, w.date, `</dc:date>`)
	x.s(`<dc:language>`, d.languageTag(), `</dc:language>`)
	for _, k := range customProperties {
		if v := d.fm[k]; v != "" {
			x.s(`<meta:user-defined meta:name="`, k, `">`)
			x.text(v)
			x.s(`</meta:user-defined>`)
		}
	}
	x.s(`</office:meta></office:document-meta>`)
	return x.Bytes()
}

// odtStyleNames are the names of the paragraph styles in styles.xml.
var odtStyleNames = map[style]string{
	styleBody:           "Text_20_body",
	styleTitle:          "Title",
	styleSubtitle:       "Subtitle",
	styleHeading1:       "Heading_20_1",
	styleHeading2:       "Heading_20_2",
	styleHeading3:       "Heading_20_3",
	styleList:           "List",
	styleTableText:      "Table_20_Contents",
	styleTableHeading:   "Table_20_Heading",
	styleSignature:      "Signature_20_Block",
	styleSignatureSpace: "Signature_20_Space",
	styleQuote:          "Quotations",
	stylePreformatted:   "Preformatted_20_Text",
	styleCaption:        "Caption",
	styleTOCHeading:     "Contents_20_Heading",
	styleTOC1:           "Contents_20_1",
	styleFooter:         "Footer",
	styleRule:           "Separator",
	styleChartLegend:    "Chart_20_Legend",
}

// autoStyle returns the name of an automatic style with the given family and body, adding it
// on first use.
func (w *odtWriter) autoStyle(family, prefix, attrs, body string) string {
	key := family + "\x00" + attrs + "\x00" + body
	if name, ok := w.autoNames[key]; ok {
		return name
	}
	name := prefix + strconv.Itoa(len(w.auto)+1)
	w.autoNames[key] = name
	w.auto = append(w.auto, `<style:style style:name="`+name+`" style:family="`+family+`"`+attrs+`>`+body+`</style:style>`)
	return name
}

// paraStyle is the style of a paragraph: its named style, or an automatic style on top of it
// for what the paragraph adds (a page break, keeping with the next, an alignment).
func (w *odtWriter) paraStyle(p *para, al align) string {
	name := odtStyleNames[p.style]
	var props []string
	if p.pageBreak {
		props = append(props, `fo:break-before="page"`)
	}
	if p.keepNext && !styleKeepsNext(p.style) {
		props = append(props, `fo:keep-with-next="always"`)
	}
	if p.indent > 0 {
		props = append(props, `fo:margin-left="`+twipsToCm(p.indent)+`"`)
	}
	if p.align != alignDefault {
		al = p.align
	}
	switch al {
	case alignCenter:
		props = append(props, `fo:text-align="center"`)
	case alignRight:
		props = append(props, `fo:text-align="end"`)
	case alignLeft:
		props = append(props, `fo:text-align="start"`)
	}
	if len(props) == 0 {
		return name
	}
	return w.autoStyle("paragraph", "P", ` style:parent-style-name="`+name+`"`, `<style:paragraph-properties `+strings.Join(props, " ")+`/>`)
}

// styleKeepsNext tells the styles that keep with the next paragraph by themselves.
func styleKeepsNext(s style) bool {
	switch s {
	case styleTitle, styleSubtitle, styleHeading1, styleHeading2, styleHeading3, styleSignature, styleCaption, styleTOCHeading, styleTableHeading:
		return true
	}
	return false
}

func (w *odtWriter) content() []byte {
	w.plan()
	var body xmlWriter
	body.Grow(w.doc.size * 5 / 2) // OpenDocument takes about twice as many bytes as the Markdown
	for _, b := range w.doc.blocks {
		w.block(&body, b, 0)
	}
	body.s(w.tail)
	var x xmlWriter
	x.Grow(body.Len() + 8192)
	x.s(xmlHeader, `<office:document-content`, odtNamespaces, `>`)
	x.s(`<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="&apos;Times New Roman&apos;" style:font-family-generic="roman" style:font-pitch="variable"/>`,
		`<style:font-face style:name="Liberation Mono" svg:font-family="&apos;Liberation Mono&apos;" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls>`)
	x.s(`<office:automatic-styles>`)
	for _, s := range w.auto {
		x.s(s)
	}
	x.s(`</office:automatic-styles><office:body><office:text>`)
	if len(w.regions) > 0 {
		x.s(`<text:tracked-changes text:track-changes="true">`)
		for _, r := range w.regions {
			x.s(r)
		}
		x.s(`</text:tracked-changes>`)
	}
	x.Write(body.Bytes())
	x.s(`</office:text></office:body></office:document-content>`)
	return x.Bytes()
}

func (w *odtWriter) block(x *xmlWriter, b block, level int) {
	switch b := b.(type) {
	case *para:
		w.para(x, b, alignDefault)
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

// paraTag is the element of a paragraph and its attributes: a heading has an outline level.
func (w *odtWriter) paraTag(p *para, al align) (tag, attrs string) {
	tag, attrs = "text:p", ` text:style-name="`+w.paraStyle(p, al)+`"`
	switch p.style {
	case styleHeading1:
		return "text:h", attrs + ` text:outline-level="1"`
	case styleHeading2:
		return "text:h", attrs + ` text:outline-level="2"`
	case styleHeading3:
		return "text:h", attrs + ` text:outline-level="3"`
	}
	return tag, attrs
}

// para writes a paragraph with the change marks it carries, unless a redline deleted it whole.
func (w *odtWriter) para(x *xmlWriter, p *para, al align) {
	if w.gone[p] {
		x.s(w.head[p].String()) // only a deletion that could stand nowhere else
		return
	}
	tag, attrs := w.paraTag(p, al)
	x.s(`<`, tag, attrs, `>`, w.head[p].String())
	if p.id != "" {
		x.s(`<text:bookmark-start`)
		x.attr("text:name", p.id)
		x.s(`/>`)
	}
	plain := w.plain
	w.plain = plain || w.whole[p]
	w.runs(x, p.runs)
	w.plain = plain
	if p.id != "" {
		x.s(`<text:bookmark-end`)
		x.attr("text:name", p.id)
		x.s(`/>`)
	}
	x.s(w.foot[p].String(), `</`, tag, `>`)
}

// changeInfo is who made a tracked change, and when.
func (w *odtWriter) changeInfo() string {
	return `<office:change-info><dc:creator>` + xmlText(w.opts.author()) + `</dc:creator><dc:date>` + w.date + `</dc:date></office:change-info>`
}

// region records a tracked change and returns its id.
func (w *odtWriter) region(body string) string {
	id := "ct" + strconv.Itoa(len(w.regions)+1)
	w.regions = append(w.regions, `<text:changed-region xml:id="`+id+`" text:id="`+id+`">`+body+`</text:changed-region>`)
	return id
}

// runs writes inline content. Inserted text is enclosed between the start and the end of an
// insertion; deleted text leaves the text for the deletion it belongs to, with a mark where it
// stood. Inside a change of its own (plain), text carries no mark.
func (w *odtWriter) runs(x *xmlWriter, runs []run) {
	if w.plain {
		w.linked(x, runs)
		return
	}
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].change == runs[i].change {
			j++
		}
		switch runs[i].change {
		case inserted:
			id := w.region(`<text:insertion>` + w.changeInfo() + `</text:insertion>`)
			x.s(`<text:change-start text:change-id="`, id, `"/>`)
			w.linked(x, runs[i:j])
			x.s(`<text:change-end text:change-id="`, id, `"/>`)
		case deleted:
			var del xmlWriter
			del.s(`<text:deletion>`, w.changeInfo(), `<text:p>`)
			w.linked(&del, runs[i:j])
			del.s(`</text:p></text:deletion>`)
			id := w.region(del.String())
			x.s(`<text:change text:change-id="`, id, `"/>`)
		default:
			w.linked(x, runs[i:j])
		}
		i = j
	}
}

// linked writes runs grouped into links.
func (w *odtWriter) linked(x *xmlWriter, runs []run) {
	for i := 0; i < len(runs); {
		j := i + 1
		for j < len(runs) && runs[j].link == runs[i].link {
			j++
		}
		if l := runs[i].link; l != "" {
			x.s(`<text:a xlink:type="simple"`)
			x.attr("xlink:href", l)
			x.s(` text:style-name="Internet_20_link" text:visited-style-name="Internet_20_link">`)
		}
		for _, r := range runs[i:j] {
			w.run(x, r)
		}
		if runs[i].link != "" {
			x.s(`</text:a>`)
		}
		i = j
	}
}

// odtRunStyles are the text styles of bold, italic and struck-through runs.
var odtRunStyles = map[runStyle]string{
	bold:                   `fo:font-weight="bold"`,
	italic:                 `fo:font-style="italic"`,
	strike:                 `style:text-line-through-style="solid"`,
	bold | italic:          `fo:font-weight="bold" fo:font-style="italic"`,
	bold | strike:          `fo:font-weight="bold" style:text-line-through-style="solid"`,
	italic | strike:        `fo:font-style="italic" style:text-line-through-style="solid"`,
	bold | italic | strike: `fo:font-weight="bold" fo:font-style="italic" style:text-line-through-style="solid"`,
}

func (w *odtWriter) run(x *xmlWriter, r run) {
	if r.brk {
		x.s(`<text:line-break/>`)
		return
	}
	if r.style != 0 {
		name := w.autoStyle("text", "T", "", `<style:text-properties `+odtRunStyles[r.style]+`/>`)
		x.s(`<text:span text:style-name="`, name, `">`)
	}
	odtSpaces(x, r.text)
	if r.style != 0 {
		x.s(`</text:span>`)
	}
}

// odtSpaces writes text in which ODF keeps every space: a space at the start, or after another
// space, is a text:s, a tab a text:tab.
func odtSpaces(x *xmlWriter, s string) {
	if !strings.Contains(s, " ") && !strings.Contains(s, "\t") {
		x.text(s)
		return
	}
	start := 0
	prevSpace := true
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\t':
			x.text(s[start:i])
			x.s(`<text:tab/>`)
			start = i + 1
			prevSpace = false
		case s[i] == ' ' && prevSpace:
			x.text(s[start:i])
			x.s(`<text:s/>`)
			start = i + 1
		default:
			prevSpace = s[i] == ' '
		}
	}
	x.text(s[start:])
}

func (w *odtWriter) list(x *xmlWriter, l *list, level int) {
	leave, ok := w.enter(x, l)
	if !ok {
		return
	}
	defer leave()
	name := "Dash_20_List"
	if l.ordered {
		name = "Numbered_20_List"
	}
	x.s(`<text:list`)
	if level == 0 {
		x.s(` text:style-name="`, name, `"`)
	}
	x.s(`>`)
	for i, item := range l.items {
		x.s(`<text:list-item`)
		if i == 0 && l.ordered && l.start != 1 {
			x.s(` text:start-value="`, strconv.Itoa(l.start), `"`)
		}
		x.s(`>`)
		for _, b := range item {
			if p, ok := b.(*para); ok {
				w.para(x, p, alignDefault)
				continue
			}
			w.block(x, b, level+1)
		}
		x.s(`</text:list-item>`)
	}
	x.s(`</text:list>`)
}

func (w *odtWriter) table(x *xmlWriter, t *table) {
	leave, ok := w.enter(x, t)
	if !ok {
		return
	}
	defer leave()
	w.tables++
	name := "Table" + strconv.Itoa(w.tables)
	tbl := w.autoStyle("table", "Tbl", "", `<style:table-properties style:width="`+twipsToCm(textWidthTw)+`" table:align="margins" fo:margin-bottom="0.3cm"/>`)
	x.s(`<table:table table:name="`, name, `" table:style-name="`, tbl, `">`)
	for _, c := range columnTwips(t.widths, textWidthTw) {
		col := w.autoStyle("table-column", "Col", "", `<style:table-column-properties style:column-width="`+twipsToCm(c)+`"/>`)
		x.s(`<table:table-column table:style-name="`, col, `"/>`)
	}
	head := w.autoStyle("table-cell", "Cell", "", `<style:table-cell-properties fo:background-color="#eeeeee" fo:padding="0.07cm" fo:border="0.5pt solid #999999"/>`)
	cell := w.autoStyle("table-cell", "Cell", "", `<style:table-cell-properties fo:padding="0.07cm" fo:border="0.5pt solid #999999"/>`)
	row := w.autoStyle("table-row", "Row", "", `<style:table-row-properties fo:keep-together="always"/>`)
	for i, r := range t.rows {
		if i == 0 {
			x.s(`<table:table-header-rows>`)
		}
		x.s(`<table:table-row table:style-name="`, row, `">`)
		for j, c := range r {
			st := cell
			p := &para{style: styleTableText, runs: c}
			if i == 0 {
				st, p.style = head, styleTableHeading
			}
			x.s(`<table:table-cell table:style-name="`, st, `" office:value-type="string">`)
			al := alignDefault
			if j < len(t.aligns) {
				al = t.aligns[j]
			}
			w.para(x, p, al)
			x.s(`</table:table-cell>`)
		}
		x.s(`</table:table-row>`)
		if i == 0 {
			x.s(`</table:table-header-rows>`)
		}
	}
	x.s(`</table:table>`)
}

// twipsToCm writes a length in twips as centimetres.
func twipsToCm(tw int) string {
	return strconv.FormatFloat(float64(tw)*2.54/1440, 'f', 3, 64) + "cm"
}

// enter writes the change marks that stand before a table, a chart or a list, and reports
// whether to write it: one a redline deleted whole is written in its deletion. One inserted
// whole is written without marks in its text, until leave is called.
func (w *odtWriter) enter(x *xmlWriter, b block) (leave func(), ok bool) {
	x.s(w.head[b].String())
	if w.gone[b] {
		return nil, false
	}
	saved := w.plain
	w.plain = saved || w.whole[b]
	return func() { w.plain = saved }, true
}

// chart draws a bar chart as a table under its caption, as the DOCX does.
func (w *odtWriter) chart(x *xmlWriter, c *chart) {
	w.para(x, c.caption, alignDefault)
	w.chartTable(x, c)
	if c.legend != nil {
		w.para(x, c.legend, alignDefault)
	}
}

func (w *odtWriter) chartTable(x *xmlWriter, c *chart) {
	leave, ok := w.enter(x, c)
	if !ok {
		return
	}
	defer leave()
	const labelTw, valueTw = chartLabelTw, chartValueTw
	seg := (textWidthTw - labelTw - valueTw) / chartSegments
	w.tables++
	tbl := w.autoStyle("table", "Tbl", "", `<style:table-properties style:width="`+twipsToCm(labelTw+valueTw+seg*chartSegments)+`" table:align="left" fo:margin-bottom="0.1cm"/>`)
	x.s(`<table:table table:name="Table`, strconv.Itoa(w.tables), `" table:style-name="`, tbl, `">`)
	label := w.autoStyle("table-column", "Col", "", `<style:table-column-properties style:column-width="`+twipsToCm(labelTw)+`"/>`)
	step := w.autoStyle("table-column", "Col", "", `<style:table-column-properties style:column-width="`+twipsToCm(seg)+`"/>`)
	value := w.autoStyle("table-column", "Col", "", `<style:table-column-properties style:column-width="`+twipsToCm(valueTw)+`"/>`)
	x.s(`<table:table-column table:style-name="`, label, `"/><table:table-column table:style-name="`, step, `" table:number-columns-repeated="`, strconv.Itoa(chartSegments), `"/><table:table-column table:style-name="`, value, `"/>`)
	plain := w.autoStyle("table-cell", "Cell", "", `<style:table-cell-properties style:vertical-align="middle" fo:padding="0.05cm" fo:border="none"/>`)
	for _, bar := range c.Bars {
		filled, threshold := chartCells(bar, c.Max)
		x.s(`<table:table-row>`)
		x.s(`<table:table-cell table:style-name="`, plain, `" office:value-type="string">`)
		w.para(x, &para{style: styleTableText, runs: []run{{text: bar.Label}}}, alignDefault)
		x.s(`</table:table-cell>`)
		for k := range chartSegments {
			fill := "#eeeeee"
			if k < filled {
				fill = "#1a4d8f"
			}
			border := `fo:border="none"`
			if k == threshold-1 {
				border = `fo:border-left="none" fo:border-top="none" fo:border-bottom="none" fo:border-right="1.5pt solid #b00020"`
			}
			st := w.autoStyle("table-cell", "Cell", "", `<style:table-cell-properties fo:background-color="`+fill+`" fo:padding="0cm" `+border+`/>`)
			x.s(`<table:table-cell table:style-name="`, st, `" office:value-type="string"><text:p text:style-name="Table_20_Contents"/></table:table-cell>`)
		}
		x.s(`<table:table-cell table:style-name="`, plain, `" office:value-type="string">`)
		w.para(x, &para{style: styleTableText, runs: []run{{text: bar.ValueText()}}}, alignRight)
		x.s(`</table:table-cell></table:table-row>`)
	}
	x.s(`</table:table>`)
}

// toc writes the table of contents over the article headings (outline level 1), with the
// headings as hyperlinks as its content until the editor updates it with page numbers.
func (w *odtWriter) toc(x *xmlWriter, t *toc) {
	x.s(`<text:table-of-content text:style-name="`, w.autoStyle("section", "Sect", "", `<style:section-properties style:editable="false"/>`), `" text:protected="true"`)
	x.attr("text:name", t.title)
	x.s(`><text:table-of-content-source text:outline-level="1" text:use-index-marks="false"><text:index-title-template text:style-name="Contents_20_Heading">`)
	x.text(t.title)
	x.s(`</text:index-title-template><text:table-of-content-entry-template text:outline-level="1" text:style-name="Contents_20_1">`,
		`<text:index-entry-link-start text:style-name="Internet_20_link"/><text:index-entry-text/><text:index-entry-tab-stop style:type="right" style:leader-char="."/>`,
		`<text:index-entry-page-number/><text:index-entry-link-end/></text:table-of-content-entry-template></text:table-of-content-source><text:index-body>`)
	x.s(`<text:index-title`)
	x.attr("text:name", t.title+"_Head")
	x.s(`><text:p text:style-name="Contents_20_Heading">`)
	x.text(t.title)
	x.s(`</text:p></text:index-title>`)
	for _, e := range t.entries {
		x.s(`<text:p text:style-name="Contents_20_1"><text:a xlink:type="simple"`)
		x.attr("xlink:href", "#"+e.id)
		x.s(` text:style-name="Internet_20_link" text:visited-style-name="Internet_20_link">`)
		x.text(e.text)
		x.s(`</text:a></text:p>`)
	}
	x.s(`</text:index-body></text:table-of-content>`)
}
