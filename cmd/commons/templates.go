package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/urfave/cli/v2"
)

func templatesCommand() *cli.Command {
	return &cli.Command{
		Name:  "templates",
		Usage: "list and check the clause library and house clauses",
		Description: `The clause library is built into commons. A directory of house clauses (--templates
on render) replaces the clauses of the same path, so a local authority keeps its own wording
without forking the library.

Example:
   commons templates list
   commons templates lint my-house-clauses/`,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.ShowSubcommandHelp(c)
			}
			return unknownCommand(c, c.Args().First(), c.Command.Subcommands)
		},
		Subcommands: []*cli.Command{
			{
				Name:      "list",
				Usage:     "list every clause: kind, language, id and file",
				ArgsUsage: "[HOUSE-DIR]",
				Description: `Lists the clauses of the library, with the house clauses of HOUSE-DIR in place.

Example:
   commons templates list
   commons templates list my-house-clauses/`,
				Action: func(c *cli.Context) error {
					lib, err := libraryFor(c)
					if err != nil {
						return err
					}
					fmt.Fprintf(c.App.Writer, "clause library %s\n\n", lib.Version)
					w := tabwriter.NewWriter(c.App.Writer, 0, 4, 2, ' ', 0)
					fmt.Fprintln(w, "KIND\tLANG\tCLAUSE\tFILE")
					for _, cl := range lib.Clauses() {
						kind := string(cl.Kind)
						if kind == "" {
							kind = "(shared)"
						}
						fmt.Fprintf(w, "%s\t%s\t%s\t%s/%s\n", kind, cl.Lang, cl.ID, partnership.Printable(cl.Source), cl.Path)
					}
					return w.Flush()
				},
			},
			{
				Name:      "lint",
				Usage:     "check that clause templates parse and use only fields definitions have",
				ArgsUsage: "[HOUSE-DIR]",
				Description: `Checks every clause of the library, with the house clauses of HOUSE-DIR in place,
without rendering: each must parse, call only documented functions and use only fields that
definitions have. Problems are printed as file:line:col: message; exit status 1 if any.

Example:
   commons templates lint my-house-clauses/`,
				Action: func(c *cli.Context) error {
					lib, err := libraryFor(c)
					if err != nil {
						return err
					}
					diags := render.Lint(lib)
					lang := messageLang(c, "")
					printDiagnostics(c.App.Writer, diags, lang)
					if diags.HasErrors() {
						return errInvalid
					}
					say(c.App.ErrWriter, lang, "lint-summary", partnership.Count{N: len(lib.Clauses()), Code: "n-clauses-checked"})
					return nil
				},
			},
		},
	}
}

// libraryFor loads the embedded library with the house directory given as argument, if any.
func libraryFor(c *cli.Context) (*render.Library, error) {
	if c.NArg() > 1 {
		return nil, usageError(c, "templates-one-directory")
	}
	var opts []render.Option
	if dir := c.Args().First(); dir != "" {
		opts = append(opts, render.WithHouseClauses(dir))
	}
	r, err := render.New(opts...)
	if err != nil {
		return nil, ioFailure(err)
	}
	return r.Library(), nil
}
