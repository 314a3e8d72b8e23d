package office

import (
	"strconv"
	"sync"
)

// docxStyle is a style of styles.xml. Standard styles keep the names Word knows them by
// ("heading 1", "Body Text"), which Word and LibreOffice show in the language of their
// interface and use for navigation and tables of contents; the document's own styles are named
// in its language.
type docxStyle struct {
	kind, id, name string
	// own is set for a style of the document's own: its name is a key of words.
	own             bool
	basedOn, next   string
	pPr, rPr, tblPr string
}

func docxStyles() []docxStyle {
	return []docxStyle{
		{kind: "paragraph", id: "Normal", name: "Normal",
			pPr: `<w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>`},
		{kind: "paragraph", id: "BodyText", name: "Body Text", basedOn: "Normal",
			pPr: `<w:spacing w:after="140"/><w:jc w:val="both"/>`},
		{kind: "paragraph", id: "Title", name: "Title", basedOn: "Normal", next: "Subtitle",
			pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>`,
			rPr: `<w:b/><w:bCs/><w:sz w:val="34"/><w:szCs w:val="34"/>`},
		{kind: "paragraph", id: "Subtitle", name: "Subtitle", basedOn: "Normal", next: "BodyText",
			pPr: `<w:keepNext/><w:spacing w:after="360"/><w:jc w:val="center"/>`,
			rPr: `<w:i/><w:iCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`},
		{kind: "paragraph", id: "Heading1", name: "heading 1", basedOn: "Normal", next: "BodyText",
			pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="0"/>`,
			rPr: `<w:b/><w:bCs/><w:sz w:val="25"/><w:szCs w:val="25"/>`},
		{kind: "paragraph", id: "Heading2", name: "heading 2", basedOn: "Normal", next: "BodyText",
			pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="100"/><w:outlineLvl w:val="1"/>`,
			rPr: `<w:b/><w:bCs/><w:sz w:val="23"/><w:szCs w:val="23"/>`},
		{kind: "paragraph", id: "Heading3", name: "heading 3", basedOn: "Normal", next: "BodyText",
			pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/>`,
			rPr: `<w:b/><w:bCs/><w:i/><w:iCs/>`},
		{kind: "paragraph", id: "ListParagraph", name: "List Paragraph", basedOn: "Normal",
			pPr: `<w:spacing w:after="60"/><w:jc w:val="both"/>`},
		{kind: "paragraph", id: "Quote", name: "Quote", basedOn: "Normal", next: "BodyText",
			pPr: `<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="999999"/></w:pBdr><w:ind w:left="340"/>`,
			rPr: `<w:color w:val="333333"/>`},
		{kind: "paragraph", id: "Caption", name: "caption", basedOn: "Normal", next: "BodyText",
			pPr: `<w:keepNext/><w:spacing w:before="120" w:after="80"/>`,
			rPr: `<w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{kind: "paragraph", id: "TOCHeading", name: "TOC Heading", basedOn: "Normal", next: "TOC1",
			pPr: `<w:keepNext/><w:spacing w:before="240" w:after="120"/>`,
			rPr: `<w:b/><w:bCs/><w:sz w:val="24"/><w:szCs w:val="24"/>`},
		{kind: "paragraph", id: "TOC1", name: "toc 1", basedOn: "Normal", next: "BodyText",
			pPr: `<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="` + strconv.Itoa(textWidthTw) + `"/></w:tabs><w:spacing w:after="40"/>`,
			rPr: `<w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{kind: "paragraph", id: "Footer", name: "footer", basedOn: "Normal",
			pPr: `<w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="B4B4B4"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="` + strconv.Itoa(textWidthTw) + `"/></w:tabs><w:spacing w:after="0"/>`,
			rPr: `<w:color w:val="5A5A5A"/><w:sz w:val="16"/><w:szCs w:val="16"/>`},
		{kind: "paragraph", id: "TableText", name: "style.TableText", own: true, basedOn: "Normal",
			pPr: `<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>`,
			rPr: `<w:sz w:val="20"/><w:szCs w:val="20"/>`},
		{kind: "paragraph", id: "TableHeading", name: "style.TableHeading", own: true, basedOn: "TableText",
			pPr: `<w:keepNext/>`,
			rPr: `<w:b/><w:bCs/>`},
		{kind: "paragraph", id: "SignatureBlock", name: "style.SignatureBlock", own: true, basedOn: "Normal",
			pPr: `<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="0"/>`},
		{kind: "paragraph", id: "SignatureSpace", name: "style.SignatureSpace", own: true, basedOn: "Normal", next: "SignatureBlock",
			pPr: `<w:keepLines/><w:pBdr><w:top w:val="dashed" w:sz="4" w:space="1" w:color="969696"/><w:left w:val="dashed" w:sz="4" w:space="4" w:color="969696"/>` +
				`<w:bottom w:val="dashed" w:sz="4" w:space="1" w:color="969696"/><w:right w:val="dashed" w:sz="4" w:space="4" w:color="969696"/></w:pBdr>` +
				`<w:spacing w:before="80" w:after="240" w:line="1000" w:lineRule="exact"/><w:ind w:left="85" w:right="` + strconv.Itoa(textWidthTw-4535) + `"/>`},
		{kind: "paragraph", id: "Preformatted", name: "style.Preformatted", own: true, basedOn: "Normal",
			pPr: `<w:spacing w:after="0"/>`,
			rPr: `<w:rFonts w:ascii="Liberation Mono" w:hAnsi="Liberation Mono" w:cs="Liberation Mono"/><w:sz w:val="19"/><w:szCs w:val="19"/>`},
		{kind: "paragraph", id: "Separator", name: "style.Separator", own: true, basedOn: "Normal",
			pPr: `<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="969696"/></w:pBdr><w:spacing w:after="200"/><w:ind w:left="1700" w:right="1700"/>`},
		{kind: "paragraph", id: "ChartLegend", name: "style.ChartLegend", own: true, basedOn: "Normal",
			pPr: `<w:pBdr><w:left w:val="single" w:sz="24" w:space="4" w:color="B00020"/></w:pBdr><w:spacing w:before="60" w:after="200"/>`,
			rPr: `<w:i/><w:iCs/><w:sz w:val="17"/><w:szCs w:val="17"/>`},
		{kind: "character", id: "Hyperlink", name: "Hyperlink",
			rPr: `<w:color w:val="1A4D8F"/><w:u w:val="single"/>`},
		{kind: "table", id: "DocumentTable", name: "style.DocumentTable", own: true,
			tblPr: `<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:left w:val="single" w:sz="4" w:space="0" w:color="999999"/>` +
				`<w:bottom w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:right w:val="single" w:sz="4" w:space="0" w:color="999999"/>` +
				`<w:insideH w:val="single" w:sz="4" w:space="0" w:color="999999"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="999999"/></w:tblBorders>` +
				`<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="90" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar>`},
		{kind: "table", id: "ChartTable", name: "style.ChartTable", own: true,
			tblPr: `<w:tblCellSpacing w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="30" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>`},
	}
}

// docxStylesXML writes styles.xml for a document in lang ("fr" or "en").
func docxStylesXML(lang string) []byte {
	d := &document{lang: lang}
	var x xmlWriter
	x.s(xmlHeader, `<w:styles xmlns:w="`, nsW, `">`)
	x.s(`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>`)
	tag := d.languageTag()
	x.s(`<w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="`, tag, `" w:eastAsia="`, tag, `" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>`)
	x.s(`<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range docxStyles() {
		name := s.name
		if s.own {
			name = word(lang, s.name)
		}
		x.s(`<w:style w:type="`, s.kind, `"`)
		if s.id == "Normal" {
			x.s(` w:default="1"`)
		}
		if s.own {
			x.s(` w:customStyle="1"`)
		}
		x.s(` w:styleId="`, s.id, `"><w:name`)
		x.attr("w:val", name)
		x.s(`/>`)
		if s.basedOn != "" {
			x.s(`<w:basedOn w:val="`, s.basedOn, `"/>`)
		}
		if s.next != "" {
			x.s(`<w:next w:val="`, s.next, `"/>`)
		}
		x.s(`<w:qFormat/>`)
		if s.pPr != "" {
			x.s(`<w:pPr>`, s.pPr, `</w:pPr>`)
		}
		if s.rPr != "" {
			x.s(`<w:rPr>`, s.rPr, `</w:rPr>`)
		}
		if s.tblPr != "" {
			x.s(`<w:tblPr>`, s.tblPr, `</w:tblPr>`)
		}
		x.s(`</w:style>`)
	}
	x.s(`</w:styles>`)
	return x.Bytes()
}

// numbering writes the two kinds of list (a dash for bullets, "1." for numbers, nine levels
// each) and one instance per list of the document, so that every numbered list starts at its
// own first number.
func (w *docxWriter) numbering() []byte {
	var x xmlWriter
	kinds := docxListKinds()
	x.Grow(len(kinds) + 200*len(w.nums) + 20)
	x.WriteString(kinds)
	for i, n := range w.nums {
		abs := 0
		if n.ordered {
			abs = 1
		}
		x.s(`<w:num w:numId="`, strconv.Itoa(i+1), `"><w:abstractNumId w:val="`, strconv.Itoa(abs), `"/>`)
		if n.ordered {
			x.s(`<w:lvlOverride w:ilvl="`, strconv.Itoa(n.level), `"><w:startOverride w:val="`, strconv.Itoa(n.start), `"/></w:lvlOverride>`)
		}
		x.s(`</w:num>`)
	}
	x.s(`</w:numbering>`)
	return x.Bytes()
}

// docxListKinds is the start of numbering.xml, the same for every document: the two kinds of
// list.
var docxListKinds = sync.OnceValue(func() string {
	var x xmlWriter
	x.s(xmlHeader, `<w:numbering xmlns:w="`, nsW, `">`)
	for abs, ordered := range []bool{false, true} {
		x.s(`<w:abstractNum w:abstractNumId="`, strconv.Itoa(abs), `"><w:multiLevelType w:val="hybridMultilevel"/>`)
		for lvl := range 9 {
			x.s(`<w:lvl w:ilvl="`, strconv.Itoa(lvl), `"><w:start w:val="1"/>`)
			if ordered {
				x.s(`<w:numFmt w:val="decimal"/><w:lvlText w:val="%`, strconv.Itoa(lvl+1), `."/>`)
			} else {
				x.s(`<w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>`)
			}
			x.s(`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="`, strconv.Itoa((lvl+1)*listIndentTw), `" w:hanging="`, strconv.Itoa(listHangingTw), `"/></w:pPr></w:lvl>`)
		}
		x.s(`</w:abstractNum>`)
	}
	return x.String()
})
