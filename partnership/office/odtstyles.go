package office

import "strconv"

// odtStyle is a paragraph style of styles.xml. Names with a display name of their own are the
// document's styles, named in its language; the others are LibreOffice's standard styles, shown
// in the language of its interface.
type odtStyle struct {
	name, display, parent, next, class string
	// own is set for a style of the document's own: display is a key of words.
	own        bool
	outline    int
	para, text string
}

func odtStyles() []odtStyle {
	return []odtStyle{
		{name: "Standard", class: "text", para: `fo:margin-top="0cm" fo:margin-bottom="0.21cm" fo:line-height="110%" fo:orphans="2" fo:widows="2"`},
		{name: "Text_20_body", display: "Text body", parent: "Standard", class: "text", para: `fo:margin-bottom="0.25cm" fo:text-align="justify"`},
		{name: "Title", parent: "Standard", next: "Subtitle", class: "chapter",
			para: `fo:margin-top="0.42cm" fo:margin-bottom="0.42cm" fo:text-align="center" fo:keep-with-next="always" fo:line-height="100%"`,
			text: `fo:font-size="17pt" fo:font-weight="bold" style:font-size-complex="17pt" style:font-weight-complex="bold"`},
		{name: "Subtitle", parent: "Standard", next: "Text_20_body", class: "chapter",
			para: `fo:margin-bottom="0.64cm" fo:text-align="center" fo:keep-with-next="always"`,
			text: `fo:font-size="12pt" fo:font-style="italic" style:font-style-complex="italic"`},
		{name: "Heading", parent: "Standard", next: "Text_20_body", class: "text",
			para: `fo:keep-with-next="always" fo:keep-together="always"`,
			text: `fo:font-weight="bold" style:font-weight-complex="bold"`},
		{name: "Heading_20_1", display: "Heading 1", parent: "Heading", next: "Text_20_body", class: "text", outline: 1,
			para: `fo:margin-top="0.56cm" fo:margin-bottom="0.21cm"`, text: `fo:font-size="12.5pt" style:font-size-complex="12.5pt"`},
		{name: "Heading_20_2", display: "Heading 2", parent: "Heading", next: "Text_20_body", class: "text", outline: 2,
			para: `fo:margin-top="0.42cm" fo:margin-bottom="0.18cm"`, text: `fo:font-size="11.5pt" style:font-size-complex="11.5pt"`},
		{name: "Heading_20_3", display: "Heading 3", parent: "Heading", next: "Text_20_body", class: "text", outline: 3,
			para: `fo:margin-top="0.35cm" fo:margin-bottom="0.14cm"`, text: `fo:font-size="11pt" fo:font-style="italic" style:font-style-complex="italic"`},
		{name: "List", parent: "Standard", class: "list", para: `fo:margin-bottom="0.1cm" fo:text-align="justify"`},
		{name: "Quotations", parent: "Standard", class: "html",
			para: `fo:margin-left="0.6cm" fo:padding-left="0.3cm" fo:border-left="1pt solid #999999" fo:border-right="none" fo:border-top="none" fo:border-bottom="none"`,
			text: `fo:color="#333333"`},
		{name: "Caption", parent: "Standard", class: "extra", para: `fo:margin-top="0.21cm" fo:margin-bottom="0.14cm" fo:keep-with-next="always"`,
			text: `fo:font-size="10pt" fo:font-weight="bold" style:font-weight-complex="bold"`},
		{name: "Contents_20_Heading", display: "Contents Heading", parent: "Standard", class: "index",
			para: `fo:margin-top="0.42cm" fo:margin-bottom="0.21cm" fo:keep-with-next="always"`,
			text: `fo:font-size="12pt" fo:font-weight="bold" style:font-weight-complex="bold"`},
		{name: "Contents_20_1", display: "Contents 1", parent: "Standard", class: "index", para: `fo:margin-bottom="0.07cm"`,
			text: `fo:font-size="10pt"`},
		{name: "Footer", parent: "Standard", class: "extra",
			para: `fo:margin-bottom="0cm" fo:padding-top="0.1cm" fo:border-top="0.5pt solid #b4b4b4" fo:border-bottom="none" fo:border-left="none" fo:border-right="none"`,
			text: `fo:font-size="8pt" fo:color="#5a5a5a"`},
		{name: "Table_20_Contents", display: "Table Contents", parent: "Standard", class: "extra",
			para: `fo:margin-top="0.03cm" fo:margin-bottom="0.03cm" fo:line-height="100%"`, text: `fo:font-size="10pt" style:font-size-complex="10pt"`},
		{name: "Table_20_Heading", display: "Table Heading", parent: "Table_20_Contents", class: "extra",
			para: `fo:keep-with-next="always"`, text: `fo:font-weight="bold" style:font-weight-complex="bold"`},
		{name: "Preformatted_20_Text", display: "Preformatted Text", parent: "Standard", class: "html",
			para: `fo:margin-bottom="0cm"`, text: `style:font-name="Liberation Mono" fo:font-size="9.5pt"`},
		{name: "Signature_20_Block", display: "style.SignatureBlock", own: true, parent: "Standard", class: "text",
			para: `fo:margin-top="0.21cm" fo:margin-bottom="0cm" fo:keep-with-next="always" fo:keep-together="always"`},
		{name: "Signature_20_Space", display: "style.SignatureSpace", own: true, parent: "Standard", next: "Signature_20_Block", class: "text",
			para: `fo:margin-top="0.14cm" fo:margin-bottom="0.42cm" fo:margin-left="0.15cm" fo:margin-right="` + twipsToCm(textWidthTw-4535) + `" fo:line-height="1.76cm" fo:padding="0.1cm" fo:border="0.5pt dashed #969696" fo:keep-together="always"`},
		{name: "Separator", display: "style.Separator", own: true, parent: "Standard", class: "text",
			para: `fo:margin-left="3cm" fo:margin-right="3cm" fo:margin-bottom="0.35cm" fo:padding-bottom="0.05cm" fo:border-bottom="0.5pt solid #969696" fo:border-top="none" fo:border-left="none" fo:border-right="none"`},
		{name: "Chart_20_Legend", display: "style.ChartLegend", own: true, parent: "Standard", class: "extra",
			para: `fo:margin-top="0.1cm" fo:margin-bottom="0.35cm" fo:padding-left="0.15cm" fo:border-left="1.5pt solid #b00020" fo:border-right="none" fo:border-top="none" fo:border-bottom="none"`,
			text: `fo:font-size="8.5pt" fo:font-style="italic"`},
	}
}

func (w *odtWriter) styles() []byte {
	d := w.doc
	lang, country := "fr", "FR"
	if d.lang == "en" {
		lang, country = "en", "GB"
	}
	var x xmlWriter
	x.s(xmlHeader, `<office:document-styles`, odtNamespaces, `>`)
	x.s(`<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="&apos;Times New Roman&apos;" style:font-family-generic="roman" style:font-pitch="variable"/>`,
		`<style:font-face style:name="Liberation Mono" svg:font-family="&apos;Liberation Mono&apos;" style:font-family-generic="modern" style:font-pitch="fixed"/></office:font-face-decls>`)
	x.s(`<office:styles>`)
	x.s(`<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/>`,
		`<style:text-properties style:font-name="Times New Roman" fo:font-size="11pt" fo:language="`, lang, `" fo:country="`, country, `" fo:hyphenate="true" fo:hyphenation-remain-char-count="3" fo:hyphenation-push-char-count="3"/></style:default-style>`)
	for _, s := range odtStyles() {
		x.s(`<style:style style:name="`, s.name, `"`)
		display := s.display
		if s.own {
			display = word(d.lang, s.display)
		}
		if display != "" {
			x.attr("style:display-name", display)
		}
		x.s(` style:family="paragraph"`)
		if s.parent != "" {
			x.s(` style:parent-style-name="`, s.parent, `"`)
		}
		if s.next != "" {
			x.s(` style:next-style-name="`, s.next, `"`)
		}
		if s.outline > 0 {
			x.s(` style:default-outline-level="`, strconv.Itoa(s.outline), `"`)
		}
		x.s(` style:class="`, s.class, `">`)
		if s.para != "" {
			x.s(`<style:paragraph-properties `, s.para, `/>`)
		}
		if s.text != "" {
			x.s(`<style:text-properties `, s.text, `/>`)
		}
		x.s(`</style:style>`)
	}
	x.s(`<style:style style:name="Internet_20_link" style:display-name="Internet link" style:family="text"><style:text-properties fo:color="#1a4d8f" style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"/></style:style>`)
	for _, l := range []struct {
		name, display string
		ordered       bool
	}{{"Dash_20_List", "Dash List", false}, {"Numbered_20_List", "Numbered List", true}} {
		x.s(`<text:list-style style:name="`, l.name, `" style:display-name="`, l.display, `">`)
		for lvl := 1; lvl <= 10; lvl++ {
			indent := twipsToCm(lvl * listIndentTw)
			props := `<style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="` +
				indent + `" fo:text-indent="-` + twipsToCm(listHangingTw) + `" fo:margin-left="` + indent + `"/></style:list-level-properties>`
			if l.ordered {
				x.s(`<text:list-level-style-number text:level="`, strconv.Itoa(lvl), `" style:num-suffix="." style:num-format="1">`, props, `</text:list-level-style-number>`)
			} else {
				x.s(`<text:list-level-style-bullet text:level="`, strconv.Itoa(lvl), `" text:bullet-char="–">`, props, `</text:list-level-style-bullet>`)
			}
		}
		x.s(`</text:list-style>`)
	}
	x.s(`</office:styles>`)
	x.s(`<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"`,
		` fo:margin-top="`, twipsToCm(marginTopTw), `" fo:margin-bottom="1cm" fo:margin-left="`, twipsToCm(marginLeftTw), `" fo:margin-right="`, twipsToCm(marginRightTw), `"/>`,
		`<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>`)
	x.s(`<style:style style:name="MP1" style:family="paragraph" style:parent-style-name="Footer"><style:paragraph-properties><style:tab-stops><style:tab-stop style:position="`,
		twipsToCm(textWidthTw), `" style:type="right"/></style:tab-stops></style:paragraph-properties></style:style>`)
	x.s(`</office:automatic-styles>`)
	x.s(`<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p text:style-name="MP1">`)
	x.text(d.provenance())
	x.s(`<text:tab/>`)
	x.text(word(d.lang, "page"))
	x.s(` <text:page-number text:select-page="current">1</text:page-number> `)
	x.text(word(d.lang, "of"))
	x.s(` <text:page-count>1</text:page-count></text:p></style:footer></style:master-page></office:master-styles>`)
	x.s(`</office:document-styles>`)
	return x.Bytes()
}
