package serve

import (
	"context"

	"github.com/commons-toolkit/commons/partnership/office"
	"github.com/commons-toolkit/commons/partnership/typeset"
)

// Format is a kind of file the editor offers to download: the document typeset from its
// rendered Markdown, as `commons render --format NAME` writes it.
type Format struct {
	// Name is the format's name on the command line and in the API: md, html, pdf.
	Name string `json:"name"`
	// Label is what the download button says.
	Label string `json:"label"`
	// Ext is the extension of the file, without the dot.
	Ext  string `json:"ext"`
	MIME string `json:"-"`
	// Typeset turns the rendered Markdown into the file, stopping with an error when ctx is done
	// (the request's: a download the browser gave up on).
	Typeset func(ctx context.Context, md []byte, opts typeset.PDFOptions) ([]byte, error) `json:"-"`
}

// Formats lists the downloads the editor offers, in the order of its buttons. A new output
// format of the toolkit is one more entry here; the page builds its buttons from this list.
var Formats = []Format{
	{Name: "md", Label: "Markdown", Ext: "md", MIME: "text/markdown; charset=utf-8",
		Typeset: func(_ context.Context, md []byte, _ typeset.PDFOptions) ([]byte, error) { return md, nil }},
	{Name: "html", Label: "HTML", Ext: "html", MIME: "text/html; charset=utf-8",
		Typeset: func(_ context.Context, md []byte, _ typeset.PDFOptions) ([]byte, error) { return typeset.HTML(md) }},
	{Name: "pdf", Label: "PDF", Ext: "pdf", MIME: "application/pdf",
		Typeset: func(ctx context.Context, md []byte, opts typeset.PDFOptions) ([]byte, error) {
			doc, err := typeset.PDFContext(ctx, md, opts)
			if err != nil {
				return nil, err
			}
			return doc.Data, nil
		}},
	{Name: "docx", Label: "Word (DOCX)", Ext: "docx", MIME: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		Typeset: func(_ context.Context, md []byte, opts typeset.PDFOptions) ([]byte, error) {
			return office.DOCX(md, office.Options{Date: opts.CreationDate, Creator: opts.Creator})
		}},
	{Name: "odt", Label: "OpenDocument (ODT)", Ext: "odt", MIME: "application/vnd.oasis.opendocument.text",
		Typeset: func(_ context.Context, md []byte, opts typeset.PDFOptions) ([]byte, error) {
			return office.ODT(md, office.Options{Date: opts.CreationDate, Creator: opts.Creator})
		}},
}

func formatNamed(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}
