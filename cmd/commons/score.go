package main

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/urfave/cli/v2"
)

func scoreCommand() *cli.Command {
	return &cli.Command{
		Name:      "score",
		Usage:     "compute the scale of communality of a definition and check its thresholds",
		ArgsUsage: "FILE",
		Description: `Applies the communality rubric to the facts a definition declares: common interest
(0 to 3), use, governance and preservation (0 to 4 each) and the headline degree (0 to 100).
Shows which facts gave which level, the thresholds that apply (the call's for an application
whose call file is given, else the definition's own conditions) and whether each is met, in the
definition's language (or --lang). The scale does not apply to a call, nor to a charter that
declares no facts of a commons it covers: score says so.

Exit status 0 when every condition assessed is met, 1 when one is not, so that it can gate a
pipeline. Social and ecological conditions without "met" are listed as still to be checked.

Example:
   commons score examples/pacte-tiers-lieu-la-fabrique.yaml
   commons score --format json examples/candidature-cartocommuns.yaml`,
		Flags: []cli.Flag{
			formatFlag("text", "md", "json"),
			langFlag("language of the report and of messages: fr or en (default: the definition's)"),
			rootFlag(),
		},
		Action: runScore,
	}
}

// scoreReport is the JSON shape of `commons score --format json`.
type scoreReport struct {
	File string `json:"file"`
	score.Result
}

func runScore(c *cli.Context) error {
	format := c.String("format")
	if c.NArg() != 1 {
		return usageError(c, "score-one")
	}
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	doc, diags, err := validateFile(c.Args().First(), opts)
	if err != nil {
		return ioFailure(err)
	}
	if diags.HasErrors() {
		printDiagnostics(c.App.ErrWriter, diags, messageLang(c, docLang(doc)))
		return errInvalid
	}
	var call *partnership.Definition
	if doc.Call != nil {
		call = doc.Call.Definition
	}
	res := score.Evaluate(doc.Definition, call)
	r, err := render.New()
	if err != nil {
		return err
	}
	switch format {
	case "json":
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		if err := enc.Encode(scoreReport{File: doc.File, Result: res}); err != nil {
			return err
		}
	case "md":
		if _, err := c.App.Writer.Write(r.ScoreReport(doc, res, c.String("lang"))); err != nil {
			return err
		}
	default:
		if _, err := c.App.Writer.Write(r.ScoreText(doc, res, c.String("lang"))); err != nil {
			return err
		}
	}
	if !res.Met {
		return errInvalid
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func assessCommand() *cli.Command {
	return &cli.Command{
		Name:      "assess",
		Usage:     "check and rank the applications to a call for commons",
		ArgsUsage: "CALL APPLICATION-or-DIR...",
		Description: `Checks every application against the call: eligibility gates (filed within its round
and the call's dates, a kind of commons the call accepts, an accepted open licence, a
community, public documentation where the call requires it, a challenge answered, the
communality thresholds, the funding band, rate cap and duration), then ranks the eligible ones
by the weighted total of the jury's marks (each out of 20, the total out of 100), ties broken
by the call's tie-break rule. Invalid applications are listed with their diagnostics and do not
stop the others. Conditions the call writes in free text are listed for the jury to check.

A directory is searched for the applications to the call among its definition files (.yaml,
.yml, .json); every other definition file (a charter, a convention, another call, an
application to another call, a file that cannot be read) is skipped with one line on standard
error, and other files (the documents rendered beside the definitions) without a word. A file
named on the command line must be an application to the call.

Exit status 0 when the report is written and every application is valid, 1 when the call or
an application is invalid (the report is still written when the call is valid).

Example:
   commons assess examples/appel-a-communs-2026.yaml examples/candidature-*.yaml
   commons assess --format pdf -o selection.pdf examples/appel-a-communs-2026.yaml candidatures/`,
		Flags: []cli.Flag{
			formatFlag("md", "html", "pdf", "docx", "odt", "csv", "json"),
			langFlag("language of the report and of messages: fr or en (default: the call's)"),
			fileFlag("output", "write to this file (- for standard output); its extension gives the format", "o"),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not show a progress bar on stderr"},
			fileFlag("templates", "directory of house clauses and defaults (the tie-break rule a call leaves out) that replace those of the library"),
			fontFlag(), strictFlag(),
			rootFlag(),
		},
		Action: runAssess,
	}
}

func runAssess(c *cli.Context) error {
	if c.NArg() < 2 {
		return usageError(c, "assess-needs-call")
	}
	if err := checkOutputs(c, []string{c.String("output")}, c.Args().Slice()); err != nil {
		return err
	}
	format, err := outputFormat(c, c.String("output"), "selection")
	if err != nil {
		return err
	}
	warmFonts(format)
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	callDoc, diags, err := validateFile(c.Args().First(), opts)
	if err != nil {
		return ioFailure(err)
	}
	lang := messageLang(c, docLang(callDoc))
	printDiagnostics(c.App.ErrWriter, diags, lang)
	if diags.HasErrors() {
		return errInvalid
	}
	var pdfOpts typeset.PDFOptions
	if format == "pdf" {
		if pdfOpts, err = pdfFontOptions(c); err != nil {
			return ioFailure(err)
		}
	}
	// In PDF, the texts of the call and of the applications are checked for characters the
	// font lacks, each at its place.
	var glyphProblems partnership.Diagnostics
	if format == "pdf" {
		glyphProblems, _ = glyphDiagnostics(callDoc, pdfOpts, c.Bool("strict"))
	}
	if callDoc.Definition.Kind != partnership.KindCall {
		u := usageError(c, "assess-not-call", callDoc.File, partnership.M("a-"+string(callDoc.Definition.Kind)))
		u.(*exitError).lang = lang
		return u
	}
	inputs, err := score.Inputs(c.Args().First(), c.Args().Tail())
	if err != nil {
		return ioFailure(err)
	}
	// Each file is read once, to tell whether it is an application to the call and to assess
	// it. A file named on the command line that is not an application to the call is an error;
	// diagnostics and skipped files wait for the end of the assessment, so that they do not cut
	// through the progress bar.
	bar := newProgress(c.App.ErrWriter, c.Bool("quiet"), len(inputs), partnership.M("progress-assessing").In(lang))
	results, err := assessAll(c.Context, inputs, callDoc.Definition, opts, func(doc *partnership.Document) partnership.Diagnostics {
		if format != "pdf" {
			return nil
		}
		d, _ := glyphDiagnostics(doc, pdfOpts, c.Bool("strict"))
		return d
	}, bar)
	bar.finish()
	if interrupted(c.Context) {
		return nil // run reports the interruption
	}
	if err != nil {
		return ioFailure(err)
	}
	var (
		files                 []string
		apps                  []score.Application
		skipped               []score.Skipped
		problems, appProblems partnership.Diagnostics
	)
	invalid := false
	for i, res := range results {
		switch {
		case res.skip.Code != "":
			skipped = append(skipped, score.SkippedFile(inputs[i].Path, res.skip))
		case res.named != nil:
			problems = append(problems, *res.named)
			invalid = true
		default:
			files = append(files, inputs[i].Path)
			apps = append(apps, res.app)
			invalid = invalid || res.invalid
			appProblems = append(appProblems, res.problems...)
			glyphProblems = append(glyphProblems, res.glyphs...)
		}
	}
	if err := checkOutputs(c, []string{c.String("output")}, append([]string{c.Args().First()}, files...)); err != nil {
		return err
	}
	for i, s := range skipped {
		skipped[i] = s.In(lang)
		say(c.App.ErrWriter, lang, "skipped-file", partnership.Printable(s.File), partnership.Printable(skipped[i].Reason))
	}
	problems = append(problems.Sorted(), appProblems...)
	printDiagnostics(c.App.ErrWriter, problems, lang)
	printDiagnostics(c.App.ErrWriter, glyphProblems.Sorted(), lang)
	if glyphProblems.HasErrors() {
		return errInvalid
	}
	r, err := newRenderer(c.String("templates"), "")
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	// A call that leaves out its tie-break rule is ranked by the library's default, which the
	// user is shown.
	a, defaults := r.Rank(callDoc, apps)
	printDiagnostics(c.App.ErrWriter, defaults, lang)
	a.Skipped = append(a.Skipped, skipped...)
	var data []byte
	switch format {
	case "json":
		data, err = json.MarshalIndent(a, "", "  ")
		data = append(data, '\n')
	case "csv":
		data, err = assessCSV(a, callDoc.Definition)
	default:
		md := r.SelectionReport(callDoc, a, c.String("lang"))
		data = md
		switch format {
		case "html":
			data, err = typeset.HTML(md)
		case "pdf":
			var pdf *typeset.PDFDocument
			if pdf, err = typeset.PDFContext(c.Context, md, pdfOpts); err == nil {
				data = pdf.Data
			}
		case "docx", "odt":
			var opts typeset.PDFOptions
			if opts, err = pdfOptions(); err == nil {
				data, err = officeDocument(format, md, opts, "")
			}
		}
	}
	if err != nil {
		return &exitError{code: exitUsage, err: err, lang: lang}
	}
	outputsOf(c.Context).total.Store(1)
	if err := writeOutput(c.App.Writer, c.String("output"), data, false); err != nil {
		return &exitError{code: exitUsage, err: err, lang: lang}
	}
	outputsOf(c.Context).written.Add(1)
	if invalid {
		return errInvalid
	}
	return nil
}

// assessCSV writes one row per application for spreadsheet users: RFC 4180, UTF-8, dots for
// decimals, one column per criterion of the call.
func assessCSV(a score.Assessment, call *partnership.Definition) ([]byte, error) {
	var b strings.Builder
	w := csv.NewWriter(&b)
	header := []string{"rank", "id", "title", "applicant", "valid", "eligible", "failed_gates", "weighted_total",
		"degree", "common_interest", "use", "governance", "preservation", "requested", "eligible_costs", "rate", "file"}
	for _, cr := range call.Call.Criteria {
		header = append(header, "mark_"+cr.ID)
	}
	w.Write(header)
	for _, app := range a.Applications {
		var failed []string
		for _, g := range app.Gates {
			if !g.Met {
				failed = append(failed, g.ID)
			}
		}
		total := ""
		if app.Total != nil {
			total = num(*app.Total)
		}
		rank := ""
		if app.Rank > 0 {
			rank = strconv.Itoa(app.Rank)
		}
		p := app.Profile
		row := []string{rank, app.ID, app.Title, app.Applicant, strconv.FormatBool(app.Valid), strconv.FormatBool(app.Eligible),
			strings.Join(failed, " "), total, num(p.Degree), strconv.Itoa(p.CommonInterest), strconv.Itoa(p.Use),
			strconv.Itoa(p.Governance), strconv.Itoa(p.Preservation), num(app.Requested), num(app.Costs), num(app.Rate), app.File}
		for _, cr := range call.Call.Criteria {
			if m, ok := app.Marks[cr.ID]; ok {
				row = append(row, num(m))
			} else {
				row = append(row, "")
			}
		}
		w.Write(row)
	}
	w.Flush()
	return []byte(b.String()), w.Error()
}
