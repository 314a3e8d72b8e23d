package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestComplete checks what the completion scripts offer: commands, subcommands, flags, and the
// values of flags that take one of a list; nothing (the shell completes file names) elsewhere.
func TestComplete(t *testing.T) {
	tests := []struct {
		words []string // after "commons", the last one being completed
		want  []string // all of them, or nil for file names
	}{
		{[]string{"ren"}, []string{"render"}},
		{[]string{"e"}, []string{"explain", "export"}},
		{[]string{"templates", "l"}, []string{"list", "lint"}},
		{[]string{"render", "--fo"}, []string{"--format", "--force", "--font"}},
		{[]string{"render", "--format", ""}, []string{"md", "html", "pdf", "docx", "odt"}},
		{[]string{"render", "--format", "p"}, []string{"pdf"}},
		{[]string{"render", "--format=p"}, []string{"--format=pdf"}},
		{[]string{"render", "--format", "=", "d"}, []string{"docx"}}, // bash splits --format=d
		{[]string{"render", "--format", "="}, []string{"=md", "=html", "=pdf", "=docx", "=odt"}},
		{[]string{"render", "--lang", ""}, []string{"fr", "en"}},
		{[]string{"assess", "--format", "c"}, []string{"csv"}},
		{[]string{"validate", "--format", ""}, []string{"text", "json", "github"}},
		{[]string{"init", "--kind", ""}, []string{"charter", "convention", "call", "application"}},
		{[]string{"init", "--kind", "c"}, []string{"charter", "convention", "call"}},
		{[]string{"--lang", "f"}, []string{"fr"}},
		{[]string{"--lang", "fr", "val"}, []string{"validate"}},
		{[]string{"completion", ""}, []string{"bash", "zsh", "fish"}},
		{[]string{"help", "ex"}, []string{"explain", "export"}},
		{[]string{"help", "templates", ""}, []string{"list", "lint"}},
		{[]string{"render", ""}, nil},
		{[]string{"render", "-o", ""}, nil},
		{[]string{"render", "--format", "pdf", "examples/"}, nil},
		{[]string{"__comp"}, nil},
	}
	app := newApp(nil, nil)
	for _, tt := range tests {
		got := complete(app, tt.words)
		if !slices.Equal(got, tt.want) {
			t.Errorf("complete(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
	// Every visible command is offered, and none that is hidden.
	all := complete(app, []string{""})
	for _, c := range app.Commands {
		if slices.Contains(all, c.Name) == c.Hidden {
			t.Errorf("command %s offered: %v, hidden: %v", c.Name, !c.Hidden, c.Hidden)
		}
	}
}

// completionPath returns a PATH whose first directory holds the program, built, as commons.
func completionPath(t *testing.T) string {
	t.Helper()
	return filepath.Dir(program(t)) + string(os.PathListSeparator) + os.Getenv("PATH")
}

// shell returns the path of a shell, or skips the test with a message when it is not installed.
func shell(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s is not installed (apt-get install %s; .ci/run installs it): its completion script is not run", name, name)
	}
	return path
}

// runShell runs script in a shell with the program on the PATH, and returns what it prints.
func runShell(t *testing.T, sh string, args []string, script string) string {
	t.Helper()
	cmd := exec.Command(sh, append(args, script)...)
	cmd.Env = append(os.Environ(), "PATH="+completionPath(t), "HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	cmd.Dir = t.TempDir()
	os.WriteFile(filepath.Join(cmd.Dir, "pacte.yaml"), []byte("kind: convention\n"), 0o644)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", sh, err, out)
	}
	return string(out)
}

// TestBashCompletion runs the script of commons completion bash in bash, without the
// bash-completion package, as bash runs it when Tab is pressed.
func TestBashCompletion(t *testing.T) {
	bash := shell(t, "bash")
	tests := []struct {
		line string // what is typed, the cursor at its end
		want string // the completions, one per line
	}{
		{"commons ren", "render"},
		{"commons render --for", "--format\n--force"},
		{"commons render --format ", "md\nhtml\npdf\ndocx\nodt"},
		{"commons render --format=p", "pdf"},
		{"commons init --kind con", "convention"},
		{"commons render --lang e", "en"},
	}
	for _, tt := range tests {
		script := `source <(commons completion bash) || exit 1
line='` + tt.line + `'
read -ra COMP_WORDS <<< "$line"
[[ "$line" == *" " ]] && COMP_WORDS+=("")
# bash splits words at "=" for completion
if [[ "${COMP_WORDS[-1]}" == *=* ]]; then
    last=${COMP_WORDS[-1]}; unset 'COMP_WORDS[-1]'
    COMP_WORDS+=("${last%%=*}" "=" "${last#*=}")
fi
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
$(complete -p commons | sed 's/.*-F \([^ ]*\) .*/\1/')
printf '%s\n' "${COMPREPLY[@]}"`
		if got := strings.TrimSpace(runShell(t, bash, []string{"-c"}, script)); got != tt.want {
			t.Errorf("bash, %q: got\n%s\nwant\n%s", tt.line, got, tt.want)
		}
	}
	// The script registers a default to file names, for the arguments.
	if got := runShell(t, bash, []string{"-c"}, "source <(commons completion bash); complete -p commons"); !strings.Contains(got, "-o default") {
		t.Errorf("the bash completion does not fall back on file names: %s", got)
	}
}

// TestZshCompletion loads the script of commons completion zsh in zsh and runs its function as
// the completion system does, with compadd and _files standing in for the system's.
func TestZshCompletion(t *testing.T) {
	zsh := shell(t, "zsh")
	tests := []struct {
		words []string
		want  string
	}{
		{[]string{"commons", "ren"}, "compadd render"},
		{[]string{"commons", "render", "--format", ""}, "compadd md html pdf docx odt"},
		{[]string{"commons", "render", "--format=h"}, "compadd --format=html"},
		{[]string{"commons", "templates", ""}, "compadd list lint"},
		{[]string{"commons", "render", ""}, "_files"},
	}
	for _, tt := range tests {
		quoted := make([]string, len(tt.words))
		for i, w := range tt.words {
			quoted[i] = "'" + w + "'"
		}
		script := `compadd() { while [[ "$1" == -* && "$1" != -- ]]; do shift; done; [[ "$1" == -- ]] && shift; print -r -- "compadd $*"; }
_files() { print -r -- _files; }
compdef() { print -r -- "compdef $*"; }
source <(commons completion zsh)
words=(` + strings.Join(quoted, " ") + `)
CURRENT=${#words}
_commons`
		got := strings.TrimSpace(runShell(t, zsh, []string{"-f", "-c"}, script))
		if want := "compdef _commons commons\n" + tt.want; got != want {
			t.Errorf("zsh, %q: got\n%s\nwant\n%s", tt.words, got, want)
		}
	}
}

// TestFishCompletion loads the script of commons completion fish in fish and asks fish for the
// completions of a command line.
func TestFishCompletion(t *testing.T) {
	fish := shell(t, "fish")
	tests := []struct {
		line string
		want []string
	}{
		{"commons ren", []string{"render"}},
		{"commons render --format ", []string{"md", "html", "pdf", "docx", "odt"}},
		{"commons init --kind conv", []string{"convention"}},
		{"commons render pac", []string{"pacte.yaml"}},
	}
	for _, tt := range tests {
		out := runShell(t, fish, []string{"--no-config", "-c"}, "commons completion fish | source; complete -C '"+tt.line+"'")
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			got = append(got, strings.SplitN(l, "\t", 2)[0])
		}
		slices.Sort(got) // fish sorts completions itself
		if want := sorted(tt.want); !slices.Equal(got, want) {
			t.Errorf("fish, %q: got %q, want %q", tt.line, got, want)
		}
	}
}
