package main

import (
	"slices"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/urfave/cli/v2"
)

// fontFlag is --font, shared by render and assess.
func fontFlag() cli.Flag {
	return &cli.StringFlag{Name: "font", Usage: "TrueType font (.ttf) for the characters the embedded font lacks, in PDF", TakesFile: true}
}

// strictFlag is --strict, shared by render and assess.
func strictFlag() cli.Flag {
	return &cli.BoolFlag{Name: "strict", Usage: "with --format pdf, refuse a definition holding characters the PDF cannot print"}
}

// glyphDiagnostics reports the values of a definition holding characters the PDF prints as "?":
// warnings, or errors in strict mode; and the characters reported.
func glyphDiagnostics(doc *partnership.Document, opts typeset.PDFOptions, strict bool) (partnership.Diagnostics, []rune) {
	severity := partnership.Warning
	if strict {
		severity = partnership.Error
	}
	return render.MissingGlyphs(doc, func(r rune) bool { return typeset.Covers(r, opts.Fallback) }, severity)
}

// notReported keeps the characters the PDF substituted that no diagnostic names: those of the
// clause library, which have no place in the definition.
func notReported(runes, reported []rune) []rune {
	var out []rune
	for _, r := range runes {
		if !slices.Contains(reported, r) {
			out = append(out, r)
		}
	}
	return out
}

// pdfFontOptions is pdfOptions with the fallback font of --font.
func pdfFontOptions(c *cli.Context) (typeset.PDFOptions, error) {
	opts, err := pdfOptions()
	if err != nil {
		return opts, err
	}
	if path := c.String("font"); path != "" {
		font, err := typeset.LoadFont(path)
		if err != nil {
			return opts, err
		}
		opts.Fallback = font
	}
	return opts, nil
}
