package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// flagsFirst moves the flags of the command that args name before its arguments, where
// urfave/cli reads them: it stops reading flags at the first argument, so that "commons render
// pacte.yaml -o pacte.pdf", as newcomers type it, would take "-o" and "pacte.pdf" for two more
// files. A word is moved only when it is a flag of that command (with its value, when the flag
// takes one); any other word keeps its place. "--" still ends the flags: what follows it is an
// argument whatever it looks like (a file named "-x.yaml"), and so is every argument before it.
func flagsFirst(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	// The program's flags, then the command and its subcommands.
	i := skipFlags(app.Flags, args, 1)
	if i >= len(args) {
		return args
	}
	cmd := findCommand(app.Commands, args[i])
	if cmd == nil || cmd.SkipFlagParsing {
		return args
	}
	i++
	for i < len(args) {
		j := skipFlags(cmd.Flags, args, i)
		if j >= len(args) {
			return args
		}
		sub := findCommand(cmd.Subcommands, args[j])
		if sub == nil {
			break
		}
		cmd, i = sub, j+1
	}
	var flags, rest []string
	for k := i; k < len(args); k++ {
		a := args[k]
		if a == "--" {
			rest = append(append([]string{"--"}, rest...), args[k+1:]...)
			break
		}
		n := flagWords(cmd.Flags, args, k)
		if n == 0 {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, args[k:k+n]...)
		k += n - 1
	}
	out := slices.Clone(args[:i])
	return append(append(out, flags...), rest...)
}

// skipFlags returns the index of the first word of args from i on that is not one of flags or
// the value of one.
func skipFlags(flags []cli.Flag, args []string, i int) int {
	for i < len(args) {
		n := flagWords(flags, args, i)
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// flagWords returns how many words of args, from i, a flag of flags takes: 1 for a boolean
// flag or a flag written with its value (--format=pdf), 2 for a flag followed by its value, 0
// for a word that is not one of flags (an argument, "-", "--", an unknown flag). Single-letter
// flags may be grouped (-qo FILE), as the program accepts them.
func flagWords(flags []cli.Flag, args []string, i int) int {
	a := args[i]
	if len(a) < 2 || a[0] != '-' || a == "--" {
		return 0
	}
	name, _, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-"), "=")
	if f, ok := namedFlag(flags, name); ok {
		if f != nil && takesValue(f) && !hasValue {
			return min(2, len(args)-i)
		}
		return 1
	}
	if strings.HasPrefix(a, "--") || hasValue {
		return 0
	}
	// A group of single-letter flags: every letter a flag, and only the last one may take a
	// value.
	letters := []rune(name)
	for j, r := range letters {
		f, ok := namedFlag(flags, string(r))
		if !ok || (f != nil && takesValue(f) && j < len(letters)-1) {
			return 0
		}
		if j == len(letters)-1 && f != nil && takesValue(f) {
			return min(2, len(args)-i)
		}
	}
	return 1
}

// namedFlag returns the flag of flags named name, and whether there is one; the help flag,
// which every command has, is found with a nil flag.
func namedFlag(flags []cli.Flag, name string) (cli.Flag, bool) {
	if name == "help" || name == "h" {
		return nil, true
	}
	f := findFlag(flags, name)
	return f, f != nil
}
