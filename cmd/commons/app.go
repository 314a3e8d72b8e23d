package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

// version is the release of the toolkit, printed by --version.
const version = "0.1.0"

// Exit codes, as documented in the README.
const (
	exitOK      = 0
	exitInvalid = 1 // invalid input or a failed check
	exitUsage   = 2 // usage or I/O error
)

// exitError carries the exit code an action wants, with an optional message for stderr.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usagef reports a misuse of the command line (exit 2).
func usagef(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// invalid reports that the input was read but is not valid (exit 1); the diagnostics are
// already printed.
var errInvalid = &exitError{code: exitInvalid}

// run is the whole program: it parses args, runs the command and returns the exit code. It
// writes only to the writers it is given, so tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	unknownCommand := false
	app := newApp(stdout, stderr)
	app.CommandNotFound = func(c *cli.Context, name string) {
		fmt.Fprintf(stderr, "commons: unknown command %q; run \"commons --help\" for the list\n", name)
		unknownCommand = true
	}
	ctx, stop := interruptible(context.Background())
	defer stop()
	tuneGC()
	if len(args) > 1 {
		warmUp(args[1])
	}
	args = completionArgs(args)
	err := app.RunContext(ctx, args)
	if unknownCommand {
		return exitUsage
	}
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			printError(stderr, ee.err)
		}
		return ee.code
	}
	// Anything else comes from the flag parser or an I/O failure.
	printError(stderr, err)
	return exitUsage
}

func newApp(stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:    "commons",
		Usage:   "write and check the documents of public–commons partnerships",
		Version: version,
		Description: strings.TrimSpace(`
Turns a partnership definition (YAML or JSON) into the legal documents a public body and
citizen collectives sign: charters, conventions (collaboration pacts), calls for commons and
applications to them. Every definition is checked against a JSON Schema and the rules of the
domain, with errors located by file, line and column.

Exit status: 0 when everything is valid, 1 when an input is invalid, 2 on a usage or I/O error.`),
		Writer:                 stdout,
		ErrWriter:              stderr,
		HideHelpCommand:        true,
		UseShortOptionHandling: true,
		Suggest:                true,
		EnableBashCompletion:   true,
		// Errors are turned into exit codes by run, never by os.Exit inside the library.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(c *cli.Context, err error, _ bool) error {
			return usagef("%v", err)
		},
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
		},
	}
}

// completionArgs works around urfave/cli v2, which fails when the shell asks it to complete a
// flag partly typed ("commons render --fo --generate-bash-completion"): it is asked for every
// flag of the command instead, and the completion script keeps those that start with what was
// typed.
func completionArgs(args []string) []string {
	n := len(args)
	if n < 3 || args[n-1] != "--generate-bash-completion" {
		return args
	}
	if partial := args[n-2]; strings.HasPrefix(partial, "-") && partial != "-" && partial != "--" {
		args = append(slices.Clone(args[:n-2]), "-", args[n-1])
	}
	return args
}

// interruptGrace is how long an interrupted command has to stop by itself before the program
// exits anyway.
const interruptGrace = 200 * time.Millisecond

// interruptible returns a context cancelled by the first Ctrl-C or SIGTERM. The command then stops
// at its next step (a batch finishes no further document, a render stops its clauses, git is
// killed); whatever it is waiting for instead (a named pipe nobody reads, standard input, a long
// typesetting), the program removes its temporary files and exits with status 2 after
// interruptGrace, or at once on a second signal. Every command therefore stops within a second,
// and never leaves a half-written file.
func interruptible(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancel(parent)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-signals:
		case <-done:
			return
		}
		cancel()
		select {
		case <-time.After(interruptGrace):
		case <-signals:
		case <-done:
			return
		}
		temps.removeAll()
		os.Exit(exitUsage)
	}()
	return ctx, func() {
		signal.Stop(signals)
		close(done)
		cancel()
	}
}

// printError prints an error on one line, whatever file name or key it quotes.
func printError(w io.Writer, err error) {
	fmt.Fprintf(w, "commons: %s\n", partnership.Printable(err.Error()))
}

// oneOf checks a flag value against its allowed values.
func oneOf(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usagef("--%s must be one of %s; got %q", flag, strings.Join(allowed, ", "), value)
}
