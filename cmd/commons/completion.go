package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// shells are the shells commons completion writes a script for.
var shells = []string{"bash", "zsh", "fish"}

func completionCommand() *cli.Command {
	return &cli.Command{
		Name:      "completion",
		Usage:     "print the script that makes a shell complete the commands, flags and values of commons",
		ArgsUsage: "bash|zsh|fish",
		Description: `Prints a completion script for bash, zsh or fish. It needs nothing else (not the
bash-completion package): the script asks commons itself what may follow what is typed, so
it completes commands, subcommands, flags, and the values of flags that take one of a list
(kinds, formats, languages); elsewhere the shell completes file names.

Example:
   source <(commons completion bash)                          # in ~/.bashrc
   commons completion zsh > ~/.zfunc/_commons                 # with fpath+=(~/.zfunc) before compinit in ~/.zshrc
   commons completion fish > ~/.config/fish/completions/commons.fish`,
		Action: func(c *cli.Context) error {
			if c.NArg() != 1 || !slices.Contains(shells, c.Args().First()) {
				return usageError(c, "completion-shell")
			}
			_, err := fmt.Fprint(c.App.Writer, completionScripts[c.Args().First()])
			return err
		},
	}
}

// completeCommand is what the completion scripts run: commons __complete WORD... prints, one per
// line, what may replace the last word (which may be empty), or nothing when the shell should
// complete a file name.
func completeCommand() *cli.Command {
	return &cli.Command{
		Name:            "__complete",
		Hidden:          true,
		SkipFlagParsing: true,
		Action: func(c *cli.Context) error {
			for _, w := range complete(c.App, c.Args().Slice()) {
				fmt.Fprintln(c.App.Writer, w)
			}
			return nil
		},
	}
}

// complete returns what may replace the last of words, the words typed after "commons".
func complete(app *cli.App, words []string) []string {
	cur := ""
	if len(words) > 0 {
		cur, words = words[len(words)-1], words[:len(words)-1]
	}
	// bash splits "--format=pdf" into "--format", "=", "pdf", and replaces the "=" itself when
	// nothing follows it yet.
	equals := ""
	if cur == "=" && len(words) > 0 && strings.HasPrefix(words[len(words)-1], "-") {
		cur, equals = "", "="
		words = append(slices.Clone(words), "=")
	}
	commands, flags := app.Commands, app.Flags
	var cmd *cli.Command
	var pending cli.Flag // a flag whose value is the next word
	var args []string
	for _, w := range words {
		switch {
		case w == "=" && pending != nil:
			continue
		case pending != nil:
			pending = nil
		case strings.HasPrefix(w, "-") && w != "-":
			name, _, hasValue := strings.Cut(strings.TrimLeft(w, "-"), "=")
			if f := findFlag(flags, name); f != nil && takesValue(f) && !hasValue {
				pending = f
			}
		default:
			if c := findVisible(commands, w); len(args) == 0 && c != nil {
				cmd = c
				commands, flags = cmd.Subcommands, cmd.Flags
			} else {
				args = append(args, w)
			}
		}
	}
	if pending != nil {
		return withPrefix(flagValues(pending), cur, equals)
	}
	if name, partial, ok := strings.Cut(cur, "="); ok && strings.HasPrefix(name, "-") {
		if f := findFlag(flags, strings.TrimLeft(name, "-")); f != nil {
			return withPrefix(flagValues(f), partial, name+"=")
		}
		return nil
	}
	if strings.HasPrefix(cur, "-") {
		var names []string
		for _, f := range flags {
			if v, ok := f.(cli.VisibleFlag); ok && !v.IsVisible() {
				continue
			}
			for _, n := range f.Names() {
				names = append(names, dashed(n))
			}
		}
		return withPrefix(names, cur, "")
	}
	switch {
	case len(args) == 0 && len(commands) > 0:
		return withPrefix(visibleNames(commands), cur, "")
	case cmd != nil && cmd.Name == "help":
		target := app.Commands
		for _, a := range args {
			if c := findVisible(target, a); c != nil {
				target = c.Subcommands
			}
		}
		return withPrefix(visibleNames(target), cur, "")
	case cmd != nil && cmd.Name == "completion" && len(args) == 0:
		return withPrefix(shells, cur, "")
	}
	return nil
}

// findFlag returns the flag of flags named name, or nil.
func findFlag(flags []cli.Flag, name string) cli.Flag {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// findVisible returns the command of commands named name, unless it is hidden.
func findVisible(commands []*cli.Command, name string) *cli.Command {
	if c := findCommand(commands, name); c != nil && !c.Hidden {
		return c
	}
	return nil
}

// takesValue reports whether a flag is followed by a value (every flag but the booleans).
func takesValue(f cli.Flag) bool {
	if d, ok := f.(cli.DocGenerationFlag); ok {
		return d.TakesValue()
	}
	return true
}

// flagValues returns the values a flag takes, when they are a list; nil otherwise (a file
// name, a revision, a number), which the shell completes as it can.
func flagValues(f cli.Flag) []string {
	if ch, ok := f.(*choiceFlag); ok {
		return ch.Choices
	}
	return nil
}

// withPrefix keeps the candidates that start with typed, each written after prefix.
func withPrefix(candidates []string, typed, prefix string) []string {
	var out []string
	for _, c := range candidates {
		if strings.HasPrefix(c, typed) {
			out = append(out, prefix+c)
		}
	}
	return out
}

// completionScripts are the scripts of commons completion: each runs "commons __complete" with
// the words typed and offers what it prints, or file names when it prints nothing.
var completionScripts = map[string]string{
	"bash": `# bash completion for commons, written by "commons completion bash".
# Load it from ~/.bashrc with: source <(commons completion bash)
_commons_complete() {
    local IFS=$'\n'
    local -a words=("${COMP_WORDS[@]:1:COMP_CWORD}")
    COMPREPLY=($(commons __complete "${words[@]}" 2>/dev/null))
}
complete -o default -o nosort -F _commons_complete commons 2>/dev/null ||
    complete -o default -F _commons_complete commons
`,
	"zsh": `#compdef commons
# zsh completion for commons, written by "commons completion zsh". Save it as _commons in a
# folder of $fpath before compinit runs, or load it with: source <(commons completion zsh)
_commons() {
    local -a candidates
    candidates=("${(@f)$(commons __complete "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    candidates=(${candidates:#})
    if (( ${#candidates} == 0 )); then
        _files
    else
        compadd -Q -- "${candidates[@]}"
    fi
}
if [[ "$funcstack[1]" == _commons ]]; then
    _commons "$@"
elif (( $+functions[compdef] )); then
    compdef _commons commons
fi
`,
	"fish": `# fish completion for commons, written by "commons completion fish".
# Save it as ~/.config/fish/completions/commons.fish, or load it with:
# commons completion fish | source
function __commons_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l candidates (commons __complete $words[2..-1] 2>/dev/null)
    if test (count $candidates) -eq 0
        __fish_complete_path (commandline -ct)
    else
        printf '%s\n' $candidates
    end
end
complete -c commons -f -a '(__commons_complete)'
`,
}

// visibleNames returns the names of the commands a user is shown.
func visibleNames(commands []*cli.Command) []string {
	var names []string
	for _, c := range commands {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}
