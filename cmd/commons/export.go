package main

import (
	"bytes"
	"encoding/json"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/urfave/cli/v2"
)

func exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write definitions as data for other tools: SCDL subsidy open data (CSV) or normalised JSON",
		ArgsUsage: "FILE-or-DIR...",
		Description: `With --format scdl, writes the essential data of the subsidy conventions as CSV in the SCDL
« subventions » schema (version ` + export.SCDLVersion + `), which French public bodies publish as open
data (décret n° 2017-779): one row per grant of each convention, UTF-8, comma-separated. A
convention that lacks something the schema requires (the funder's SIRET, the dates of payment…)
is reported with its position and gives no row; the exit status is then 1.

With --format json, writes one definition validated and normalised: defaults applied, references
resolved (party names beside ids) and its communality profile computed.

Example:
   commons export --format scdl examples/pacte-tiers-lieu-la-fabrique.yaml > subventions.csv
   commons export --format scdl -o subventions.csv conventions/
   commons export --format json examples/water-board.yaml`,
		Flags: []cli.Flag{
			formatFlag("scdl", "json"),
			fileFlag("output", "write to this file (- for standard output); its extension gives the format (.csv: scdl, .json: json)", "o"),
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file that commons did not write"},
			rootFlag(),
		},
		Action: runExport,
	}
}

func runExport(c *cli.Context) error {
	if c.NArg() == 0 {
		return usageError(c, "export-needs-definition")
	}
	if err := checkOutputs(c, []string{c.String("output")}, c.Args().Slice()); err != nil {
		return err
	}
	format, err := outputFormat(c, c.String("output"), "export")
	if err != nil {
		return err
	}
	opts, err := loadOptions(c)
	if err != nil {
		return err
	}
	files, err := partnership.ExpandPaths(c.Args().Slice())
	if err != nil {
		return ioFailure(err)
	}
	if err := checkOutputs(c, []string{c.String("output")}, files); err != nil {
		return err
	}
	if format == "json" && len(files) != 1 {
		return usageError(c, "export-json-one", len(files))
	}
	var (
		rows    []export.SubsidyRow
		data    []byte
		invalid bool
	)
	for _, f := range files {
		doc, diags, err := validate.FileWith(f, opts)
		if err != nil {
			return ioFailure(err)
		}
		lang := messageLang(c, docLang(doc))
		if doc == nil || diags.HasErrors() {
			printDiagnostics(c.App.ErrWriter, diags, lang)
			invalid = true
			continue
		}
		switch format {
		case "json":
			var call *partnership.Definition
			if doc.Call != nil {
				call = doc.Call.Definition
			}
			n, err := export.Normalize(doc, call)
			if err != nil {
				return ioFailure(err)
			}
			if data, err = json.MarshalIndent(n, "", "  "); err != nil {
				return ioFailure(err)
			}
			data = append(data, '\n')
		default:
			r, more := export.Subsidies(doc)
			printDiagnostics(c.App.ErrWriter, append(diags, more...).Sorted(), lang)
			invalid = invalid || more.HasErrors()
			rows = append(rows, r...)
		}
	}
	if format == "scdl" {
		var b bytes.Buffer
		if err := export.WriteSCDL(&b, rows); err != nil {
			return ioFailure(err)
		}
		data = b.Bytes()
	}
	if data != nil {
		outputsOf(c.Context).total.Store(1)
		if err := writeOutput(c.App.Writer, c.String("output"), data, c.Bool("force")); err != nil {
			return ioFailure(err)
		}
		outputsOf(c.Context).written.Add(1)
	}
	if invalid {
		return errInvalid
	}
	return nil
}
