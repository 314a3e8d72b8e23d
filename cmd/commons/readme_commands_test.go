package main

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/templates"
)

// readmeNotRun are the commands of the README's sh blocks that TestReadmeCommands does not run,
// with the reason.
var readmeNotRun = map[string]string{
	"go test ./...": "it is the command that runs this test",
	"commons serve": "a server runs until it is stopped; partnership/serve starts it in its tests",
}

// readmeExit is the exit status of the README's commands that do not succeed on purpose.
var readmeExit = map[string]int{
	"LANG=fr_FR.UTF-8 commons validate examples/invalid/french-values.yaml":                                1, // an invalid example
	"commons diff pacte-v1.yaml pacte-v2.yaml":                                                             1, // the versions differ
	"commons diff --format pdf -o redline.pdf pacte-v1.yaml pacte-v2.yaml":                                 1,
	"commons diff --git HEAD~1 pacte.yaml":                                                                 1,
	"commons diff --old-templates house-2025/ --new-templates house-2026/ pacte.yaml":                      1,
	"commons diff --old-templates ../house-before/house --new-templates house pacte.yaml":                  1,
	`commons diff --format docx --author "Service juridique" -o pacte-v2.docx pacte-v1.yaml pacte-v2.yaml`: 1,
	// examples/invalid/ holds an application to this call with mistakes.
	"commons assess --format pdf -o selection.pdf examples/appel-a-communs-2026.yaml examples/": 1,
	"commons assess --format csv examples/appel-a-communs-2026.yaml examples/ > selection.csv":  1,
	"commons assess --format odt -o selection.odt examples/appel-a-communs-2026.yaml examples/": 1,
}

// readmeFiles are the files the README's commands write, with how each begins.
var readmeFiles = map[string]string{
	"parc.pdf": "%PDF-", "pacte.html": "<!DOCTYPE html>", "pact.pdf": "%PDF-", "selection.pdf": "%PDF-",
	"redline.pdf": "%PDF-", "pacte.docx": "PK\x03\x04", "pact.odt": "PK\x03\x04", "selection.odt": "PK\x03\x04",
	"pacte-v2.docx": "PK\x03\x04", "pacte-jardin.yaml": "# yaml-language-server: $schema=",
	"partnership.schema.json": "{", "selection.csv": "", "build/pacte-parc-des-glycines.md": "---\n",
	"word/pacte.docx": "PK\x03\x04", "conventions/pacte.yaml": "# yaml-language-server: $schema=../partnership.schema.json\n",
	"home/.zfunc/_commons": "#compdef commons", "home/.config/fish/completions/commons.fish": "# fish completion",
}

// readmeCommands returns the lines of the README's sh blocks, in order, without their comments.
func readmeCommands(t *testing.T, readme string) []string {
	t.Helper()
	var lines []string
	for _, m := range regexp.MustCompile("(?s)\n```sh\n(.*?)\n```\n").FindAllStringSubmatch(readme, -1) {
		for _, l := range strings.Split(m[1], "\n") {
			if i := strings.Index(l, "  #"); i >= 0 {
				l = l[:i]
			}
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
	}
	return lines
}

// TestReadmeCommands runs every command of the README's sh blocks, in order, as written, in a
// clean copy of the repository (its tracked files) with the program on the PATH, and checks
// their exit status, the files they write and the outputs the README shows. The copy is a git
// repository where pacte.yaml and the house clauses in house/ changed in the last commit, with
// the files the commands name: two versions of a pact, two directories of house clauses and a
// folder of conventions.
func TestReadmeCommands(t *testing.T) {
	for _, tool := range []string{"git", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed: the README's commands are not run", tool)
		}
	}
	path := completionPath(t) // the program, built, first on the PATH as commons
	repoRoot(t)
	readme := readFile(t, "README.md")
	tracked := strings.Split(strings.TrimRight(gitIn(t, ".", "ls-files"), "\n"), "\n")
	root := t.TempDir()
	dir, home := filepath.Join(root, "commons"), filepath.Join(root, "commons", "home")
	for _, f := range tracked {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, f), data)
	}
	// What a reader of the README has at hand.
	pacte := readFile(t, parc)
	v2 := strings.Replace(pacte, "meetings_per_year: 2", "meetings_per_year: 3", 1)
	clause, err := fs.ReadFile(templates.FS, "convention/fr/amendment.md")
	if err != nil {
		t.Fatal(err)
	}
	dated := bytes.Replace(clause, []byte("un avenant écrit"), []byte("un avenant écrit et daté"), 1)
	for name, data := range map[string][]byte{
		"pacte-v1.yaml": []byte(pacte), "pacte-v2.yaml": []byte(v2), "pacte.yaml": []byte(pacte),
		"house/convention/fr/amendment.md": clause, "house-2025/convention/fr/amendment.md": clause,
		"house-2026/convention/fr/amendment.md": dated,
	} {
		write(t, filepath.Join(dir, name), data)
	}
	os.MkdirAll(filepath.Join(home, ".zfunc"), 0o755)
	os.MkdirAll(filepath.Join(home, ".config", "fish", "completions"), 0o755)
	gitIn(t, dir, "init", "-q")
	gitIn(t, dir, "add", ".")
	gitIn(t, dir, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Pacte")
	write(t, filepath.Join(dir, "pacte.yaml"), []byte(v2))
	write(t, filepath.Join(dir, "house/convention/fr/amendment.md"), dated)
	gitIn(t, dir, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-am", "Trois réunions")
	write(t, filepath.Join(dir, "conventions", "pacte.yaml"), []byte(pacte))

	// A reader whose locale is English, unless a command of the README says otherwise.
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG=") {
			env = append(env, kv)
		}
	}
	env = append(env, "LANG=en_GB.UTF-8", "PATH="+path, "HOME="+home, "GIT_CONFIG_GLOBAL="+filepath.Join(home, ".gitconfig"),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_PAGER=cat", "SOURCE_DATE_EPOCH=1767225600")
	outputs := map[string]string{} // what each command printed on stdout and stderr
	ran := 0
	for _, line := range readmeCommands(t, readme) {
		skip := ""
		for prefix, reason := range readmeNotRun {
			if strings.HasPrefix(line, prefix) {
				skip = reason
			}
		}
		if skip != "" {
			t.Logf("not run: %s (%s)", line, skip)
			continue
		}
		cmd := exec.Command("bash", "--norc", "--noprofile", "-c", line)
		cmd.Dir, cmd.Env = dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := cmd.ProcessState.ExitCode()
		if err != nil && code < 0 {
			t.Fatalf("%s: %v", line, err)
		}
		ran++
		outputs[line] = stdout.String() + stderr.String()
		if want := readmeExit[line]; code != want {
			t.Errorf("%s: exit %d, want %d\n%.2000s%.2000s", line, code, want, stdout.String(), stderr.String())
		}
	}
	if ran < 20 {
		t.Fatalf("only %d commands of the README ran", ran)
	}
	for name, magic := range readmeFiles {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("%s does not begin with %q: %v %.60q", name, magic, err, data)
		}
	}
	// The outputs the README shows in its text blocks.
	spaces := strings.NewReplacer("\u00a0", " ", "\u202f", " ")
	shown := func(command, want string) {
		t.Helper()
		got, ok := outputs[command]
		if !ok {
			t.Errorf("the README does not run %s", command)
			return
		}
		if !strings.Contains(spaces.Replace(got), want) {
			t.Errorf("%s does not print, as the README shows,\n%s\nit prints:\n%.3000s", command, want, got)
		}
	}
	diagnostic := regexp.MustCompile(`^examples/[^: ]+\.(yaml|yml|json):[0-9]+:[0-9]+: `)
	for _, m := range regexp.MustCompile("(?s)\n```text\n(.*?)\n```\n").FindAllStringSubmatch(readme, -1) {
		for _, l := range strings.Split(m[1], "\n") {
			file, _, _ := strings.Cut(l, ":")
			switch {
			case strings.HasPrefix(l, "examples/invalid/french-values.yaml:"):
				shown("LANG=fr_FR.UTF-8 commons validate examples/invalid/french-values.yaml", l)
			case diagnostic.MatchString(l):
				// A diagnostic of an example: what commons validate prints for it.
				_, out, _ := commons(t, "validate", file)
				if !strings.Contains(out, l+"\n") {
					t.Errorf("commons validate %s does not print, as the README shows,\n%s\nit prints:\n%s", file, l, out)
				}
			case strings.HasPrefix(l, "commons: unknown command") || strings.HasPrefix(l, `run "commons --help"`):
				cmd := exec.Command("bash", "--norc", "-c", "commons rendr")
				cmd.Dir, cmd.Env = dir, env
				out, _ := cmd.CombinedOutput()
				if !strings.Contains(string(out), l+"\n") {
					t.Errorf("commons rendr does not print, as the README shows,\n%s\nit prints:\n%s", l, out)
				}
			}
		}
	}
	shown("commons validate pacte-jardin.yaml", "1 file checked: 1 valid, 0 invalid")
	shown("commons render pacte-jardin.yaml", "---\n")
	shown("commons explain pacte-jardin.yaml", "Article 1er")
	shown("commons score examples/pacte-tiers-lieu-la-fabrique.yaml", "communalit")
	shown("commons diff pacte-v1.yaml pacte-v2.yaml", "Modification de l’article")
	shown("commons diff --git HEAD~1 pacte.yaml", "au moins [-deux-] {+trois+} fois")
	shown("commons diff --old-templates ../house-before/house --new-templates house pacte.yaml", "un avenant écrit {+et daté+}")
	shown("commons assess examples/appel-communs-numeriques-2027.yaml examples/", "# Rapport de sélection")
	shown("commons assess examples/appel-communs-numeriques-2027.yaml examples/", "examples/charte-des-communs-valmont.yaml: skipped: a charter, not an application")
	if csv := readFile(t, filepath.Join(dir, "selection.csv")); !strings.Contains(strings.SplitN(csv, "\n", 2)[0], ",") {
		t.Errorf("selection.csv is not CSV: %.200s", csv)
	}
	if got := gitIn(t, dir, "config", "diff.commons.textconv"); got != "commons textconv\n" {
		t.Errorf("the README sets the textconv driver to %q", got)
	}
	// The clone is as clean as it was: what the commands wrote is ignored or untracked.
	if st := gitIn(t, dir, "status", "--porcelain", "--untracked-files=no"); st != "" {
		t.Errorf("the README's commands changed tracked files:\n%s", st)
	}
}

// write writes a file, making its folder, or fails the test.
func write(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
