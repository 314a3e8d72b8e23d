package main

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/urfave/cli/v2"
)

// helpCommands returns the commands whose help a user may read, as typed after commons ("" for
// the program, "render", "templates lint"), with their definitions, from an app that has run
// once, so that urfave/cli has added its own help flag and subcommand where it does.
func helpCommands(t *testing.T) (*cli.App, map[string]*cli.Command) {
	t.Helper()
	app := newApp(io.Discard, io.Discard)
	localizeHelp(app, "en")
	if err := app.Run([]string{"commons", "templates", "--help"}); err != nil {
		t.Fatal(err)
	}
	commands := map[string]*cli.Command{}
	var walk func(string, []*cli.Command)
	walk = func(parent string, cmds []*cli.Command) {
		for _, c := range cmds {
			if c.Hidden || c.Name == "help" && parent != "" {
				continue
			}
			path := strings.TrimSpace(parent + " " + c.Name)
			commands[path] = c
			walk(path, c.Subcommands)
		}
	}
	walk("", app.Commands)
	return app, commands
}

// englishHelpTexts returns the one-line English texts of the help: the usage and arguments of
// the program and of each command, the usage of each flag (the lead of a flag whose usage ends
// with the list of its values), and urfave/cli's own texts.
func englishHelpTexts(t *testing.T) []string {
	t.Helper()
	app, commands := helpCommands(t)
	texts := []string{app.Usage, "value", " (default: %s)"}
	flags := slices.Clone(app.Flags)
	flags = append(flags, cli.VersionFlag)
	for _, c := range commands {
		texts = append(texts, c.Usage, c.ArgsUsage)
		flags = append(flags, c.Flags...)
		for _, s := range c.Subcommands {
			texts = append(texts, s.Usage) // urfave/cli's help subcommand among them
		}
	}
	for _, f := range flags {
		if ch, ok := f.(*choiceFlag); ok && ch.lead != "" {
			texts = append(texts, ch.lead)
		} else {
			texts = append(texts, f.(cli.DocGenerationFlag).GetUsage())
		}
	}
	slices.Sort(texts)
	return slices.DeleteFunc(slices.Compact(texts), func(s string) bool { return s == "" })
}

// TestHelpCatalogue checks that every text of the help has its French, every command its
// French description, and that the catalogue holds nothing that no command uses.
func TestHelpCatalogue(t *testing.T) {
	texts := englishHelpTexts(t)
	for _, s := range texts {
		if helpFrench[s] == "" {
			t.Errorf("no French for the help text %q: add it to helpFrench", s)
		}
	}
	for s := range helpFrench {
		if !slices.Contains(texts, s) {
			t.Errorf("helpFrench translates %q, which no command or flag says any more", s)
		}
	}
	app, commands := helpCommands(t)
	commands[""] = &cli.Command{Description: app.Description}
	for path, c := range commands {
		if c.Description != "" && descriptionsFrench[path] == "" {
			t.Errorf("no French description for %q: add it to descriptionsFrench", "commons "+path)
		}
	}
	for path := range descriptionsFrench {
		if c, ok := commands[path]; !ok || c.Description == "" {
			t.Errorf("descriptionsFrench describes %q, which has no description", "commons "+path)
		}
	}
}

// exampleLine is a line of a description that is a command or a line of a file, the same in
// every language: indented, without its comment.
var exampleLine = regexp.MustCompile(`^   ((?:commons|git|source) .*?|\*\..*?)(\s+#.*)?$`)

// flagWord is a flag a description names.
var flagWord = regexp.MustCompile(`(^|[\s(])(--?[a-z][a-z-]*)`)

// TestHelpDescriptionsMatch checks that each French description is a translation of the
// English one as it is now: the same examples, in the same order, and the same flags named.
func TestHelpDescriptionsMatch(t *testing.T) {
	app, commands := helpCommands(t)
	commands[""] = &cli.Command{Description: app.Description}
	for path, c := range commands {
		t.Run("commons "+path, func(t *testing.T) {
			en, fr := c.Description, descriptionsFrench[path]
			if got, want := examples(fr), examples(en); !slices.Equal(got, want) {
				t.Errorf("the French description's examples are\n%s\nwant those of the English one:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if got, want := flagsNamed(fr), flagsNamed(en); !slices.Equal(got, want) {
				t.Errorf("the French description names the flags %q, the English one %q", got, want)
			}
		})
	}
}

// examples returns the example lines of a description.
func examples(description string) []string {
	var out []string
	for _, l := range strings.Split(description, "\n") {
		if m := exampleLine.FindStringSubmatch(l); m != nil {
			out = append(out, m[1])
		}
	}
	return out
}

// flagsNamed returns the flags a description names, sorted, once each.
func flagsNamed(description string) []string {
	var out []string
	for _, m := range flagWord.FindAllStringSubmatch(description, -1) {
		out = append(out, m[2])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// prose returns the lines of a description that are not examples, trimmed.
func prose(description string) []string {
	var out []string
	for _, l := range strings.Split(description, "\n") {
		if !exampleLine.MatchString(l) && strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// englishHelpWords are what urfave/cli writes in its English help, which the French help must not.
var englishHelpWords = []string{"NAME:", "USAGE:", "DESCRIPTION:", "COMMANDS:", "OPTIONS:", "VERSION:", "GLOBAL OPTIONS",
	"[command options]", "[global options]", " value", "(default:", "Example:"}

// TestHelpInFrench reads the help of every command in French, as --lang fr or a French locale
// ask, however it is asked for, and checks that no English is left in it: none of the English
// texts of the help, none of urfave/cli's headings, and none of the English words a message may
// not have outside its examples.
func TestHelpInFrench(t *testing.T) {
	app, commands := helpCommands(t)
	texts := append(englishHelpTexts(t), prose(app.Description)...)
	for _, c := range commands {
		texts = append(texts, prose(c.Description)...)
	}
	commands[""] = nil
	for path := range commands {
		words := strings.Fields(path)
		forms := map[string][]string{
			"--help":      append(slices.Clone(words), "--help"),
			"-h":          append(slices.Clone(words), "-h"),
			"help":        append([]string{"help"}, words...),
			"--lang last": append(append(slices.Clone(words), "--help"), "--lang", "fr"),
		}
		if path == "" {
			forms["nothing"] = nil
		}
		for name, args := range forms {
			t.Run(fmt.Sprintf("commons %s %s", path, name), func(t *testing.T) {
				if name != "--lang last" {
					args = append([]string{"--lang", "fr"}, args...)
				}
				code, out, stderr := commons(t, args...)
				if code != 0 || stderr != "" || out == "" {
					t.Fatalf("exit %d, %d bytes on stdout, stderr %q", code, len(out), stderr)
				}
				for _, s := range texts {
					if helpFrench[s] != s && len(s) > 3 && strings.Contains(out, s) {
						t.Errorf("the French help has the English text %q:\n%s", s, out)
					}
				}
				for _, w := range englishHelpWords {
					if strings.Contains(out, w) {
						t.Errorf("the French help has urfave/cli's English %q:\n%s", w, out)
					}
				}
				for _, l := range strings.Split(out, "\n") {
					if strings.HasPrefix(l, "      ") {
						continue // an example
					}
					for _, w := range strings.FieldsFunc(flagWord.ReplaceAllString(l, " "), func(r rune) bool { return !unicode.IsLetter(r) }) {
						if slices.Contains(englishWords, strings.ToLower(w)) {
							t.Errorf("the French help has the English word %q: %s", w, l)
						}
					}
				}
			})
		}
	}
}

// TestHelpFollowsTheLocale checks that the help is in the language of the locale without --lang,
// and that --lang has the last word.
func TestHelpFollowsTheLocale(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"French locale", map[string]string{"LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}, []string{"render", "--help"}, "UTILISATION\u00a0:"},
		{"LC_ALL first", map[string]string{"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, []string{"help", "render"}, "UTILISATION\u00a0:"},
		{"--lang over the locale", map[string]string{"LC_MESSAGES": "fr_FR.UTF-8"}, []string{"render", "--help", "--lang", "en"}, "USAGE:"},
		{"English locale", map[string]string{"LC_MESSAGES": "en_GB.UTF-8"}, []string{"-h"}, "USAGE:"},
		{"no language: English", map[string]string{"LC_MESSAGES": "", "LANG": "C.UTF-8"}, []string{"templates", "--help"}, "USAGE:"},
		{"the version in the program's help", map[string]string{"LC_MESSAGES": "en_GB.UTF-8"}, []string{"--help"}, "VERSION:\n   " + version + "\n"},
		{"the version in the French help", map[string]string{"LC_MESSAGES": "fr_FR.UTF-8"}, []string{"help"}, "VERSION\u00a0:\n   " + version + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
				t.Setenv(k, tt.env[k])
			}
			code, out, _ := commons(t, tt.args...)
			if code != 0 || !strings.Contains(out, tt.want) {
				t.Errorf("exit %d; the help does not say %q:\n%s", code, tt.want, out)
			}
		})
	}
}

// TestHelpForms checks that the ways of asking for a command's help print the same, in each
// language: CMD --help, CMD -h, help CMD, --help CMD and CMD FILE --help.
func TestHelpForms(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		for _, cmd := range [][]string{{"render"}, {"templates"}, {"templates", "lint"}} {
			t.Run(lang+" "+strings.Join(cmd, " "), func(t *testing.T) {
				with := func(args ...string) []string { return append([]string{"--lang", lang}, args...) }
				_, want, _ := commons(t, with(append(slices.Clone(cmd), "--help")...)...)
				forms := [][]string{
					with(append(slices.Clone(cmd), "-h")...),
					with(append([]string{"help"}, cmd...)...),
				}
				if len(cmd) == 1 {
					forms = append(forms, with("--help", cmd[0]), with(cmd[0], "pacte.yaml", "--help"))
				}
				for _, args := range forms {
					code, out, stderr := commons(t, args...)
					if code != 0 || stderr != "" || out != want {
						t.Errorf("commons %s: exit %d, stderr %q, and not the help of commons %s --help:\n%s",
							strings.Join(args, " "), code, stderr, strings.Join(cmd, " "), lineDiff(want, out))
					}
				}
			})
		}
	}
}

// TestHelpGolden compares the help of commons render, in each language, with its golden file.
func TestHelpGolden(t *testing.T) {
	for _, lang := range []string{"en", "fr"} {
		t.Run(lang, func(t *testing.T) {
			code, out, stderr := commons(t, "render", "--help", "--lang", lang)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			compareGolden(t, filepath.Join("testdata", "help", "render."+lang+".txt"), out)
		})
	}
}

// TestHelpFlagLines checks that the help writes each flag's line as urfave/cli does in English,
// so that the French help has the same form.
func TestHelpFlagLines(t *testing.T) {
	app, commands := helpCommands(t)
	flags := append(slices.Clone(app.Flags), cli.VersionFlag)
	for _, c := range commands {
		flags = append(flags, c.Flags...)
	}
	for _, f := range flags {
		if got, want := flagLine(f, "en"), f.String(); got != want {
			t.Errorf("flagLine(%s) = %q, want urfave/cli's %q", f.Names()[0], got, want)
		}
	}
}

// TestHelpConcurrently prints help in both languages at once, as tests that call run in parallel
// do: the help printer is shared and must not race (go test -race).
func TestHelpConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	outs := make([]string, 8)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var stdout strings.Builder
			run([]string{"commons", "--lang", []string{"en", "fr"}[i%2], "render", "--help"}, &stdout, io.Discard)
			outs[i] = stdout.String()
		}()
	}
	wg.Wait()
	for i, out := range outs {
		if want := []string{"USAGE:", "UTILISATION\u00a0:"}[i%2]; !strings.Contains(out, want) {
			t.Errorf("run %d: the help does not say %q:\n%s", i, want, out)
		}
	}
}
