package main

import (
	"encoding/json"
	"fmt"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check definitions against the schema and the rules of the domain",
		ArgsUsage: "FILE-or-DIR...",
		Description: `Checks each definition and prints one line per problem:

   file:line:col: /json/pointer: message

An application whose call names a file is checked against that call too.
Directories are searched for .yaml, .yml and .json files. "-" reads standard input.

With --format github, each problem is printed as a GitHub Actions annotation, which a pull
request shows on the line concerned:

   ::error file=F,line=L,col=C::/json/pointer: message

Example:
   commons validate examples/pacte-parc-des-glycines.yaml
   commons validate --format json examples/
   commons validate --format github conventions/`,
		Flags: []cli.Flag{
			formatFlag("text", "json", "github"),
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "do not print the summary line on stderr"},
			rootFlag(),
		},
		Action: runValidate,
	}
}

// fileReport is the JSON shape of one file's result.
type fileReport struct {
	File        string                  `json:"file"`
	Valid       bool                    `json:"valid"`
	Diagnostics partnership.Diagnostics `json:"diagnostics"`
}

// validateReport is the JSON shape of `commons validate --format json`.
type validateReport struct {
	Valid    bool         `json:"valid"`
	Errors   int          `json:"errors"`
	Warnings int          `json:"warnings"`
	Files    []fileReport `json:"files"`
}

func runValidate(c *cli.Context) error {
	format := c.String("format")
	if c.NArg() == 0 {
		return usageError(c, "validate-needs-file")
	}
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	files, err := partnership.ExpandPaths(c.Args().Slice())
	if err != nil {
		return ioFailure(err)
	}
	report := validateReport{Valid: true, Files: []fileReport{}}
	var ioErr error
	// Each file's messages are in the language of messages, else in its own language; the
	// summary is in the language every file shares, else in English.
	var langs []string
	for _, f := range files {
		if c.Context.Err() != nil {
			return nil // run reports the interruption
		}
		doc, diags, err := validateFile(f, opts)
		if err != nil {
			printError(c.App.ErrWriter, err, messageLang(c, ""))
			ioErr = err
			continue
		}
		lang := messageLang(c, docLang(doc))
		langs = append(langs, lang)
		diags = diags.In(lang)
		if diags == nil {
			diags = partnership.Diagnostics{}
		}
		e, w := diags.Count()
		report.Errors += e
		report.Warnings += w
		fr := fileReport{File: partnership.DisplayPath(f), Valid: !diags.HasErrors(), Diagnostics: diags}
		report.Valid = report.Valid && fr.Valid
		report.Files = append(report.Files, fr)
	}
	switch format {
	case "json":
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		if err := enc.Encode(report); err != nil {
			return err
		}
	default:
		var all partnership.Diagnostics
		for _, fr := range report.Files {
			all = append(all, fr.Diagnostics...)
		}
		for _, d := range all.Sorted() {
			if format == "github" {
				fmt.Fprintln(c.App.Writer, d.GitHubAnnotation())
			} else {
				fmt.Fprintln(c.App.Writer, d)
			}
		}
		if !c.Bool("quiet") {
			fmt.Fprintln(c.App.ErrWriter, summary(report).In(sharedLang(c, langs)))
		}
	}
	switch {
	case ioErr != nil:
		return &exitError{code: exitUsage}
	case !report.Valid:
		return errInvalid
	}
	return nil
}

// summary is the last line of validate: how many files were checked and found valid.
func summary(r validateReport) partnership.Msg {
	invalid := 0
	for _, f := range r.Files {
		if !f.Valid {
			invalid++
		}
	}
	var counts partnership.Msg
	if r.Errors > 0 || r.Warnings > 0 {
		counts = partnership.M("summary-counts", partnership.Count{N: r.Errors, Code: "n-errors"}, partnership.Count{N: r.Warnings, Code: "n-warnings"})
	}
	return partnership.M("validate-summary", partnership.Count{N: len(r.Files), Code: "n-files"}, len(r.Files)-invalid, invalid, partnership.Opt(counts), len(r.Files))
}
