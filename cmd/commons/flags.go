package main

import (
	"slices"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

// choiceFlag is a flag whose value is one of a list: --help shows the list, the shells complete
// it (commons completion), the README's table of commands names it, and checkChoices refuses
// anything else before the command runs.
type choiceFlag struct {
	*cli.StringFlag
	Choices []string
	// lead is what the usage says before the list of choices, when it ends with them ("output
	// format" for "output format: md, html or pdf"), for the help to write the list in its
	// language.
	lead string
}

// choice returns a flag whose value is one of choices, value by default.
func choice(name, value, usage string, choices ...string) *choiceFlag {
	return &choiceFlag{StringFlag: &cli.StringFlag{Name: name, Value: value, Usage: usage}, Choices: choices}
}

// listChoice returns a flag whose value is one of choices, value by default, and whose usage is
// lead followed by the list of choices.
func listChoice(name, value, lead string, choices ...string) *choiceFlag {
	f := choice(name, value, lead+": "+partnership.OrList(choices).In(partnership.English), choices...)
	f.lead = lead
	return f
}

// langFlag is --lang: the language of messages and, for the commands that write documents or
// reports, of what they write.
func langFlag(usage string) *choiceFlag {
	return choice("lang", "", usage, partnership.TextLanguages...)
}

// formatFlag is --format, whose value is one of formats, the first by default.
func formatFlag(formats ...string) *choiceFlag {
	return listChoice("format", formats[0], "output format", formats...)
}

// helpFlag is --help, -h: as urfave/cli's, but one for each command of each app.
func helpFlag() cli.Flag {
	return &cli.BoolFlag{Name: "help", Aliases: []string{"h"}, Usage: "show help", DisableDefaultText: true}
}

// versionFlag is the program's --version, -v: as urfave/cli's, but one for each app.
func versionFlag() cli.Flag {
	return &cli.BoolFlag{Name: "version", Aliases: []string{"v"}, Usage: "print the version", DisableDefaultText: true}
}

// fileFlag is a flag whose value is a file or a directory, which the shells complete as such.
func fileFlag(name, usage string, aliases ...string) *cli.StringFlag {
	return &cli.StringFlag{Name: name, Aliases: aliases, Usage: usage, TakesFile: true}
}

// checkChoices refuses a value of a choiceFlag that is not one of its choices, for the command's
// flags and the program's.
func checkChoices(c *cli.Context) error {
	lineage := c.Lineage()
	for i, x := range lineage {
		flags := c.App.Flags
		if i < len(lineage)-1 && x.Command != nil {
			flags = x.Command.Flags
		}
		for _, f := range flags {
			ch, ok := f.(*choiceFlag)
			if !ok || !x.IsSet(ch.Name) {
				continue
			}
			if v := x.String(ch.Name); !slices.Contains(ch.Choices, v) {
				return usageError(c, "flag-not-one-of", dashed(ch.Name), partnership.OrList(ch.Choices), v)
			}
		}
	}
	return nil
}
