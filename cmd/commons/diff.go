package main

import (
	"fmt"
	"io"
	"os"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/redline"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/urfave/cli/v2"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "compare two versions of a document article by article and write the redline",
		ArgsUsage: "OLD NEW | --git REV FILE | --old-templates DIR --new-templates DIR FILE",
		Description: `Renders both versions, aligns their articles by clause id (so that a renumbering is not
reported as a rewrite), then compares the articles that changed word by word. Prints a summary
("Article 5 modified, Article 9 added, Article 12 removed, articles renumbered from 9") and the
redline: in text for a terminal ([-deleted-] {+added+}, coloured on a terminal), or as Markdown,
HTML (<del>, <ins>) or PDF (struck-through red, underlined blue, a bar in the margin beside
each changed article).

The two versions are two definitions (OLD and NEW); or one definition rendered with two
directories of house clauses (--old-templates, --new-templates; leave one out to use the
library alone); or a definition and its version at a git revision (--git REV, read with
git show in the file's repository).

Exit status, as for diff: 0 when the texts are the same, 1 when they differ, 2 on an error.

Example:
   commons diff pacte-v1.yaml pacte-v2.yaml
   commons diff --format pdf -o redline.pdf pacte-v1.yaml pacte-v2.yaml
   commons diff --format docx --author "Service juridique" -o pacte.docx pacte-v1.yaml pacte-v2.yaml
   commons diff --git HEAD~1 examples/pacte-parc-des-glycines.yaml
   commons diff --old-templates house-2025/ --new-templates house-2026/ pacte.yaml`,
		Flags: []cli.Flag{
			formatFlag("text", "md", "html", "pdf", "docx", "odt"),
			langFlag("render both versions, and write messages, in fr or en (default: each definition's language)"),
			fileFlag("output", "write to this file (- for standard output); its extension gives the format", "o"),
			&cli.StringFlag{Name: "git", Usage: "compare FILE with its version at this git revision"},
			fileFlag("old-templates", "house clauses to render the old version with"),
			fileFlag("new-templates", "house clauses to render the new version with"),
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file that commons did not write"},
			authorFlag(),
			rootFlag(),
		},
		Action: runDiff,
	}
}

// errDifferent is the exit status of a comparison that found differences: 1, as diff has it.
var errDifferent = &exitError{code: exitInvalid}

func runDiff(c *cli.Context) error {
	lang := c.String("lang")
	rev, oldTemplates, newTemplates := c.String("git"), c.String("old-templates"), c.String("new-templates")
	args := c.Args().Slice()
	var oldFile, newFile string
	switch {
	case rev != "" && len(args) == 1:
		newFile = args[0]
	case rev != "":
		return usageError(c, "diff-git-one")
	case len(args) == 2:
		oldFile, newFile = args[0], args[1]
	case len(args) == 1 && (oldTemplates != "" || newTemplates != ""):
		oldFile, newFile = args[0], args[0]
	default:
		return usageError(c, "diff-needs-two")
	}
	if err := checkOutputs(c, []string{c.String("output")}, []string{oldFile, newFile}); err != nil {
		return err
	}
	format, err := outputFormat(c, c.String("output"), "redline")
	if err != nil {
		return err
	}
	warmFonts(format)
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	oldR, err := newRenderer(oldTemplates, lang)
	if err != nil {
		return ioFailure(err)
	}
	newR, err := newRenderer(newTemplates, lang)
	if err != nil {
		return ioFailure(err)
	}
	var oldDef *partnership.Document
	if rev != "" {
		oldDef, err = loadAtRevision(c, rev, newFile)
	} else {
		oldDef, err = loadForDiff(c, oldFile, opts)
	}
	if err != nil {
		return err
	}
	newDef, err := loadForDiff(c, newFile, opts)
	if err != nil {
		return err
	}
	mlang := messageLang(c, docLang(newDef))
	oldDoc, err := oldR.RenderContext(c.Context, oldDef)
	if err != nil {
		return &exitError{code: exitUsage, err: failedStep("step-render", oldDef.File, err), lang: mlang}
	}
	newDoc, err := newR.RenderContext(c.Context, newDef)
	if err != nil {
		return &exitError{code: exitUsage, err: failedStep("step-render", newDef.File, err), lang: mlang}
	}
	rl, err := redline.Compare(oldDoc, newDoc)
	if err != nil {
		return ioFailure(err)
	}
	output := c.String("output")
	var data []byte
	switch format {
	case "text":
		data = rl.Text(output == "" && colourTerminal(c.App.Writer))
	case "md":
		data = rl.Markdown()
	case "html":
		data, err = typeset.HTML(rl.Markdown())
	case "pdf":
		var opts typeset.PDFOptions
		if opts, err = pdfOptions(); err != nil {
			return ioFailure(err)
		}
		var pdf *typeset.PDFDocument
		if pdf, err = typeset.PDFContext(c.Context, rl.Markdown(), opts); err == nil {
			data = pdf.Data
			for _, r := range pdf.Substituted {
				say(c.App.ErrWriter, mlang, "no-glyph-in-redline", partnership.Printable(newDef.File), string(r), fmt.Sprintf("%U", r))
			}
		}
	}
	if isOffice(format) {
		data, err = trackedChanges(format, rl, c.String("author"))
	}
	if err != nil {
		return &exitError{code: exitUsage, err: failedStep("step-typeset-redline", "", err), lang: mlang}
	}
	outputsOf(c.Context).total.Store(1)
	if err := writeOutput(c.App.Writer, output, data, c.Bool("force")); err != nil {
		return &exitError{code: exitUsage, err: err, lang: mlang}
	}
	outputsOf(c.Context).written.Add(1)
	if !rl.Identical() {
		return errDifferent
	}
	return nil
}

func newRenderer(house, lang string) (*render.Renderer, error) {
	opts := []render.Option{render.WithLang(lang)}
	if house != "" {
		opts = append(opts, render.WithHouseClauses(house))
	}
	return render.New(opts...)
}

// loadForDiff loads and validates one side of a comparison. An invalid definition cannot be
// compared: that is an error (exit 2), not a difference.
func loadForDiff(c *cli.Context, file string, opts validate.Options) (*partnership.Document, error) {
	doc, diags, err := validateFile(file, opts)
	if err != nil {
		return nil, ioFailure(err)
	}
	return checked(c, doc, diags)
}

func checked(c *cli.Context, doc *partnership.Document, diags partnership.Diagnostics) (*partnership.Document, error) {
	lang := messageLang(c, docLang(doc))
	printDiagnostics(c.App.ErrWriter, diags, lang)
	if doc == nil || diags.HasErrors() {
		var name any = partnership.M("the-definition")
		if doc != nil {
			name = doc.File
		} else if len(diags) > 0 {
			name = diags[0].File
		}
		return nil, &exitError{code: exitUsage, msg: partnership.M("cannot-compare-invalid", name), lang: lang}
	}
	return doc, nil
}

// loadAtRevision reads a definition as it was at a git revision, in the file's repository
// (partnership.ReadRevision checks the revision and bounds what it reads), and validates it.
func loadAtRevision(c *cli.Context, rev, file string) (*partnership.Document, error) {
	limits := partnership.DefaultLimits
	data, err := partnership.ReadRevision(c.Context, rev, file, limits)
	if err != nil {
		return nil, ioFailure(fmt.Errorf("diff --git: %w", err))
	}
	name := rev + ":" + partnership.DisplayPath(file)
	doc, diags := partnership.Load(name, data, limits)
	if doc != nil {
		diags = append(diags, validate.Validate(doc, nil)...)
	}
	return checked(c, doc, diags.Sorted())
}

// colourTerminal reports whether w is a terminal that may show colours: standard output not
// redirected to a file or a pipe, and NO_COLOR (https://no-color.org) not set.
func colourTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
