package main

import (
	"github.com/commons-toolkit/commons/schema"
	"github.com/urfave/cli/v2"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the JSON Schema of partnership definitions",
		Description: `Prints the JSON Schema (draft-07) that definitions are checked against, for editors
and other tools.

Example:
   commons schema > partnership.schema.json`,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("schema takes no arguments")
			}
			_, err := c.App.Writer.Write(schema.JSON)
			return err
		},
	}
}
