package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
)

// TestUsageErrors runs the mistakes of a first hour: each is a usage error (exit 2) printed on
// standard error in two lines, the second naming the --help to read, with nothing on standard
// output (commons init > x.yaml must not leave the help in x.yaml); flags are named with two
// dashes, and a misspelt command or flag gets the closest one.
func TestUsageErrors(t *testing.T) {
	repoRoot(t)
	tests := []struct {
		name  string
		args  []string
		first string // the first line of stderr
		help  string // the second
	}{
		{"misspelt command", []string{"rendr"}, `commons: unknown command "rendr"; did you mean "render"?`, `run "commons --help" for the list of commands`},
		{"unknown command", []string{"frobnicate"}, `commons: unknown command "frobnicate"`, `run "commons --help" for the list of commands`},
		{"misspelt flag", []string{"render", "-fromat", "pdf", "x.yaml"}, "commons render: unknown flag --fromat; did you mean --format?", `run "commons render --help" for its flags and an example`},
		{"misspelt flag with two dashes", []string{"validate", "--quite", "x.yaml"}, "commons validate: unknown flag --quite; did you mean --quiet?", `run "commons validate --help" for its flags and an example`},
		{"unknown flag", []string{"validate", "--colour", "examples/"}, "commons validate: unknown flag --colour", `run "commons validate --help" for its flags and an example`},
		{"flag without its value", []string{"render", "--format"}, "commons render: the flag --format needs a value", `run "commons render --help" for its flags and an example`},
		{"short flag without its value", []string{"render", "-o"}, "commons render: the flag -o needs a value", `run "commons render --help" for its flags and an example`},
		{"bad number", []string{"render", "--max-files", "many", "examples/"}, `commons render: invalid value "many" for --max-files`, `run "commons render --help" for its flags and an example`},
		{"unknown subcommand", []string{"templates", "foo"}, `commons templates: unknown command "foo"`, `run "commons templates --help" for the list of commands`},
		{"misspelt subcommand", []string{"templates", "lnit"}, `commons templates: unknown command "lnit"; did you mean "lint"?`, `run "commons templates --help" for the list of commands`},
		{"init without kind", []string{"init"}, "commons init: give the kind of document with --kind: charter, convention, call or application", `run "commons init --help" for its flags and an example`},
		{"bad choice", []string{"init", "--kind", "pact"}, `commons init: --kind must be one of charter, convention, call or application; got "pact"`, `run "commons init --help" for its flags and an example`},
		{"help of an unknown command", []string{"help", "rendr"}, `commons help: unknown command "rendr"; did you mean "render"?`, `run "commons --help" for the list of commands`},
		{"version with an argument", []string{"version", "x"}, "commons version: this command takes no arguments", `run "commons version --help" for its flags and an example`},
		{"no shell", []string{"completion", "tcsh"}, "commons completion: give the shell: bash, zsh or fish", `run "commons completion --help" for its flags and an example`},
		{"global language", []string{"--lang", "fr", "rendr"}, "commons\u00a0: commande inconnue «\u00a0rendr\u00a0»\u202f; vouliez-vous dire «\u00a0render\u00a0»\u202f?", "lancez «\u00a0commons --help\u00a0» pour la liste des commandes"},
		{"command language", []string{"render", "--lang", "fr", "--fromat", "pdf", "x.yaml"}, "commons render\u00a0: option inconnue --fromat\u202f; vouliez-vous dire --format\u202f?", "lancez «\u00a0commons render --help\u00a0» pour ses options et un exemple"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := commons(t, tt.args...)
			if code != exitUsage || stdout != "" {
				t.Errorf("exit %d, stdout %q; want exit 2 and nothing on stdout", code, stdout)
			}
			if want := tt.first + "\n" + tt.help + "\n"; stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
		})
	}
}

// TestHelpAndVersionCommands checks commons help [COMMAND] and commons version, which a newcomer
// types before --help and --version.
func TestHelpAndVersionCommands(t *testing.T) {
	code, out, _ := commons(t, "version")
	if code != 0 || out != "commons version "+version+"\n" {
		t.Errorf("commons version: exit %d, %q", code, out)
	}
	code, out, _ = commons(t, "help")
	if code != 0 || !strings.Contains(out, "COMMANDS:") || !strings.Contains(out, "render") || strings.Contains(out, "__complete") {
		t.Errorf("commons help: exit %d\n%s", code, out)
	}
	code, out, _ = commons(t, "help", "render")
	if code != 0 || !strings.Contains(out, "commons render [command options]") || !strings.Contains(out, "--format value") {
		t.Errorf("commons help render: exit %d\n%s", code, out)
	}
	code, out, _ = commons(t, "help", "templates", "lint")
	if code != 0 || !strings.Contains(out, "commons templates lint") {
		t.Errorf("commons help templates lint: exit %d\n%s", code, out)
	}
	for _, args := range [][]string{{"render", "--help"}, {"render", "-h"}, {"--help"}} {
		code, out, stderr := commons(t, args...)
		if code != 0 || out == "" || stderr != "" {
			t.Errorf("%v: exit %d, %d bytes on stdout, stderr %q", args, code, len(out), stderr)
		}
	}
}

// TestFormatFromExtension checks that -o names the format by its extension for render, assess,
// diff and export, that an extension contradicting --format is a usage error, and that an
// extension that names no format is one unless --format says what to write.
func TestFormatFromExtension(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	parc, water := "examples/pacte-parc-des-glycines.yaml", "examples/water-board.yaml"
	call, app := "examples/appel-a-communs-2026.yaml", "examples/candidature-cartocommuns.yaml"
	magic := map[string]string{".pdf": "%PDF-", ".html": "<!DOCTYPE html>", ".md": "---\n", ".docx": "PK\x03\x04", ".odt": "PK\x03\x04",
		".csv": "", ".json": "{", ".txt": ""}
	tests := []struct {
		args []string
		ext  string
		code int
	}{
		{[]string{"render", parc}, ".pdf", 0},
		{[]string{"render", parc}, ".html", 0},
		{[]string{"render", parc}, ".md", 0},
		{[]string{"render", parc}, ".docx", 0},
		{[]string{"render", parc}, ".odt", 0},
		{[]string{"assess", call, app}, ".pdf", 0},
		{[]string{"assess", call, app}, ".csv", 0},
		{[]string{"assess", call, app}, ".json", 0},
		{[]string{"diff", parc, water}, ".pdf", 1},
		{[]string{"diff", parc, water}, ".html", 1},
		{[]string{"diff", parc, water}, ".txt", 1},
		{[]string{"export", "examples/pacte-tiers-lieu-la-fabrique.yaml"}, ".csv", 0},
		{[]string{"export", water}, ".json", 0},
	}
	for _, tt := range tests {
		t.Run(tt.args[0]+tt.ext, func(t *testing.T) {
			out := filepath.Join(dir, tt.args[0]+tt.ext)
			code, _, stderr := commons(t, append([]string{tt.args[0], "-o", out}, tt.args[1:]...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tt.code, stderr)
			}
			data, err := os.ReadFile(out)
			if err != nil || !bytes.HasPrefix(data, []byte(magic[tt.ext])) {
				t.Errorf("%s does not hold its format (%v): %.40q", out, err, data)
			}
			switch tt.ext {
			case ".csv":
				if first, _, _ := strings.Cut(string(data), "\n"); !strings.Contains(first, ",") {
					t.Errorf("%s is not CSV: %q", out, first)
				}
			case ".txt":
				if len(data) == 0 || bytes.HasPrefix(data, []byte("---")) || bytes.HasPrefix(data, []byte("<")) {
					t.Errorf("%s is not the text redline: %.40q", out, data)
				}
			}
		})
	}
	errors := []struct {
		args []string
		want string
	}{
		{[]string{"render", "--format", "md", "-o", filepath.Join(dir, "x.pdf"), parc}, "--format md contradicts the extension of"},
		{[]string{"assess", "--format", "csv", "-o", filepath.Join(dir, "x.json"), call, app}, "--format csv contradicts the extension of"},
		{[]string{"diff", "--format", "pdf", "-o", filepath.Join(dir, "x.html"), parc, water}, "--format pdf contradicts the extension of"},
		{[]string{"export", "--format", "json", "-o", filepath.Join(dir, "x.csv"), water}, "--format json contradicts the extension of"},
		{[]string{"render", "-o", filepath.Join(dir, "x.txt"), parc}, "names no format this command writes (.docx, .htm, .html, .markdown, .md, .odt or .pdf)"},
		{[]string{"render", "-o", filepath.Join(dir, "x.csv"), parc}, "names no format this command writes"},
	}
	for _, tt := range errors {
		code, stdout, stderr := commons(t, tt.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 2 {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
	// An extension that names no format is fine when --format says what to write.
	out := filepath.Join(dir, "notes.txt")
	if code, _, stderr := commons(t, "render", "--format", "md", "-o", out, parc); code != 0 {
		t.Errorf("render --format md -o notes.txt: exit %d\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(out); !bytes.HasPrefix(data, []byte("---\n")) {
		t.Error("notes.txt does not hold the Markdown")
	}
}

// TestOutputIsADirectory checks that -o naming a directory is refused before any work, with a
// message that says so, and never the name of a temporary file.
func TestOutputIsADirectory(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "-o", dir, "examples/pacte-parc-des-glycines.yaml"},
			dir + " is a directory; give the name of a file, such as " + filepath.Join(dir, "pacte-parc-des-glycines.md") + ", or write one document per definition with --out-dir " + dir},
		{[]string{"render", "--format", "pdf", "-o", dir, "examples/pacte-parc-des-glycines.yaml"}, "such as " + filepath.Join(dir, "pacte-parc-des-glycines.pdf")},
		{[]string{"assess", "-o", dir, "examples/appel-a-communs-2026.yaml", "examples/candidature-cartocommuns.yaml"}, dir + " is a directory; give the name of a file, such as"},
		{[]string{"diff", "-o", dir, "examples/water-board.yaml", "examples/water-board.yaml"}, dir + " is a directory"},
		{[]string{"export", "-o", dir, "examples/water-board.yaml"}, dir + " is a directory"},
		{[]string{"schema", "-o", dir}, "such as " + filepath.Join(dir, partnership.SchemaFileName)},
	}
	for _, tt := range tests {
		code, _, stderr := commons(t, tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) || strings.Contains(stderr, ".tmp") {
			t.Errorf("%v: exit %d:\n%s\nwant %q", tt.args, code, stderr, tt.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the directory was written to: %v", entries)
	}
}

// TestOutDirMirrorsFolders runs the reproduction of the issue: two definitions of the same name
// in different folders aborted the batch; each is now rendered in the folder of its definition
// under the output directory, and the definitions of one folder land directly in it.
func TestOutDirMirrorsFolders(t *testing.T) {
	repoRoot(t)
	data, err := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range []string{"conventions/2025/pacte.yaml", "conventions/2026/pacte.yaml", "conventions/2026/avenant/pacte.yaml", "conventions/charte.yaml"} {
		os.MkdirAll(filepath.Dir(f), 0o755)
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"conventions"}, []string{"charte.md", "2025/pacte.md", "2026/pacte.md", "2026/avenant/pacte.md"}},
		{[]string{"conventions/2025/pacte.yaml", "conventions/2026/pacte.yaml"}, []string{"2025/pacte.md", "2026/pacte.md"}},
		{[]string{"conventions/2026"}, []string{"pacte.md", "avenant/pacte.md"}},
		{[]string{"conventions/2026/pacte.yaml"}, []string{"pacte.md"}},
	}
	for i, tt := range tests {
		out := filepath.Join(dir, "build", string(rune('a'+i)))
		code, _, stderr := commons(t, append([]string{"render", "--quiet", "--out-dir", out}, tt.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d\n%s", tt.args, code, stderr)
			continue
		}
		var got []string
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, p)
				got = append(got, filepath.ToSlash(rel))
			}
			return nil
		})
		if strings.Join(sorted(got), " ") != strings.Join(sorted(tt.want), " ") {
			t.Errorf("%v wrote %v, want %v", tt.args, got, tt.want)
		}
	}
	// Two definitions that would still give the same document are refused before any work.
	os.WriteFile("conventions/2025/pacte.json", []byte(`{}`), 0o644)
	code, _, stderr := commons(t, "render", "--out-dir", "build/e", "conventions/2025")
	if code != exitUsage || !strings.Contains(stderr, "would both be written to") {
		t.Errorf("pacte.yaml and pacte.json: exit %d\n%s", code, stderr)
	}
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// TestWalkSkipsHiddenFiles runs the reproduction of the issue: validate . read
// .pre-commit-config.yaml. Hidden files and folders are skipped when a directory is walked, as
// git skips them; a hidden file named on the command line is read.
func TestWalkSkipsHiddenFiles(t *testing.T) {
	repoRoot(t)
	data, err := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	os.WriteFile("pacte.yaml", data, 0o644)
	os.WriteFile(".pre-commit-config.yaml", []byte("repos:\n  - repo: local\n"), 0o644)
	os.MkdirAll(".github/workflows", 0o755)
	os.WriteFile(".github/workflows/conventions.yml", []byte("name: conventions\non: [push]\n"), 0o644)
	os.MkdirAll("sub/.cache", 0o755)
	os.WriteFile("sub/.cache/x.json", []byte("{}"), 0o644)
	code, out, stderr := commons(t, "validate", ".")
	if code != 0 || out != "" || !strings.Contains(stderr, "1 file checked: 1 valid") {
		t.Errorf("validate .: exit %d\n%s%s", code, out, stderr)
	}
	code, _, stderr = commons(t, "render", "--quiet", "--out-dir", "build", ".")
	if code != 0 {
		t.Errorf("render --out-dir build .: exit %d\n%s", code, stderr)
	}
	if entries, _ := os.ReadDir("build"); len(entries) != 1 {
		t.Errorf("render wrote %v, want the one document", entries)
	}
	if code, _, _ := commons(t, "validate", ".pre-commit-config.yaml"); code != 1 {
		t.Errorf("a hidden file named on the command line is not read (exit %d)", code)
	}
	// assess searches a directory for applications the same way.
	os.Mkdir("candidatures", 0o755)
	for _, f := range []string{"appel-a-communs-2026.yaml", "candidature-cartocommuns.yaml"} {
		data, _ := os.ReadFile(filepath.Join(packageDir, "..", "..", "examples", f))
		os.WriteFile(filepath.Join("candidatures", f), data, 0o644)
	}
	os.WriteFile("candidatures/.pre-commit-config.yaml", []byte("repos: []\n"), 0o644)
	code, out, stderr = commons(t, "assess", "candidatures/appel-a-communs-2026.yaml", "candidatures")
	if code != 0 || !strings.Contains(out, "cartocommuns") || strings.Contains(stderr, "pre-commit") {
		t.Errorf("assess of a directory: exit %d\n%s", code, stderr)
	}
}

// TestMessagesLanguage checks where the language of messages comes from: --lang (on the command
// or before it), else LC_ALL, LC_MESSAGES and LANG in that order, else the definition's language.
func TestMessagesLanguage(t *testing.T) {
	repoRoot(t)
	french := "clé inconnue «\u00a0ower\u00a0»"
	english := `unknown key "ower"`
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"locale English", map[string]string{"LC_MESSAGES": "en_GB.UTF-8"}, nil, english},
		{"locale French", map[string]string{"LC_MESSAGES": "", "LANG": "fr_FR.UTF-8"}, nil, french},
		{"LC_ALL first", map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, nil, english},
		{"LC_MESSAGES before LANG", map[string]string{"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, nil, french},
		{"no language: the definition's", map[string]string{"LC_MESSAGES": "", "LANG": "C.UTF-8"}, nil, french},
		{"--lang beats the locale", map[string]string{"LC_MESSAGES": "fr_FR.UTF-8"}, []string{"--lang", "en"}, english},
		{"--lang before the command", map[string]string{"LC_MESSAGES": "en_GB.UTF-8"}, []string{"global", "--lang", "fr"}, french},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
				t.Setenv(k, tt.env[k])
			}
			args := append([]string{"validate"}, tt.args...)
			if len(tt.args) > 0 && tt.args[0] == "global" {
				args = append(tt.args[1:], "validate")
			}
			_, out, _ := commons(t, append(args, "examples/invalid/unknown-keys.yaml")...)
			if !strings.Contains(out, tt.want) {
				t.Errorf("%v: want %q in\n%s", args, tt.want, out)
			}
		})
	}
	// An English definition gives English messages when nothing else decides.
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "")
	dir := t.TempDir()
	data, _ := os.ReadFile("examples/water-board.yaml")
	bad := filepath.Join(dir, "board.yaml")
	os.WriteFile(bad, bytes.Replace(data, []byte("\ntitle:"), []byte("\ntitel: x\ntitle:"), 1), 0o644)
	if _, out, stderr := commons(t, "validate", bad); !strings.Contains(out, `unknown key "titel"`) || !strings.Contains(stderr, "1 file checked") {
		t.Errorf("an English definition:\n%s%s", out, stderr)
	}
	// A French locale beats the definition's English, in every spelling of the flag too.
	t.Setenv("LANG", "fr_FR.UTF-8")
	if _, out, _ := commons(t, "validate", bad); !strings.Contains(out, "clé inconnue") {
		t.Errorf("an English definition under a French locale:\n%s", out)
	}
	if got := argsLang([]string{"commons", "-lang=en", "validate"}); got != "en" {
		t.Errorf("-lang=en under a French locale: messages in %q", got)
	}
}

// TestRenderSummaryInFrench checks a summary and a warning of render written in French.
func TestRenderSummaryInFrench(t *testing.T) {
	repoRoot(t)
	src, _ := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	dir := t.TempDir()
	file := filepath.Join(dir, "pacte.yaml")
	os.WriteFile(file, bytes.Replace(src, []byte("  cure_days: 30\n"), nil, 1), 0o644)
	code, _, stderr := commons(t, "render", "--lang", "fr", "--out-dir", filepath.Join(dir, "out"), file)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for _, want := range []string{
		"/termination/cure_days: avertissement\u00a0: aucune valeur pour cure_days\u202f; la valeur par défaut «\u00a030 jours\u00a0» s’applique" +
			"\u202f; écrivez /termination/cure_days dans la définition pour en faire sa propre valeur (valeur par défaut\u00a0: convention.any.termination.cure_days dans templates/defaults.yaml)",
		"documents écrits dans " + filepath.Join(dir, "out") + "\u00a0: 1 sur 1, en ",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestInitModeline checks the first line of the starters: the schema file named with --schema,
// else the nearest partnership.schema.json in this folder or above, else the schema's address
// with a comment saying how to work offline; and commons schema -o writing that file.
func TestInitModeline(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, out, _ := commons(t, "init", "--kind", "convention")
	lines := strings.SplitN(out, "\n", 4)
	if code != 0 || lines[0] != "# yaml-language-server: $schema="+schema.ID || !strings.Contains(lines[1]+lines[2], "commons schema -o partnership.schema.json") {
		t.Errorf("without a schema file: exit %d\n%s", code, strings.Join(lines[:3], "\n"))
	}
	_, en, _ := commons(t, "init", "--kind", "call", "--lang", "en")
	if !strings.HasPrefix(strings.SplitN(en, "\n", 2)[1], "# To check this file offline") {
		t.Errorf("the English starter's comment:\n%.300s", en)
	}
	if code, _, stderr := commons(t, "schema", "-o", "partnership.schema.json"); code != 0 {
		t.Fatalf("commons schema -o: exit %d\n%s", code, stderr)
	}
	if data, _ := os.ReadFile("partnership.schema.json"); !bytes.Equal(data, schema.JSON) {
		t.Fatal("commons schema -o did not write the schema")
	}
	// Writing it again replaces it without --force: commons wrote it.
	if code, _, stderr := commons(t, "schema", "-o", "partnership.schema.json"); code != 0 {
		t.Errorf("commons schema -o over its own file: exit %d\n%s", code, stderr)
	}
	_, out, _ = commons(t, "init", "--kind", "charter")
	if first := strings.SplitN(out, "\n", 2)[0]; first != "# yaml-language-server: $schema=partnership.schema.json" {
		t.Errorf("beside the schema: %s", first)
	}
	os.MkdirAll("conventions/2026", 0o755)
	t.Chdir("conventions/2026")
	_, out, _ = commons(t, "init", "--kind", "charter")
	if first := strings.SplitN(out, "\n", 2)[0]; first != "# yaml-language-server: $schema=../../partnership.schema.json" {
		t.Errorf("two folders below the schema: %s", first)
	}
	code, out, stderr := commons(t, "init", "--kind", "charter", "--schema", "schemas/communs.json")
	if first := strings.SplitN(out, "\n", 2)[0]; code != 0 || first != "# yaml-language-server: $schema=schemas/communs.json" ||
		!strings.Contains(stderr, "the schema schemas/communs.json does not exist yet; write it with: commons schema -o schemas/communs.json") {
		t.Errorf("--schema: exit %d, %s\n%s", code, first, stderr)
	}
	// The starter, written where its modeline points, validates and renders as it is.
	_, out, _ = commons(t, "init", "--kind", "convention", "--lang", "en")
	os.WriteFile("pact.yaml", []byte(out), 0o644)
	if code, _, stderr := commons(t, "render", "pact.yaml"); code != 0 || stderr != "" {
		t.Errorf("the starter does not render as it is: exit %d\n%s", code, stderr)
	}
}

// TestFailuresInFrench checks that the failure of a step on a file is written in the language of
// messages, with the file it concerns: a definition pinned to another clause library.
func TestFailuresInFrench(t *testing.T) {
	repoRoot(t)
	src, err := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pacte.yaml")
	os.WriteFile(file, bytes.Replace(src, []byte("kind: convention\n"), []byte("kind: convention\ntemplates: \"^9.0\"\n"), 1), 0o644)
	tests := []struct {
		lang, want string
	}{
		{"en", "commons: render " + file + ": incompatible clause library: the definition asks for version ^9.0 of the clause library (>=9.0.0 <10.0.0)"},
		{"fr", "commons\u00a0: impossible de produire le document de " + file + "\u00a0: bibliothèque de clauses incompatible\u00a0: la définition demande la version ^9.0"},
	}
	for _, tt := range tests {
		for _, args := range [][]string{{"render", "--lang", tt.lang, file}, {"explain", "--lang", tt.lang, file}} {
			code, _, stderr := commons(t, args...)
			if code != exitUsage || !strings.HasPrefix(stderr, tt.want) {
				t.Errorf("%v: exit %d\n%s\nwant exit 2 and\n%s", args, code, stderr, tt.want)
			}
		}
	}
}
