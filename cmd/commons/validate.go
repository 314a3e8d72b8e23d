package main

import (
	"encoding/json"
	"fmt"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
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
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: text, json or github"},
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
	if err := oneOf("format", format, "text", "json", "github"); err != nil {
		return err
	}
	if c.NArg() == 0 {
		return usagef("validate needs at least one file; for example: commons validate examples/pacte-parc-des-glycines.yaml")
	}
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	files, err := partnership.ExpandPaths(c.Args().Slice())
	if err != nil {
		return &exitError{code: exitUsage, err: err}
	}
	report := validateReport{Valid: true, Files: []fileReport{}}
	var ioErr error
	for _, f := range files {
		_, diags, err := validate.FileWith(f, opts)
		if err != nil {
			printError(c.App.ErrWriter, err)
			ioErr = err
			continue
		}
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
			fmt.Fprintln(c.App.ErrWriter, summary(report))
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

func summary(r validateReport) string {
	invalid := 0
	for _, f := range r.Files {
		if !f.Valid {
			invalid++
		}
	}
	s := fmt.Sprintf("%d %s checked: %d valid, %d invalid", len(r.Files), plural(len(r.Files), "file", "files"), len(r.Files)-invalid, invalid)
	if r.Errors > 0 || r.Warnings > 0 {
		s += fmt.Sprintf(" (%d %s, %d %s)", r.Errors, plural(r.Errors, "error", "errors"), r.Warnings, plural(r.Warnings, "warning", "warnings"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
