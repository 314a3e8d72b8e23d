package main

import (
	"bytes"
	"strings"

	"github.com/commons-toolkit/commons/partnership/office"
	"github.com/commons-toolkit/commons/partnership/redline"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/urfave/cli/v2"
)

// officeFormats are the formats of word processors: WordprocessingML for Word and LibreOffice,
// OpenDocument Text for LibreOffice and every ODF editor.
var officeFormats = []string{"docx", "odt"}

func isOffice(format string) bool { return format == "docx" || format == "odt" }

// officeDocument typesets rendered Markdown (a redline's, for tracked changes) as DOCX or ODT,
// dated as the PDF is: SOURCE_DATE_EPOCH, else the definition's date.
func officeDocument(format string, md []byte, pdf typeset.PDFOptions, author string) ([]byte, error) {
	opts := office.Options{Date: pdf.CreationDate, Creator: pdf.Creator, Author: author}
	if format == "odt" {
		return office.ODT(md, opts)
	}
	return office.DOCX(md, opts)
}

// officeWritten recognises a DOCX or ODT file that commons wrote: a zip archive whose properties
// name commons as the program that created it.
func officeWritten(head []byte) bool {
	if !bytes.HasPrefix(head, []byte("PK\x03\x04")) {
		return false
	}
	return strings.HasPrefix(office.Generator(head), "commons ")
}

// formatsWith lists formats for a flag's usage: "md, html, pdf, docx or odt".
func formatsWith(formats ...string) string {
	all := append(formats, officeFormats...)
	out := ""
	for i, f := range all {
		switch {
		case i == 0:
		case i == len(all)-1:
			out += " or "
		default:
			out += ", "
		}
		out += f
	}
	return out
}

// authorFlag names the author of the tracked changes of a DOCX or ODT redline.
func authorFlag() cli.Flag {
	return &cli.StringFlag{Name: "author", Value: "commons", Usage: "author of the tracked changes of a docx or odt redline"}
}

// trackedChanges writes a redline as the new version with tracked changes, dated as the PDF
// is, attributed to author.
func trackedChanges(format string, rl *redline.Redline, author string) ([]byte, error) {
	opts, err := pdfOptions()
	if err != nil {
		return nil, err
	}
	if author == "" {
		return nil, messageError("author-empty")
	}
	return officeDocument(format, rl.TrackedMarkdown(), opts, author)
}
