package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/cmd/commons/internal/hugeheap"
	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

// version is the release of the toolkit, printed by --version and commons version.
const version = "0.1.0"

// Exit codes, as documented in the README.
const (
	exitOK          = 0
	exitInvalid     = 1   // invalid input or a failed check
	exitUsage       = 2   // usage or I/O error
	exitInterrupted = 130 // stopped by Ctrl-C or SIGTERM, as shells report a SIGINT
)

// exitError carries the exit code an action wants and what to print on stderr: a message of the
// catalogue, written in the user's language, or an error of a library.
type exitError struct {
	code int
	msg  partnership.Msg
	err  error
	// lang is the language of the message, when the action knows it (from a definition).
	lang string
	// help names the command that failed, in the prefix of the message: "render", "templates
	// lint", "" for the program itself; see, the command whose --help to read after a usage
	// error.
	help, see string
	usage     bool
	// commands says that the --help to read lists the commands, after an unknown command.
	commands  bool
	noMessage bool
}

func (e *exitError) Error() string {
	switch {
	case e.msg.Code != "":
		return e.msg.In(partnership.English)
	case e.err != nil:
		return e.err.Error()
	}
	return fmt.Sprintf("exit %d", e.code)
}

func (e *exitError) Unwrap() error { return e.err }

// usageError reports a misuse of the command line (exit 2): the message code of the catalogue and
// its arguments, and a line naming the --help of the command.
func usageError(c *cli.Context, code string, args ...any) error {
	path := commandPath(c)
	return &exitError{code: exitUsage, msg: partnership.M(code, args...), lang: flagLang(c), help: path, see: path, usage: true}
}

// failure reports a failure that is not a misuse (an output that cannot be written, an input
// that is a directory): the exit code, and the message code of the catalogue with its arguments.
func failure(c *cli.Context, exit int, code string, args ...any) error {
	return &exitError{code: exit, msg: partnership.M(code, args...), lang: flagLang(c)}
}

// ioFailure reports an error of a library (exit 2), printed as it is.
func ioFailure(err error) error { return &exitError{code: exitUsage, err: err} }

// messageError is an error that is a message of the catalogue, which run prints in the user's
// language.
func messageError(code string, args ...any) error { return msgError{partnership.M(code, args...)} }

type msgError struct{ m partnership.Msg }

func (e msgError) Error() string        { return e.m.In(partnership.English) }
func (e msgError) Msg() partnership.Msg { return e.m }

// errInvalid reports that the input was read but is not valid (exit 1); the diagnostics are
// already printed.
var errInvalid = &exitError{code: exitInvalid, noMessage: true}

// commandPath names the command of a context as the user types it after "commons": "render",
// "templates lint", "" for the program itself.
func commandPath(c *cli.Context) string {
	if c == nil || c.Command == nil {
		return ""
	}
	return strings.TrimSpace(strings.TrimPrefix(c.Command.HelpName, "commons"))
}

// run is the whole program: it parses args, runs the command and returns the exit code. It
// writes only to the writers it is given, so tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	localizeHelp(app, argsLang(args))
	ctx, stop := interruptible(context.Background(), stderr, argsLang(args))
	defer stop()
	tuneGC()
	// By the time run is called, package hugeheap has advised the heap for the command, if
	// the command is one that needs it: it does so while packages are initialised.
	warmUp(hugeheap.CommandOf(args))
	err := app.RunContext(ctx, flagsFirst(app, args))
	if interrupted(ctx) {
		return reportInterruption(ctx, stderr, argsLang(args))
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) {
		// Anything else comes from an I/O failure of the library.
		ee = &exitError{code: exitUsage, err: err}
	}
	lang := ee.lang
	if lang == "" {
		lang = argsLang(args)
	}
	if !ee.noMessage && (ee.msg.Code != "" || ee.err != nil) {
		printFailure(stderr, ee, lang)
	}
	return ee.code
}

// printFailure prints an error on one line, whatever file name or key it quotes, and, after a
// usage error, the --help to read on a second line.
func printFailure(w io.Writer, e *exitError, lang string) {
	prefix := "commons"
	if e.help != "" {
		prefix += " " + e.help
	}
	text := e.msg.In(lang)
	if e.msg.Code == "" {
		text = partnership.ErrorText(e.err, lang)
	}
	fmt.Fprintf(w, "%s%s\n", partnership.M("program-prefix", prefix).In(lang), partnership.Printable(text))
	if e.usage {
		help := strings.Join(strings.Fields("commons "+e.see+" --help"), " ")
		code := "see-help"
		if e.commands {
			code = "see-commands"
		}
		fmt.Fprintln(w, partnership.M(code, help).In(lang))
	}
}

// printError prints an error of a library on one line, as printFailure does.
func printError(w io.Writer, err error, lang string) {
	printFailure(w, &exitError{err: err}, lang)
}

// argsLang is the language of messages the command line asks for before it is parsed (--lang
// fr, --lang=en, anywhere), else the locale's: what a usage error is written in.
func argsLang(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return localeLang()
		case (a == "--lang" || a == "-lang") && i+1 < len(args):
			if l := partnership.LocaleLang(args[i+1]); l != "" {
				return l
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			if _, value, _ := strings.Cut(a, "="); partnership.LocaleLang(value) != "" {
				return partnership.LocaleLang(value)
			}
		}
	}
	return localeLang()
}

// localeLang is the language of messages the locale asks for (LC_ALL, LC_MESSAGES, LANG).
func localeLang() string { return partnership.MessageLang(os.Getenv) }

// messageLang is the language of the messages of a command: --lang (on the command or before
// it), else the locale (LC_ALL, then LC_MESSAGES, then LANG), else docLang, the language of the
// definition the messages are about, else English.
func messageLang(c *cli.Context, docLang string) string {
	if l := flagLang(c); l != "" {
		return l
	}
	if l := localeLang(); l != "" {
		return l
	}
	if docLang == partnership.French || docLang == partnership.English {
		return docLang
	}
	return partnership.English
}

// flagLang is the language --lang asks for, on the command or before it, or "".
func flagLang(c *cli.Context) string {
	if c == nil {
		return ""
	}
	for _, x := range c.Lineage() {
		if x.IsSet("lang") {
			return partnership.LocaleLang(x.String("lang"))
		}
	}
	return ""
}

// sharedLang is the language of the messages about several definitions, such as the summary of a
// batch: messageLang with the language all of langs share, or with none when they differ.
func sharedLang(c *cli.Context, langs []string) string {
	doc := ""
	for i, l := range langs {
		if i > 0 && l != doc {
			return messageLang(c, "")
		}
		doc = l
	}
	return messageLang(c, doc)
}

// docLang is the language of a loaded definition, or "".
func docLang(doc *partnership.Document) string {
	if doc == nil || doc.Definition == nil {
		return ""
	}
	return doc.Definition.Lang
}

// printDiagnostics prints diagnostics on w, one per line, in the language of messages.
func printDiagnostics(w io.Writer, diags partnership.Diagnostics, lang string) {
	for _, d := range diags {
		fmt.Fprintln(w, d.In(lang))
	}
}

// say prints a message of the catalogue on w, on a line of its own.
func say(w io.Writer, lang, code string, args ...any) {
	fmt.Fprintln(w, partnership.M(code, args...).In(lang))
}

func newApp(stdout, stderr io.Writer) *cli.App {
	app := &cli.App{
		Name:    "commons",
		Usage:   "write and check the documents of public–commons partnerships",
		Version: version,
		Description: strings.TrimSpace(`
Turns a partnership definition (YAML or JSON) into the legal documents a public body and
citizen collectives sign: charters, conventions (collaboration pacts), calls for commons and
applications to them. Every definition is checked against a JSON Schema and the rules of the
domain, with errors located by file, line and column.

Messages are written in French or English: --lang, else the locale (LC_ALL, LC_MESSAGES,
LANG), else the definition's language. So is this help, after --lang or the locale.

Exit status: 0 when everything is valid, 1 when an input is invalid, 2 on a usage or I/O
error, 130 when interrupted (Ctrl-C).`),
		Writer:    stdout,
		ErrWriter: stderr,
		// The help and version flags are the program's own (helpFlag, versionFlag), not urfave/cli's
		// shared ones, so that apps run at the same time never write to the same flag.
		HideHelp:               true,
		HideHelpCommand:        true,
		HideVersion:            true,
		UseShortOptionHandling: true,
		Flags:                  []cli.Flag{langFlag("language of messages: fr or en (default: the locale, else the definition's language)"), helpFlag(), versionFlag()},
		Before:                 showVersion,
		// Errors are turned into exit codes by run, never by os.Exit inside the library.
		ExitErrHandler: func(*cli.Context, error) {},
		Action:         runNoCommand,
		Commands: []*cli.Command{
			validateCommand(),
			renderCommand(),
			explainCommand(),
			exportCommand(),
			diffCommand(),
			templatesCommand(),
			scoreCommand(),
			assessCommand(),
			schemaCommand(),
			initCommand(),
			serveCommand(),
			textconvCommand(),
			completionCommand(),
			helpCommand(),
			versionCommand(),
			completeCommand(),
		},
	}
	app.OnUsageError = func(c *cli.Context, err error, _ bool) error { return flagError(c, err) }
	for _, cmd := range app.Commands {
		prepare(cmd, "")
	}
	return app
}

// prepare sets up a command and its subcommands the same way: its name in help texts, usage
// errors on one or two lines of stderr, the --lang of messages, and the check of flags whose
// value is one of a list.
func prepare(cmd *cli.Command, parent string) {
	if parent != "" {
		// The program names its own commands "commons NAME" when it starts; subcommands are
		// named here, so that commons help shows them right before they ever ran.
		cmd.HelpName = "commons " + parent + " " + cmd.Name
	}
	cmd.OnUsageError = func(c *cli.Context, err error, _ bool) error { return flagError(c, err) }
	if !slices.ContainsFunc(cmd.Flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), "lang") }) && !cmd.SkipFlagParsing {
		cmd.Flags = append(cmd.Flags, langFlag("language of messages: fr or en (default: the locale, else the definition's language)"))
	}
	cmd.HideHelp = true
	if !cmd.SkipFlagParsing {
		cmd.Flags = append(cmd.Flags, helpFlag())
	}
	if cmd.Subcommands == nil {
		// CMD FILE --help looks for FILE among the subcommands of CMD, not among the program's.
		cmd.Subcommands = []*cli.Command{}
	}
	if action := cmd.Action; action != nil {
		cmd.Action = func(c *cli.Context) error {
			if err := checkChoices(c); err != nil {
				return err
			}
			return action(c)
		}
	}
	for _, sub := range cmd.Subcommands {
		prepare(sub, strings.TrimSpace(parent+" "+cmd.Name))
	}
}

// showVersion prints the version when --version is given, before any command runs, and stops.
func showVersion(c *cli.Context) error {
	if !c.Bool("version") {
		return nil
	}
	cli.ShowVersion(c)
	return &exitError{code: exitOK, noMessage: true}
}

// runNoCommand shows the help of the program, or says that the command typed does not exist.
func runNoCommand(c *cli.Context) error {
	if c.NArg() == 0 {
		return cli.ShowAppHelp(c)
	}
	return unknownCommand(c, c.Args().First(), c.App.Commands)
}

// unknownCommand is the usage error of a command that does not exist, with the closest one.
func unknownCommand(c *cli.Context, name string, commands []*cli.Command) error {
	var names []string
	for _, cmd := range commands {
		if !cmd.Hidden {
			names = append(names, cmd.Names()...)
		}
	}
	var err error
	if best := partnership.Closest(name, names); best != "" {
		err = usageError(c, "unknown-command-suggest", name, best)
	} else {
		err = usageError(c, "unknown-command", name)
	}
	e := err.(*exitError)
	e.commands = true
	if e.see == "help" {
		e.see = "" // commons help rendr: the list is commons --help
	}
	return e
}

// flagNotDefined, flagNeedsValue and flagBadValue read the errors of the flag parser, which
// names flags with a single dash.
var (
	flagNotDefined = lazyRegexp(`^flag provided but not defined: -+(.+)$`)
	flagNeedsValue = lazyRegexp(`^flag needs an argument: -+(.+)$`)
	flagBadValue   = lazyRegexp(`^invalid value "(.*)" for flag -+([^:]+): (.*)$`)
)

// flagError turns an error of the flag parser into a usage error that names the flag as it is
// typed (--format, -o) and suggests the closest flag of the command.
func flagError(c *cli.Context, err error) error {
	msg := err.Error()
	if m := flagNotDefined().FindStringSubmatch(msg); m != nil {
		var names []string
		for _, f := range commandFlags(c) {
			names = append(names, f.Names()...)
		}
		if best := partnership.Closest(m[1], names); best != "" {
			return usageError(c, "unknown-flag-suggest", dashed(m[1]), dashed(best))
		}
		return usageError(c, "unknown-flag", dashed(m[1]))
	}
	if m := flagNeedsValue().FindStringSubmatch(msg); m != nil {
		return usageError(c, "flag-needs-value", dashed(m[1]))
	}
	if m := flagBadValue().FindStringSubmatch(msg); m != nil {
		return usageError(c, "flag-bad-value", m[1], dashed(m[2]))
	}
	return usageError(c, "flag-error", msg)
}

// commandFlags returns the flags of the command a context runs, or the program's.
func commandFlags(c *cli.Context) []cli.Flag {
	if c.Command != nil && c.Command.Name != "" {
		return c.Command.Flags
	}
	return c.App.Flags
}

// dashed writes a flag as it is typed: --format, or -o for a one-letter name.
func dashed(name string) string {
	if len([]rune(name)) == 1 {
		return "-" + name
	}
	return "--" + name
}

func helpCommand() *cli.Command {
	return &cli.Command{
		Name:      "help",
		Usage:     "show the commands, or the help of one",
		ArgsUsage: "[COMMAND [SUBCOMMAND]]",
		Description: `Shows the list of commands, or what a command does, its flags and an example.

Example:
   commons help
   commons help render
   commons help templates lint`,
		Action: func(c *cli.Context) error {
			if c.NArg() == 0 {
				return cli.ShowAppHelp(c)
			}
			commands := c.App.Commands
			var cmd *cli.Command
			for _, name := range c.Args().Slice() {
				cmd = findCommand(commands, name)
				if cmd == nil || cmd.Hidden {
					return unknownCommand(c, name, commands)
				}
				commands = cmd.Subcommands
			}
			// The help of a command is what CMD --help prints: the command runs with --help,
			// set up as when it runs for anything else.
			first := findCommand(c.App.Commands, c.Args().First())
			sub := cli.NewContext(c.App, nil, c)
			sub.Command = first
			return first.Run(sub, append(c.Args().Slice(), "--help")...)
		},
	}
}

// findCommand returns the command named name among commands, or nil.
func findCommand(commands []*cli.Command, name string) *cli.Command {
	for _, cmd := range commands {
		if cmd.HasName(name) {
			return cmd
		}
	}
	return nil
}

func versionCommand() *cli.Command {
	return &cli.Command{
		Name:  "version",
		Usage: "print the version of commons",
		Description: `Prints the version of commons, as --version does.

Example:
   commons version`,
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(c, "no-arguments")
			}
			cli.ShowVersion(c)
			return nil
		},
	}
}
