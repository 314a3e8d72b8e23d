package main

import (
	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

func initCommand() *cli.Command {
	return &cli.Command{
		Name:  "init",
		Usage: "print a commented starter definition for a kind of document",
		Description: `Prints a starter definition whose every key is explained in a comment. Its first
line points editors that understand the yaml-language-server modeline at the schema, so
they complete keys and check values as you type.

Example:
   commons init --kind convention --lang fr > ma-convention.yaml`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "kind", Required: true, Usage: "charter, convention, call or application"},
			&cli.StringFlag{Name: "lang", Value: "fr", Usage: "language of the document: fr or en"},
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("init takes no arguments; use --kind")
			}
			kinds := make([]string, len(partnership.Kinds))
			for i, k := range partnership.Kinds {
				kinds[i] = string(k)
			}
			if err := oneOf("kind", c.String("kind"), kinds...); err != nil {
				return err
			}
			if err := oneOf("lang", c.String("lang"), "fr", "en"); err != nil {
				return err
			}
			_, err := c.App.Writer.Write(partnership.Scaffold(partnership.Kind(c.String("kind")), c.String("lang")))
			return err
		},
	}
}
