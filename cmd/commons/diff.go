package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

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
   commons diff --git HEAD~1 examples/pacte-parc-des-glycines.yaml
   commons diff --old-templates house-2025/ --new-templates house-2026/ pacte.yaml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "text, md, html or pdf"},
			&cli.StringFlag{Name: "lang", Usage: "render both versions in fr or en (default: each definition's language)"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file (- for standard output)"},
			&cli.StringFlag{Name: "git", Usage: "compare FILE with its version at this git revision"},
			&cli.StringFlag{Name: "old-templates", Usage: "house clauses to render the old version with"},
			&cli.StringFlag{Name: "new-templates", Usage: "house clauses to render the new version with"},
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file that commons did not write"},
			rootFlag(),
		},
		Action: runDiff,
	}
}

// errDifferent is the exit status of a comparison that found differences: 1, as diff has it.
var errDifferent = &exitError{code: exitInvalid}

func runDiff(c *cli.Context) error {
	format := c.String("format")
	if err := oneOf("format", format, "text", "md", "html", "pdf"); err != nil {
		return err
	}
	lang := c.String("lang")
	if lang != "" {
		if err := oneOf("lang", lang, "fr", "en"); err != nil {
			return err
		}
	}
	rev, oldTemplates, newTemplates := c.String("git"), c.String("old-templates"), c.String("new-templates")
	args := c.Args().Slice()
	var oldFile, newFile string
	switch {
	case rev != "" && len(args) == 1:
		newFile = args[0]
	case rev != "":
		return usagef("diff --git REV takes one definition; for example: commons diff --git HEAD~1 pacte.yaml")
	case len(args) == 2:
		oldFile, newFile = args[0], args[1]
	case len(args) == 1 && (oldTemplates != "" || newTemplates != ""):
		oldFile, newFile = args[0], args[0]
	default:
		return usagef("diff needs two definitions, or one with --git or --old-templates/--new-templates; for example: commons diff pacte-v1.yaml pacte-v2.yaml")
	}
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	oldR, err := newRenderer(oldTemplates, lang)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	newR, err := newRenderer(newTemplates, lang)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	var oldDef *partnership.Document
	if rev != "" {
		oldDef, err = loadAtRevision(c.Context, rev, newFile, c.App.ErrWriter)
	} else {
		oldDef, err = loadForDiff(oldFile, opts, c.App.ErrWriter)
	}
	if err != nil {
		return err
	}
	newDef, err := loadForDiff(newFile, opts, c.App.ErrWriter)
	if err != nil {
		return err
	}
	oldDoc, err := oldR.RenderContext(c.Context, oldDef)
	if err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("render %s: %w", oldDef.File, err)}
	}
	newDoc, err := newR.RenderContext(c.Context, newDef)
	if err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("render %s: %w", newDef.File, err)}
	}
	rl, err := redline.Compare(oldDoc, newDoc)
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	output := c.String("output")
	if err := checkOutputs([]string{output}, []string{oldFile, newFile}); err != nil {
		return err
	}
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
			return &exitError{code: exitUsage, err: err}
		}
		var pdf *typeset.PDFDocument
		if pdf, err = typeset.PDF(rl.Markdown(), opts); err == nil {
			data = pdf.Data
			for _, r := range pdf.Substituted {
				fmt.Fprintf(c.App.ErrWriter, "%s: warning: the font has no glyph for %U %q; printed as \"?\"\n", partnership.Printable(newDef.File), r, r)
			}
		}
	}
	if err != nil {
		return &exitError{code: exitUsage, err: fmt.Errorf("typeset the redline: %w", err)}
	}
	if err := writeOutput(c.App.Writer, output, data, c.Bool("force")); err != nil {
		return &exitError{code: exitUsage, err: err}
	}
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
func loadForDiff(file string, opts validate.Options, stderr io.Writer) (*partnership.Document, error) {
	doc, diags, err := validate.FileWith(file, opts)
	if err != nil {
		return nil, &exitError{code: exitUsage, err: err}
	}
	return checked(doc, diags, stderr)
}

func checked(doc *partnership.Document, diags partnership.Diagnostics, stderr io.Writer) (*partnership.Document, error) {
	for _, d := range diags {
		fmt.Fprintln(stderr, d)
	}
	if doc == nil || diags.HasErrors() {
		name := "the definition"
		if doc != nil {
			name = doc.File
		} else if len(diags) > 0 {
			name = diags[0].File
		}
		return nil, &exitError{code: exitUsage, err: fmt.Errorf("%s is invalid and cannot be compared; see the diagnostics above", name)}
	}
	return doc, nil
}

// loadAtRevision reads a definition as it was at a git revision, in the file's repository, and
// validates it. The revision comes from a command line that may be someone else's: it may not
// look like an option, it must name a commit, every operand given to git follows
// --end-of-options, and the file is read from git no larger than a definition may be, without
// reading more of it.
func loadAtRevision(ctx context.Context, rev, file string, stderr io.Writer) (*partnership.Document, error) {
	fail := func(format string, args ...any) (*partnership.Document, error) {
		return nil, &exitError{code: exitUsage, err: fmt.Errorf("diff --git: "+format, args...)}
	}
	if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsFunc(rev, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return fail("%q is not a revision: a revision names a commit (HEAD~1, a tag, a branch) and does not start with \"-\"", rev)
	}
	dir := filepath.Dir(file)
	commit, err := gitOutput(ctx, dir, 0, []string{"rev-parse", "--verify", "--quiet"}, rev+"^{commit}")
	if err != nil {
		return fail("%q is not a commit of the repository of %s", rev, partnership.Printable(partnership.DisplayPath(file)))
	}
	prefix, err := gitOutput(ctx, dir, 0, []string{"rev-parse", "--show-prefix"})
	if err != nil {
		return fail("%w", err)
	}
	object := strings.TrimSpace(string(commit)) + ":" + strings.TrimSpace(string(prefix)) + filepath.Base(file)
	limits := partnership.DefaultLimits
	size, err := gitOutput(ctx, dir, 0, []string{"cat-file", "-s"}, object)
	if err != nil {
		return fail("%s does not exist at %s", partnership.Printable(partnership.DisplayPath(file)), partnership.Printable(rev))
	}
	if n, err := strconv.ParseInt(strings.TrimSpace(string(size)), 10, 64); err != nil || n > limits.MaxBytes {
		return fail("%s at %s is larger than %d bytes, the most a definition may hold", partnership.Printable(partnership.DisplayPath(file)), partnership.Printable(rev), limits.MaxBytes)
	}
	data, err := gitOutput(ctx, dir, limits.MaxBytes, []string{"cat-file", "blob"}, object)
	if err != nil {
		return fail("%w", err)
	}
	name := rev + ":" + partnership.DisplayPath(file)
	doc, diags := partnership.Load(name, data, limits)
	if doc != nil {
		diags = append(diags, validate.Validate(doc, nil)...)
	}
	return checked(doc, diags.Sorted(), stderr)
}

// gitOutput runs git in dir with its options, then --end-of-options and the operands, so that no
// operand is ever read as an option (--output=file would make git write a file). It returns
// what git prints, at most max bytes when max is not 0: beyond, git is stopped and the output
// refused. Its error message says what went wrong.
func gitOutput(ctx context.Context, dir string, max int64, options []string, operands ...string) ([]byte, error) {
	args := append([]string{"-C", dir}, options...)
	if len(operands) > 0 {
		args = append(append(args, "--end-of-options"), operands...)
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git: %w", err)
	}
	limit := max
	if limit == 0 {
		limit = 1 << 20 // what git prints here otherwise: a hash, a prefix, a size
	}
	data, readErr := io.ReadAll(io.LimitReader(out, limit+1))
	if int64(len(data)) > limit {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("git %s prints more than %d bytes", strings.Join(options, " "), limit)
	}
	if err := cmd.Wait(); err != nil || readErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = errors.Join(err, readErr).Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(options, " "), partnership.Printable(msg))
	}
	return data, nil
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
