package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/urfave/cli/v2"
)

func renderCommand() *cli.Command {
	return &cli.Command{
		Name:      "render",
		Usage:     "write the document a definition describes, in Markdown, HTML or PDF",
		ArgsUsage: "FILE-or-DIR...",
		Description: `Validates each definition, then writes its document through the clause library.
Invalid definitions are not rendered: their diagnostics are printed and the exit status is 1.

With one definition and no -o, the document goes to standard output. With --out-dir, each
document is written there, named after its definition (parc.yaml gives parc.md).

The PDF records a creation date taken from SOURCE_DATE_EPOCH when it is set, else from the
definition's date, so that the same definition always gives the same bytes.

Example:
   commons render examples/pacte-parc-des-glycines.yaml
   commons render --format html --lang en -o parc.html examples/pacte-parc-des-glycines.yaml
   commons render --format pdf -o parc.pdf examples/pacte-parc-des-glycines.yaml
   commons render --out-dir build/ examples/`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "md", Usage: "md, html or pdf"},
			&cli.StringFlag{Name: "lang", Usage: "render the clauses in fr or en (default: the definition's language)"},
			&cli.StringFlag{Name: "templates", Usage: "directory of house clauses that replace clauses of the library"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file (- for standard output)"},
			&cli.StringFlag{Name: "out-dir", Usage: "write one document per definition into this directory"},
		},
		Action: runRender,
	}
}

func runRender(c *cli.Context) error {
	format := c.String("format")
	if err := oneOf("format", format, "md", "html", "pdf"); err != nil {
		return err
	}
	if l := c.String("lang"); l != "" {
		if err := oneOf("lang", l, "fr", "en"); err != nil {
			return err
		}
	}
	if c.NArg() == 0 {
		return usagef("render needs at least one definition; for example: commons render examples/pacte-parc-des-glycines.yaml")
	}
	output, outDir := c.String("output"), c.String("out-dir")
	if output != "" && outDir != "" {
		return usagef("give either -o or --out-dir, not both")
	}
	files, err := partnership.ExpandPaths(c.Args().Slice())
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	if len(files) > 1 && outDir == "" {
		return usagef("%d definitions to render: use --out-dir to write one document each", len(files))
	}
	var opts []render.Option
	if dir := c.String("templates"); dir != "" {
		opts = append(opts, render.WithHouseClauses(dir))
	}
	opts = append(opts, render.WithLang(c.String("lang")))
	r, err := render.New(opts...)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	pdfOpts, err := pdfOptions()
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	invalid := false
	for _, f := range files {
		doc, diags, err := validate.File(f, partnership.DefaultLimits)
		if err != nil {
			return &exitError{code: exitUsage, err: err}
		}
		for _, d := range diags {
			fmt.Fprintln(c.App.ErrWriter, d)
		}
		if diags.HasErrors() {
			invalid = true
			continue
		}
		out, err := r.Render(doc)
		if err != nil {
			return &exitError{code: exitInvalid, err: fmt.Errorf("render %s: %w", doc.File, err)}
		}
		data := out.Markdown
		switch format {
		case "html":
			data, err = typeset.HTML(out.Markdown)
		case "pdf":
			var pdf *typeset.PDFDocument
			if pdf, err = typeset.PDF(out.Markdown, pdfOpts); err == nil {
				data = pdf.Data
				for _, r := range pdf.Substituted {
					fmt.Fprintf(c.App.ErrWriter, "%s: warning: the font has no glyph for %U %q; printed as \"?\"\n", doc.File, r, r)
				}
			}
		}
		if err != nil {
			return &exitError{code: exitInvalid, err: fmt.Errorf("typeset %s: %w", doc.File, err)}
		}
		target := output
		if outDir != "" {
			target = filepath.Join(outDir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+"."+format)
		}
		if err := writeOutput(c.App.Writer, target, data); err != nil {
			return &exitError{code: exitUsage, err: err}
		}
	}
	if invalid {
		return errInvalid
	}
	return nil
}

// pdfOptions reads SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed date.
func pdfOptions() (typeset.PDFOptions, error) {
	opts := typeset.PDFOptions{Creator: "commons " + version}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return opts, fmt.Errorf("SOURCE_DATE_EPOCH must be a number of seconds; got %q", v)
		}
		opts.CreationDate = time.Unix(secs, 0).UTC()
	}
	return opts, nil
}

// writeOutput writes data to stdout ("" or "-") or to a file, creating its directory.
func writeOutput(stdout io.Writer, target string, data []byte) error {
	if target == "" || target == "-" {
		_, err := stdout.Write(data)
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	return os.WriteFile(target, data, 0o644)
}
