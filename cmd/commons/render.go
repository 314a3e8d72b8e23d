package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
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
		Usage:     "write the document a definition describes, in Markdown, HTML, PDF, DOCX or ODT",
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
   commons render --format docx -o parc.docx examples/pacte-parc-des-glycines.yaml
   commons render --out-dir build/ examples/`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "md", Usage: formatsWith("md", "html", "pdf")},
			&cli.StringFlag{Name: "lang", Usage: "render the clauses in fr or en (default: the definition's language)"},
			&cli.StringFlag{Name: "templates", Usage: "directory of house clauses that replace clauses of the library"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file (- for standard output)"},
			&cli.StringFlag{Name: "out-dir", Usage: "write one document per definition into this directory"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file that commons did not write"},
			&cli.IntFlag{Name: "max-files", Value: 100_000, Usage: "the most definitions one batch renders"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print neither the progress bar nor the summary of a batch on stderr"},
			fontFlag, strictFlag,
			rootFlag(),
		},
		Action: runRender,
	}
}

func runRender(c *cli.Context) error {
	format := c.String("format")
	if err := oneOf("format", format, append([]string{"md", "html", "pdf"}, officeFormats...)...); err != nil {
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
	var skipped partnership.Diagnostics
	if limit := c.Int("max-files"); len(files) > limit {
		skipped = append(skipped, partnership.Diagnostic{Severity: partnership.Error, File: partnership.DisplayPath(files[limit]), Line: 1, Column: 1,
			Message: fmt.Sprintf("the batch holds %d definitions, more than the %d allowed (--max-files); this one and the %d after it are not rendered", len(files), limit, len(files)-limit-1)})
		files = files[:limit]
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
	pdfOpts, err := pdfFontOptions(c)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	targets := make([]string, len(files))
	seen := map[string]string{}
	for i, f := range files {
		targets[i] = output
		if outDir != "" {
			targets[i] = filepath.Join(outDir, strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))+"."+format)
			if other, dup := seen[targets[i]]; dup {
				return usagef("%s and %s would both be written to %s; render them into different directories", other, f, targets[i])
			}
			seen[targets[i]] = f
		}
	}
	if err := checkOutputs(targets, files); err != nil {
		return err
	}
	load, err := loadOptions(c)
	if err != nil {
		return err
	}
	job := renderJob{renderer: r, load: load, format: format, pdf: pdfOpts, strict: c.Bool("strict"), force: c.Bool("force"), stdout: c.App.Writer,
		progress: newProgress(c.App.ErrWriter, c.Bool("quiet"), len(files), "rendering")}
	start := time.Now()
	results := renderAll(c.Context, files, targets, job)
	job.progress.finish()
	// Diagnostics are printed in the order of the files, whatever order the workers finished in.
	invalid, failed, documents, pages := false, false, 0, 0
	for _, res := range results {
		for _, d := range res.diags {
			fmt.Fprintln(c.App.ErrWriter, d)
		}
		for _, r := range res.substituted {
			// A character of a house clause; those of the definition are reported at their place.
			fmt.Fprintf(c.App.ErrWriter, "%s: warning: the PDF font has no glyph for %s (%U) in the clause library; the PDF prints \"?\" instead\n", partnership.Printable(res.file), strconv.Quote(string(r)), r)
		}
		if res.err != nil {
			printError(c.App.ErrWriter, res.err)
			failed = true
		}
		invalid = invalid || res.diags.HasErrors()
		if res.written {
			documents++
			pages += res.pages
		}
	}
	if outDir != "" && !c.Bool("quiet") {
		fmt.Fprintf(c.App.ErrWriter, "%d of %d %s written to %s", documents, len(files), plural(len(files), "document", "documents"), partnership.Printable(outDir))
		if format == "pdf" {
			fmt.Fprintf(c.App.ErrWriter, ", %d pages", pages)
		}
		fmt.Fprintf(c.App.ErrWriter, ", in %s\n", time.Since(start).Round(time.Millisecond))
	}
	for _, d := range skipped {
		fmt.Fprintln(c.App.ErrWriter, d)
		invalid = true
	}
	switch {
	case failed:
		return &exitError{code: exitUsage}
	case invalid:
		return errInvalid
	}
	return nil
}

// renderJob is what every worker of a batch shares: all of it is safe for concurrent use.
type renderJob struct {
	renderer *render.Renderer
	load     validate.Options
	format   string
	pdf      typeset.PDFOptions
	strict   bool
	force    bool
	stdout   io.Writer
	// progress counts finished documents on a bar on stderr, when there is one.
	progress *progress
}

// renderResult is what a batch remembers of a document: no more than its diagnostics, so that
// memory does not grow with the number of documents.
type renderResult struct {
	file        string
	diags       partnership.Diagnostics
	err         error
	written     bool
	pages       int
	substituted []rune
}

// renderAll renders the files on as many workers as there are processors. Writing a document
// (to a temporary file, synced, then renamed) waits on the disk rather than the processor, so
// it is handed to a pool of writers and overlaps the typesetting of the next documents; the
// queue between them is short, so that memory stays flat however many documents there are.
func renderAll(ctx context.Context, files, targets []string, job renderJob) []renderResult {
	results := make([]renderResult, len(files))
	type ready struct {
		i    int
		data []byte
	}
	workers := min(runtime.GOMAXPROCS(0), len(files))
	writers := min(2*workers, len(files))
	work := make(chan int)
	written := make(chan ready, workers)
	var wg, wwg sync.WaitGroup
	for range writers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for t := range written {
				results[t.i] = job.write(ctx, results[t.i], targets[t.i], t.data)
				job.progress.done()
			}
		}()
	}
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				res, data := job.one(ctx, files[i])
				results[i] = res
				if res.err != nil || res.diags.HasErrors() {
					job.progress.done()
					continue
				}
				written <- ready{i, data}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			results[i] = renderResult{file: files[i], err: fmt.Errorf("%s: not rendered: %w", files[i], ctx.Err())}
			continue
		}
		work <- i
	}
	close(work)
	wg.Wait()
	close(written)
	wwg.Wait()
	return results
}

// write writes a typeset document to its target, unless the batch was interrupted.
func (job renderJob) write(ctx context.Context, res renderResult, target string, data []byte) renderResult {
	if err := ctx.Err(); err != nil {
		res.err = fmt.Errorf("%s: not written: %w", res.file, err)
		return res
	}
	if err := writeOutput(job.stdout, target, data, job.force); err != nil {
		res.err = err
		return res
	}
	res.written = true
	return res
}

// one validates, renders and typesets a definition.
func (job renderJob) one(ctx context.Context, file string) (renderResult, []byte) {
	res := renderResult{file: partnership.DisplayPath(file)}
	doc, diags, err := validate.FileWith(file, job.load)
	res.diags = diags
	if err != nil {
		res.err = err
		return res, nil
	}
	var reported []rune
	if job.format == "pdf" && doc != nil { // nil: a file that is not a definition at all
		var glyphs partnership.Diagnostics
		glyphs, reported = glyphDiagnostics(doc, job.pdf, job.strict)
		res.diags = append(res.diags, glyphs...).Sorted()
	}
	if res.diags.HasErrors() {
		return res, nil
	}
	out, err := job.renderer.RenderContext(ctx, doc)
	if err != nil {
		res.err = fmt.Errorf("render %s: %w", doc.File, err)
		return res, nil
	}
	// The defaults the clauses applied and the texts shown in another language are warnings.
	res.diags = append(res.diags, out.Diagnostics...).Sorted()
	data := out.Markdown
	switch job.format {
	case "html":
		data, err = typeset.HTML(out.Markdown)
	case "pdf":
		var pdf *typeset.PDFDocument
		if pdf, err = typeset.PDFContext(ctx, out.Markdown, job.pdf); err == nil {
			data, res.pages = pdf.Data, pdf.Pages
			res.substituted = notReported(pdf.Substituted, reported)
		}
	case "docx", "odt":
		data, err = officeDocument(job.format, out.Markdown, job.pdf, "")
	}
	if err != nil {
		res.err = fmt.Errorf("typeset %s: %w", doc.File, err)
		return res, nil
	}
	return res, data
}

// pdfOptions reads SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed date.
func pdfOptions() (typeset.PDFOptions, error) {
	opts := typeset.PDFOptions{Creator: "commons " + version}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return opts, fmt.Errorf("SOURCE_DATE_EPOCH must be a number of seconds; got %q", v)
		}
		// A PDF date has four digits for the year.
		if secs < 0 || secs > 253402300799 {
			return opts, fmt.Errorf("SOURCE_DATE_EPOCH must be a date from 1970 to the end of 9999 (0 to 253402300799 seconds); got %q", v)
		}
		opts.CreationDate = time.Unix(secs, 0).UTC()
	}
	return opts, nil
}
