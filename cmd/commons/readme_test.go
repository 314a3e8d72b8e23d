package main

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// placeholders name the value of a flag in the README's table of commands, where its usage text
// names none (urfave/cli reads a placeholder from backquotes in the usage text: `DIR`).
var placeholders = map[string]string{
	"output": "FILE", "out-dir": "DIR", "templates": "DIR", "old-templates": "DIR", "new-templates": "DIR",
	"font": "FILE.ttf", "max-files": "N", "git": "REV", "author": "NAME", "addr": "HOST:PORT", "host": "NAME",
	"schema": "PATH",
}

// requiredFlags are the flags a command cannot run without, written without brackets.
var requiredFlags = map[string]bool{"init --kind": true}

// messagesLang is the usage text of --lang on the commands where it chooses only the language of
// messages: the table leaves it out and says so once below.
const messagesLang = "language of messages: fr or en (default: the locale, else the definition's language)"

// commandsTable writes the README's table of commands from the program's own definitions: each
// command and subcommand with every flag it takes and its arguments, and its usage text.
func commandsTable(app *cli.App) string {
	var b strings.Builder
	b.WriteString("| command | what it does |\n| --- | --- |\n")
	row := func(synopsis, usage string) {
		fmt.Fprintf(&b, "| `%s` | %s |\n", strings.ReplaceAll(synopsis, "|", `\|`), usage)
	}
	var walk func(cmds []*cli.Command, parent string)
	walk = func(cmds []*cli.Command, parent string) {
		for _, c := range cmds {
			if c.Hidden {
				continue
			}
			name := strings.TrimSpace(parent + " " + c.Name)
			if len(c.Subcommands) > 0 {
				walk(c.Subcommands, name)
				continue
			}
			parts := []string{"commons", name}
			for _, f := range c.Flags {
				if s := flagSynopsis(name, f); s != "" {
					parts = append(parts, s)
				}
			}
			if c.ArgsUsage != "" {
				parts = append(parts, c.ArgsUsage)
			}
			row(strings.Join(parts, " "), c.Usage)
		}
	}
	walk(app.Commands, "")
	return b.String()
}

// flagSynopsis writes a flag as the table shows it: [--format md|html], [-o FILE], [--quiet].
func flagSynopsis(command string, f cli.Flag) string {
	names := f.Names()
	if names[0] == "help" {
		return ""
	}
	if ch, ok := f.(*choiceFlag); ok && ch.Name == "lang" && ch.Usage == messagesLang {
		return ""
	}
	name := "--" + names[0]
	s := name
	switch x := f.(type) {
	case *choiceFlag:
		s += " " + strings.Join(x.Choices, "|")
	case *cli.BoolFlag:
	default:
		for _, n := range names[1:] {
			if len(n) == 1 {
				name = "-" + n
			}
		}
		placeholder := placeholders[names[0]]
		if d, ok := f.(cli.DocGenerationFlag); ok {
			// urfave/cli takes the placeholder from backquotes in the usage text.
			if _, rest, ok := strings.Cut(d.GetUsage(), "`"); ok {
				if p, _, ok := strings.Cut(rest, "`"); ok {
					placeholder = p
				}
			}
		}
		if placeholder == "" {
			placeholder = "VALUE"
		}
		s = name + " " + placeholder
		if _, many := f.(*cli.StringSliceFlag); many {
			s += "..."
		}
	}
	if requiredFlags[command+" "+name] {
		return s
	}
	return "[" + s + "]"
}

// TestReadmeCommandsTable checks that the README's table of commands is the one the program's
// definitions give: every command, every flag, every argument (UPDATE_GOLDEN=1 rewrites it).
func TestReadmeCommandsTable(t *testing.T) {
	repoRoot(t)
	readme := readFile(t, "README.md")
	start := strings.Index(readme, "\n| command | what it does |\n")
	if start < 0 {
		t.Fatal("README.md has no table of commands")
	}
	start++
	end := start + strings.Index(readme[start:], "\n\n") + 1
	got := readme[:start] + commandsTable(newApp(nil, nil)) + readme[end:]
	compareGolden(t, "README.md", got)
	// The table names every visible command.
	for _, c := range newApp(nil, nil).Commands {
		if !c.Hidden && !strings.Contains(got, "`commons "+c.Name) {
			t.Errorf("the table of commands lacks %s", c.Name)
		}
	}
	if !slices.Contains(strings.Split(readme, "\n"), "Every command also takes `--lang fr|en`, the language of its messages, and `--help`.") {
		t.Error("the README does not say that every command takes --lang and --help")
	}
}

// readFile returns the content of a file, or fails the test.
func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestReadmeGoVersion checks that the README asks for the version of Go that go.mod requires.
func TestReadmeGoVersion(t *testing.T) {
	repoRoot(t)
	var version string
	for _, line := range strings.Split(readFile(t, "go.mod"), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			version = strings.TrimSpace(v)
		}
	}
	if version == "" {
		t.Fatal("go.mod names no version of Go")
	}
	if want := "You need Go " + version + " or later"; !strings.Contains(readFile(t, "README.md"), want) {
		t.Errorf("the README does not say %q", want)
	}
}
