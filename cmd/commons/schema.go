package main

import (
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
	"github.com/urfave/cli/v2"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the JSON Schema of partnership definitions, or write it to a file",
		Description: `Prints the JSON Schema (draft-07) that definitions are checked against, for editors
and other tools. With -o, writes it to a file: kept beside the definitions as
` + partnership.SchemaFileName + `, it lets editors check them offline, and commons init names it
in the starters it writes there.

Example:
   commons schema -o ` + partnership.SchemaFileName + `
   commons schema > partnership.schema.json`,
		Flags: []cli.Flag{
			fileFlag("output", "write the schema to this file (- for standard output)", "o"),
			&cli.BoolFlag{Name: "force", Usage: "overwrite an existing file that commons did not write"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(c, "no-arguments")
			}
			if err := checkOutputs(c, []string{c.String("output")}, nil); err != nil {
				return err
			}
			if err := writeOutput(c.App.Writer, c.String("output"), schema.JSON, c.Bool("force")); err != nil {
				return ioFailure(err)
			}
			return nil
		},
	}
}
