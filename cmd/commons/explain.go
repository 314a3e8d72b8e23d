package main

import (
	"encoding/json"

	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/urfave/cli/v2"
)

func explainCommand() *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "say where each article of a document comes from: the definition's values, the library's defaults, the statutes cited",
		ArgsUsage: "FILE",
		Description: `Renders the document a definition describes and lists, article by article, its clause
id and number, the JSON pointers of the definition's values it reads, every default of the
clause library it applied because the definition left a key out (with the key of the
defaults file it comes from), and every statute it cites under the law of the document's
jurisdiction. Read it before signing: nothing the document says should surprise you.

Example:
   commons explain examples/pacte-parc-des-glycines.yaml
   commons explain --lang en --format json examples/pacte-parc-des-glycines.yaml`,
		Flags: []cli.Flag{
			formatFlag("text", "json"),
			langFlag("explain the document, and write messages, in fr or en (default: the definition's language)"),
			fileFlag("templates", "directory of house clauses and defaults that replace those of the library"),
			rootFlag(),
		},
		Action: runExplain,
	}
}

func runExplain(c *cli.Context) error {
	format := c.String("format")
	if c.NArg() != 1 {
		return usageError(c, "explain-one")
	}
	opts := []render.Option{render.WithLang(c.String("lang"))}
	if dir := c.String("templates"); dir != "" {
		opts = append(opts, render.WithHouseClauses(dir))
	}
	r, err := render.New(opts...)
	if err != nil {
		return ioFailure(err)
	}
	load, err := loadOptions(c)
	if err != nil {
		return err
	}
	doc, diags, err := validate.FileWith(c.Args().First(), load)
	if err != nil {
		return ioFailure(err)
	}
	lang := messageLang(c, docLang(doc))
	if diags.HasErrors() {
		printDiagnostics(c.App.ErrWriter, diags, lang)
		return errInvalid
	}
	out, err := r.RenderContext(c.Context, doc)
	if err != nil {
		return &exitError{code: exitUsage, err: failedStep("step-render", doc.File, err), lang: lang}
	}
	e := render.Explain(doc, out)
	if format == "json" {
		enc := json.NewEncoder(c.App.Writer)
		enc.SetIndent("", "  ")
		return enc.Encode(e)
	}
	return e.WriteText(c.App.Writer)
}
