package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
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
			formatFlag("md", "html", "pdf", "docx", "odt"),
			langFlag("language of the document and of messages: fr or en (default: the definition's)"),
			fileFlag("templates", "directory of house clauses that replace clauses of the library"),
			fileFlag("output", "write to this file (- for standard output); its extension gives the format", "o"),
			fileFlag("out-dir", "write one document per definition into this directory, in the folders of the definitions"),
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file that commons did not write"},
			&cli.IntFlag{Name: "max-files", Value: 100_000, Usage: "the most definitions one batch renders"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print neither the progress bar nor the summary of a batch on stderr"},
			fontFlag(), strictFlag(),
			rootFlag(),
		},
		Action: runRender,
	}
}

func runRender(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageError(c, "render-needs-definition")
	}
	output, outDir := c.String("output"), c.String("out-dir")
	if output != "" && outDir != "" {
		return usageError(c, "output-or-out-dir")
	}
	files, err := partnership.ExpandPaths(c.Args().Slice())
	if err != nil {
		return ioFailure(err)
	}
	if err := checkOutputs(c, []string{output}, files); err != nil {
		return err
	}
	format, err := outputFormat(c, output, outputName(c.Args().First()))
	if err != nil {
		return err
	}
	warmFonts(format)
	lang := messageLang(c, "")
	var skipped partnership.Diagnostics
	if limit := c.Int("max-files"); len(files) > limit {
		skipped = append(skipped, partnership.At(partnership.DisplayPath(files[limit]), partnership.Pos{Line: 1, Column: 1}, "").
			Say("too-many-files", len(files), limit, len(files)-limit-1))
		files = files[:limit]
	}
	if len(files) > 1 && outDir == "" {
		return usageError(c, "several-need-out-dir", len(files))
	}
	ahead := len(files) == 1 && runtime.GOMAXPROCS(0) > 1
	validateLate := ahead && format == "pdf"
	if !validateLate {
		go validate.Prepare() // in the background, while the rest is set up
	}
	var opts []render.Option
	if dir := c.String("templates"); dir != "" {
		opts = append(opts, render.WithHouseClauses(dir))
	}
	opts = append(opts, render.WithLang(c.String("lang")))
	r, err := render.New(opts...)
	if err != nil {
		return ioFailure(err)
	}
	pdfOpts, err := pdfFontOptions(c)
	if err != nil {
		return ioFailure(err)
	}
	targets := make([]string, len(files))
	for i := range files {
		targets[i] = output
	}
	if outDir != "" {
		targets = partnership.OutputPaths(files, c.Args().Slice(), outDir, format)
		seen := map[string]string{}
		for i, f := range files {
			if other, dup := seen[targets[i]]; dup {
				return usageError(c, "same-output", partnership.Printable(other), partnership.Printable(f), partnership.Printable(targets[i]))
			}
			seen[targets[i]] = f
		}
	}
	if err := checkOutputs(c, targets, files); err != nil {
		return err
	}
	load, err := loadOptions(c)
	if err != nil {
		return err
	}
	counts := outputsOf(c.Context)
	counts.total.Store(int64(len(files)))
	job := renderJob{renderer: r, load: load, format: format, pdf: pdfOpts, strict: c.Bool("strict"), force: c.Bool("force"), stdout: c.App.Writer,
		progress: newProgress(c.App.ErrWriter, c.Bool("quiet"), len(files), partnership.M("progress-rendering").In(lang)), written: counts,
		ahead: ahead, validateLate: validateLate}
	start := time.Now()
	results := renderAll(c.Context, files, targets, job)
	job.progress.finish()
	// Diagnostics are printed in the order of the files, whatever order the workers finished in.
	invalid, failed, documents, pages := false, false, 0, 0
	var langs []string
	for _, res := range results {
		flang := messageLang(c, res.lang)
		langs = append(langs, res.lang)
		printDiagnostics(c.App.ErrWriter, res.diags, flang)
		for _, r := range res.substituted {
			// A character of a house clause; those of the definition are reported at their place.
			say(c.App.ErrWriter, flang, "no-glyph-in-library", partnership.Printable(res.file), string(r), fmt.Sprintf("%U", r))
		}
		if res.err != nil && !(interrupted(c.Context) && errors.Is(res.err, context.Canceled)) {
			printError(c.App.ErrWriter, res.err, flang)
			failed = true
		}
		invalid = invalid || res.diags.HasErrors()
		if res.written {
			documents++
			pages += res.pages
		}
	}
	if interrupted(c.Context) {
		return nil // run reports the interruption
	}
	if outDir != "" && !c.Bool("quiet") {
		var pagesPart partnership.Msg
		if format == "pdf" {
			pagesPart = partnership.M("pages-part", partnership.Count{N: pages, Code: "n-pages"})
		}
		say(c.App.ErrWriter, sharedLang(c, langs), "render-summary", documents, partnership.Count{N: len(files), Code: "n-documents"}, partnership.Printable(outDir),
			partnership.Opt(pagesPart), elapsed(time.Since(start)), len(files))
	}
	printDiagnostics(c.App.ErrWriter, skipped, lang)
	invalid = invalid || len(skipped) > 0
	switch {
	case failed:
		return &exitError{code: exitUsage, noMessage: true}
	case invalid:
		return errInvalid
	}
	return nil
}

// elapsed is a duration in a message: "1.234s", « 1,234 s ».
type elapsed time.Duration

func (e elapsed) In(lang string) string {
	s := time.Duration(e).Round(time.Millisecond).String()
	if lang == partnership.French {
		if num, ok := strings.CutSuffix(s, "ms"); ok {
			return num + "\u202fms"
		}
		if num, ok := strings.CutSuffix(s, "s"); ok && !strings.ContainsAny(num, "hm") {
			return strings.Replace(num, ".", ",", 1) + "\u202fs"
		}
	}
	return s
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
	// written counts the documents in place, for the line an interruption prints.
	written *outputs
	// ahead says whether a definition is produced while it is validated (one): when the job is
	// one definition and there is a processor to spare. A batch keeps every processor busy with
	// definitions of its own, and the production of an invalid one would only compete with them
	// until it noticed it was abandoned.
	ahead bool
	// validateLate says whether a definition produced ahead is validated once its document is
	// rendered, while it is typeset, rather than from the start. Until the clauses are executed
	// every processor is busy (the definition's load, the clause library, the rendering and its
	// helper), where the typesetting of a PDF leaves one idle for longer than the validation
	// takes, the JSON Schema's compilation included, which the validation then starts.
	validateLate bool
}

// renderResult is what a batch remembers of a document: no more than its diagnostics, so that
// memory does not grow with the number of documents.
type renderResult struct {
	file        string
	lang        string // of the definition, for its messages
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
			results[i] = renderResult{file: files[i], err: failedStep("step-not-rendered", files[i], ctx.Err())}
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
		res.err = failedStep("step-not-written", res.file, err)
		return res
	}
	if err := writeOutput(job.stdout, target, data, job.force); err != nil {
		res.err = err
		return res
	}
	res.written = true
	job.written.written.Add(1)
	return res
}

// one validates, renders and typesets a definition.
//
// When the job says so (ahead), a definition that loads without error is rendered and typeset
// while it is validated, on another processor: the document's production does not depend on
// the validation's result. For a PDF (validateLate), the validation starts once the document is
// rendered, while it is typeset; otherwise at once, as the schema's compilation it waits for
// has started with the command. The result is used only once the validation has found no
// error; otherwise it is abandoned. Applications are the exception: the call they answer, which
// their document quotes, is attached to them by the validation.
func (job renderJob) one(ctx context.Context, file string) (renderResult, []byte) {
	res := renderResult{file: partnership.DisplayPath(file)}
	l, err := loadFile(file, job.load.Limits)
	if err != nil {
		res.err = err
		return res, nil
	}
	var ahead *producing
	if job.ahead && l.Doc != nil && !l.Diags.HasErrors() && l.Doc.Definition.Kind != partnership.KindApplication {
		ahead = startProducing(ctx, func(ctx context.Context, rendered func()) produced { return job.produce(ctx, l.Doc, rendered) })
		if job.validateLate {
			ahead.waitRendered()
		}
	}
	doc, diags := validate.LoadedWith(file, l.Data, l.Doc, l.Diags, job.load)
	res.diags, res.lang = diags, docLang(doc)
	var reported []rune
	if job.format == "pdf" && doc != nil { // nil: a file that is not a definition at all
		var glyphs partnership.Diagnostics
		glyphs, reported = glyphDiagnostics(doc, job.pdf, job.strict)
		res.diags = append(res.diags, glyphs...).Sorted()
	}
	if res.diags.HasErrors() {
		ahead.abandon()
		return res, nil
	}
	var p produced
	if ahead != nil {
		p = ahead.wait()
	} else {
		p = job.produce(ctx, doc, nil)
	}
	if p.err != nil {
		res.err = p.err
		return res, nil
	}
	// The defaults the clauses applied and the texts shown in another language are warnings.
	res.diags = append(res.diags, p.diags...).Sorted()
	res.pages, res.substituted = p.pages, notReported(p.substituted, reported)
	return res, p.data
}

// produced is a document rendered and typeset in the job's format.
type produced struct {
	data        []byte
	diags       partnership.Diagnostics // the renderer's warnings
	pages       int                     // of a PDF
	substituted []rune                  // characters of a PDF drawn with another font
	err         error
}

// produce renders and typesets doc in the job's format. rendered, when given, is called once the
// document is rendered, before it is typeset.
func (job renderJob) produce(ctx context.Context, doc *partnership.Document, rendered func()) produced {
	out, err := job.renderer.RenderContext(ctx, doc)
	if rendered != nil {
		rendered()
	}
	if err != nil {
		return produced{err: failedStep("step-render", doc.File, err)}
	}
	p := produced{data: out.Markdown, diags: out.Diagnostics}
	switch job.format {
	case "html":
		p.data, err = typeset.HTML(out.Markdown)
	case "pdf":
		var pdf *typeset.PDFDocument
		if pdf, err = typeset.PDFContext(ctx, out.Markdown, job.pdf); err == nil {
			p.data, p.pages, p.substituted = pdf.Data, pdf.Pages, pdf.Substituted
		}
	case "docx", "odt":
		p.data, err = officeDocument(job.format, out.Markdown, job.pdf, "")
	}
	if err != nil {
		return produced{err: failedStep("step-typeset", doc.File, err)}
	}
	return p
}

// producing is a document being produced while its definition is validated.
type producing struct {
	done   chan produced
	cancel context.CancelFunc
	// rendered is closed once the document is rendered, or its production has ended without.
	rendered chan struct{}
	// panicked is what the production panicked with, and where.
	panicked *productionPanic
}

// productionPanic is a panic of a document's production, raised again in the goroutine that
// waits for it: the value, and the stack of the goroutine where it happened.
type productionPanic struct {
	value any
	stack []byte
}

func (p *productionPanic) Error() string { return fmt.Sprintf("%v\n\n%s", p.value, p.stack) }

// Unwrap returns the value when it is an error (a runtime error, for one).
func (p *productionPanic) Unwrap() error {
	err, _ := p.value.(error)
	return err
}

// startProducing runs produce on another goroutine, with a context that abandon cancels and a
// function that produce calls once the document is rendered (see waitRendered).
func startProducing(ctx context.Context, produce func(ctx context.Context, rendered func()) produced) *producing {
	ctx, cancel := context.WithCancel(ctx)
	p := &producing{done: make(chan produced, 1), cancel: cancel, rendered: make(chan struct{})}
	var once sync.Once
	rendered := func() { once.Do(func() { close(p.rendered) }) }
	go func() {
		defer rendered() // a production that fails or panics before it is rendered ends here
		defer func() {
			// A definition the validation rejects may make the clauses fail in ways a valid one
			// cannot; such a failure is kept until the validation says whether it counts.
			if r := recover(); r != nil {
				p.panicked = &productionPanic{value: r, stack: debug.Stack()}
				p.done <- produced{}
			}
		}()
		p.done <- produce(ctx, rendered)
	}()
	return p
}

// waitRendered returns once the document is rendered, or its production has ended.
func (p *producing) waitRendered() { <-p.rendered }

// wait returns the document once produced. A panic of the production, which a valid definition
// has met, is raised again here.
func (p *producing) wait() produced {
	res := <-p.done
	p.cancel()
	if p.panicked != nil {
		panic(p.panicked)
	}
	return res
}

// abandon stops the production of a document that will not be written. It returns at once; the
// production ends at its next check of its context.
func (p *producing) abandon() {
	if p != nil {
		p.cancel()
	}
}

// pdfOptions reads SOURCE_DATE_EPOCH, the reproducible-builds convention for a fixed date.
func pdfOptions() (typeset.PDFOptions, error) {
	opts := typeset.PDFOptions{Creator: "commons " + version}
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return opts, messageError("source-date-epoch-number", v)
		}
		// A PDF date has four digits for the year.
		if secs < 0 || secs > 253402300799 {
			return opts, messageError("source-date-epoch-range", v)
		}
		opts.CreationDate = time.Unix(secs, 0).UTC()
	}
	return opts, nil
}
