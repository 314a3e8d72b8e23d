package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/schema"
)

// repoRoot makes the test run from the top of the module, so that paths in diagnostics read as
// a user typing commands from there would see them.
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

// commons runs the program in-process and returns its exit code, stdout and stderr.
func commons(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"commons"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestExitCodes(t *testing.T) {
	repoRoot(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"version", []string{"--version"}, 0, ""},
		{"help", []string{"--help"}, 0, ""},
		{"valid example", []string{"validate", "examples/pacte-parc-des-glycines.yaml"}, 0, "1 file checked: 1 valid, 0 invalid"},
		{"invalid example", []string{"validate", "examples/invalid/unknown-keys.yaml"}, 1, "1 invalid"},
		{"missing file", []string{"validate", "examples/nothing-here.yaml"}, 2, "no such file"},
		{"no file", []string{"validate"}, 2, "at least one file"},
		{"bad format", []string{"validate", "--format", "xml", "examples/"}, 2, "--format must be one of text, json"},
		{"unknown flag", []string{"validate", "--colour", "examples/"}, 2, "unknown flag --colour"},
		{"unknown command", []string{"valdate"}, 2, "unknown command"},
		{"init without kind", []string{"init"}, 2, "kind"},
		{"init bad kind", []string{"init", "--kind", "pact"}, 2, "--kind must be one of"},
		{"init bad lang", []string{"init", "--kind", "charter", "--lang", "de"}, 2, "--lang must be one of fr or en"},
		{"schema with argument", []string{"schema", "x"}, 2, "no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := commons(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not mention %q:\n%s", tt.stderr, stderr)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	_, out, _ := commons(t, "--version")
	if !strings.Contains(out, version) {
		t.Errorf("--version prints %q, want the version %s", out, version)
	}
}

func TestSchemaCommandPrintsTheEmbeddedSchema(t *testing.T) {
	code, out, _ := commons(t, "schema")
	if code != 0 || out != string(schema.JSON) {
		t.Fatalf("commons schema: exit %d, %d bytes; want the %d bytes of the embedded schema", code, len(out), len(schema.JSON))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if v["$id"] != schema.ID {
		t.Errorf("$id = %v, want %s", v["$id"], schema.ID)
	}
}

// TestHelpShowsAnExample checks that every command's --help teaches by example.
func TestHelpShowsAnExample(t *testing.T) {
	for _, cmd := range newApp(nil, nil).Commands {
		if cmd.Hidden || cmd.Name == "help" { // commons help --help is the program's help
			continue
		}
		t.Run(cmd.Name, func(t *testing.T) {
			code, out, _ := commons(t, cmd.Name, "--help")
			if code != 0 || !strings.Contains(out, "Example:") || !strings.Contains(out, "commons "+cmd.Name) {
				t.Errorf("commons %s --help (exit %d) shows no example:\n%s", cmd.Name, code, out)
			}
		})
	}
}

// TestInitScaffoldValidates writes the starter file of each kind and language and validates it:
// a newcomer's first run must not greet them with errors.
func TestInitScaffoldValidates(t *testing.T) {
	dir := t.TempDir()
	for _, kind := range []string{"charter", "convention", "call", "application"} {
		for _, lang := range []string{"fr", "en"} {
			t.Run(kind+"-"+lang, func(t *testing.T) {
				code, out, stderr := commons(t, "init", "--kind", kind, "--lang", lang)
				if code != 0 {
					t.Fatalf("init: exit %d: %s", code, stderr)
				}
				first, _, _ := strings.Cut(out, "\n")
				if first != "# yaml-language-server: $schema="+schema.ID {
					t.Errorf("first line %q is not the schema modeline", first)
				}
				if !strings.Contains(out, "\nkind: "+kind+"\n") || !strings.Contains(out, "\nlang: "+lang+"\n") {
					t.Errorf("scaffold does not set kind %s and lang %s", kind, lang)
				}
				file := filepath.Join(dir, kind+"-"+lang+".yaml")
				if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				code, diags, _ := commons(t, "validate", file)
				if code != 0 || strings.Contains(diags, "warning") {
					t.Errorf("the scaffold does not validate without warnings (exit %d):\n%s", code, diags)
				}
				code, _, stderr = commons(t, "render", file)
				if code != 0 || stderr != "" {
					t.Errorf("the scaffold does not render as it is (exit %d):\n%s", code, stderr)
				}
				checkStarterLanguage(t, out, lang)
				if strings.Contains(out, "\n  owner: ") && strings.Contains(out, "\n  owner_name: ") {
					t.Error("the commons has both an owner and an owner's name")
				}
				if i := strings.Index(out, "role: public_authority"); strings.Contains(out[:strings.Index(out[i:], "\n  - ")+i], "\n    rna: ") {
					t.Error("the public body of the starter has an RNA number")
				}
			})
		}
	}
}

// checkStarterLanguage checks that a starter is written in its language: its comments and its
// example texts.
func checkStarterLanguage(t *testing.T, starter, lang string) {
	t.Helper()
	var comments, values []string
	for _, line := range strings.Split(starter, "\n")[1:] {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "#") {
			comments = append(comments, trimmed)
		} else if _, v, ok := strings.Cut(trimmed, ": "); ok {
			values = append(values, v)
		}
	}
	words := map[string][]string{ // words that would betray the other language
		"fr": {"(optional)", " the ", " which ", "Riverside"},
		"en": {"(facultatif)", " le ", " les ", " des ", "Valmont", "Commune"},
	}[lang]
	for _, w := range words {
		for _, c := range comments {
			if strings.Contains(c, w) && !strings.Contains(c, "« ") && !strings.Contains(c, "“") {
				t.Errorf("a comment of the %s starter has %q: %s", lang, w, c)
				break
			}
		}
		for _, v := range values {
			if strings.Contains(" "+v+" ", w) {
				t.Errorf("a value of the %s starter has %q: %s", lang, w, v)
				break
			}
		}
	}
}

// TestExplain lists where the articles of a document come from, in text and JSON; a default
// applied is named with its key in the defaults file.
func TestExplain(t *testing.T) {
	repoRoot(t)
	src, err := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pacte.yaml")
	if err := os.WriteFile(file, []byte(strings.Replace(string(src), "  cure_days: 30\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := commons(t, "explain", "--format", "json", file)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var e struct {
		Kind         string `json:"kind"`
		Jurisdiction string `json:"jurisdiction"`
		Articles     []struct {
			ID       string                                  `json:"id"`
			Number   int                                     `json:"number"`
			Heading  string                                  `json:"heading"`
			Pointers []string                                `json:"pointers"`
			Defaults []struct{ Pointer, Key, Source string } `json:"defaults"`
			Statutes []struct{ Key, Text string }            `json:"statutes"`
		} `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &e); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if e.Kind != "convention" || e.Jurisdiction != "FR" || len(e.Articles) < 20 {
		t.Fatalf("explanation %+v", e)
	}
	found := false
	for _, a := range e.Articles {
		if a.ID == "termination" {
			found = a.Number > 0 && slices.Contains(a.Pointers, "/termination/grounds") && len(a.Defaults) == 1 &&
				a.Defaults[0].Key == "convention.any.termination.cure_days" && a.Defaults[0].Pointer == "/termination/cure_days"
		}
	}
	if !found {
		t.Errorf("the termination article does not say where its cure period comes from:\n%s", out)
	}
	code, text, _ := commons(t, "explain", "--lang", "en", file)
	if code != 0 || !strings.Contains(text, "Article 18 – Termination {#termination}") ||
		!strings.Contains(text, "  default:  /termination/cure_days = 30 (convention.any.termination.cure_days in templates/defaults.yaml)") {
		t.Errorf("explain in text:\n%s", text)
	}
	code, _, stderr = commons(t, "render", file)
	if code != 0 || !strings.Contains(stderr, "/termination/cure_days: warning: no cure period given; the default \"30 days\" applies") {
		t.Errorf("render does not warn of the default (exit %d):\n%s", code, stderr)
	}
}

// TestValidateJSON checks the machine-readable report: its shape, and that it carries the same
// diagnostics as the text output.
func TestValidateJSON(t *testing.T) {
	repoRoot(t)
	files := []string{"examples/pacte-parc-des-glycines.yaml", "examples/invalid/unknown-keys.yaml"}
	code, out, _ := commons(t, append([]string{"validate", "--format", "json"}, files...)...)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var report struct {
		Valid    bool `json:"valid"`
		Errors   int  `json:"errors"`
		Warnings int  `json:"warnings"`
		Files    []struct {
			File        string `json:"file"`
			Valid       bool   `json:"valid"`
			Diagnostics []struct {
				Severity, File, Pointer, Message, Hint string
				Code                                   string `json:"code"`
				HintCode                               string `json:"hint_code"`
				Line, Column                           int
			} `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if report.Valid || report.Errors != 3 || len(report.Files) != 2 {
		t.Fatalf("report = %+v", report)
	}
	if !report.Files[0].Valid || report.Files[0].Diagnostics == nil || len(report.Files[0].Diagnostics) != 0 {
		t.Errorf("a valid file must have an empty diagnostics list, not null: %+v", report.Files[0])
	}
	_, text, _ := commons(t, "validate", files[1])
	var lines []string
	for _, d := range report.Files[1].Diagnostics {
		line := fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Column, d.Pointer, d.Message)
		if d.Hint != "" {
			line += "; " + d.Hint
		}
		if d.Severity != "error" {
			t.Errorf("severity %q", d.Severity)
		}
		lines = append(lines, line)
	}
	if strings.Join(lines, "\n")+"\n" != text {
		t.Errorf("JSON and text disagree:\n%s\nvs\n%s", strings.Join(lines, "\n"), text)
	}
	// Each diagnostic carries the stable code of its message, the same in every language.
	_, fr, _ := commons(t, "validate", "--lang", "fr", "--format", "json", files[1])
	if !strings.Contains(fr, "clé inconnue") {
		t.Errorf("--lang fr --format json is not in French:\n%s", fr)
	}
	for _, d := range report.Files[1].Diagnostics {
		if d.Code == "" {
			t.Errorf("no code: %+v", d)
		}
		if d.Pointer == "/commons/ower" && (d.Code != "unknown-key" || d.HintCode != "did-you-mean") {
			t.Errorf("/commons/ower: code %q, hint_code %q; want unknown-key, did-you-mean", d.Code, d.HintCode)
		}
		if !strings.Contains(fr, `"code": "`+d.Code+`"`) {
			t.Errorf("the French report lacks the code %q", d.Code)
		}
	}
}

// TestValidateDirectoryAndOrder checks that a directory is searched and that the output does not
// depend on the order of the arguments.
func TestValidateDirectoryAndOrder(t *testing.T) {
	repoRoot(t)
	_, a, _ := commons(t, "validate", "examples/invalid/governance-rules.yaml", "examples/invalid/call-rules.yaml")
	_, b, _ := commons(t, "validate", "examples/invalid/call-rules.yaml", "examples/invalid/governance-rules.yaml")
	if a != b || a == "" {
		t.Errorf("output depends on argument order:\n%s\nvs\n%s", a, b)
	}
	code, all, stderr := commons(t, "validate", "examples")
	if code != 1 || !strings.Contains(all, "examples/invalid/call-rules.yaml:") || !strings.Contains(stderr, "invalid") {
		t.Errorf("validating the examples directory: exit %d\n%s", code, stderr)
	}
}
