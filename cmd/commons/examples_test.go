package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/commons-toolkit/commons/partnership"
)

// update rewrites the golden files instead of comparing with them: go test ./cmd/commons -update,
// or UPDATE_GOLDEN=1 go test ./... for every package. Review the result with git diff.
var update = flag.Bool("update", os.Getenv("UPDATE_GOLDEN") != "", "rewrite golden files")

// definitionFiles lists the definition files directly inside dir.
func definitionFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && partnership.IsDefinitionFile(e.Name()) {
			files = append(files, filepath.ToSlash(filepath.Join(dir, e.Name())))
		}
	}
	if len(files) == 0 {
		t.Fatalf("no definition in %s", dir)
	}
	return files
}

// TestExamplesAreValid is the first acceptance test: every example validates without a single
// diagnostic, warnings included.
func TestExamplesAreValid(t *testing.T) {
	repoRoot(t)
	for _, file := range definitionFiles(t, "examples") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, stderr := commons(t, "validate", file)
			if code != 0 || out != "" {
				t.Errorf("commons validate %s: exit %d\n%s%s", file, code, out, stderr)
			}
		})
	}
}

// TestInvalidExamples checks that each broken definition in examples/invalid gives exactly the
// diagnostics of its golden files, in English (NAME.golden beside NAME.yaml or NAME.json) and in
// French (NAME.fr.golden), and exit code 1. The French diagnostics have the same positions,
// pointers and codes as the English ones, and no English left in them.
func TestInvalidExamples(t *testing.T) {
	repoRoot(t)
	for _, file := range definitionFiles(t, "examples/invalid") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			base := strings.TrimSuffix(file, filepath.Ext(file))
			outputs := map[string]string{}
			for _, lang := range []string{"en", "fr"} {
				code, out, stderr := commons(t, "validate", "--lang", lang, file)
				if code != 1 {
					t.Errorf("exit code %d, want 1; stderr: %s", code, stderr)
				}
				if !strings.HasPrefix(out, file+":") {
					t.Errorf("diagnostics do not start with the file name %s:\n%s", file, out)
				}
				golden := base + ".golden"
				if lang == "fr" {
					golden = base + ".fr.golden"
				}
				compareGolden(t, golden, out)
				outputs[lang] = out
			}
			en, fr := diagnosticsJSON(t, "en", file), diagnosticsJSON(t, "fr", file)
			if len(en) != len(fr) {
				t.Fatalf("%d diagnostics in English, %d in French", len(en), len(fr))
			}
			for i := range en {
				e, f := en[i], fr[i]
				if e.Code == "" || e.Line != f.Line || e.Column != f.Column || e.Pointer != f.Pointer || e.Code != f.Code || e.HintCode != f.HintCode {
					t.Errorf("diagnostic %d differs between English and French, or has no code:\n%+v\n%+v", i, e, f)
				}
			}
			for _, line := range strings.Split(strings.TrimSpace(outputs["fr"]), "\n") {
				if w := englishWord(line); w != "" {
					t.Errorf("the French diagnostic has the English word %q:\n%s", w, line)
				}
			}
		})
	}
}

// jsonDiagnostic is a diagnostic as validate --format json writes it.
type jsonDiagnostic struct {
	Severity, File, Pointer, Code, Message, Hint string
	HintCode                                     string `json:"hint_code"`
	Line, Column                                 int
}

// diagnosticsJSON returns the diagnostics of validate --format json on file, in lang.
func diagnosticsJSON(t *testing.T, lang, file string) []jsonDiagnostic {
	t.Helper()
	_, out, _ := commons(t, "validate", "--format", "json", "--lang", lang, file)
	var report struct {
		Files []struct {
			Diagnostics []jsonDiagnostic `json:"diagnostics"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &report); err != nil || len(report.Files) != 1 {
		t.Fatalf("validate --format json: %v\n%s", err, out)
	}
	return report.Files[0].Diagnostics
}

// englishWords would betray an English message in a French diagnostic: words of English
// grammar that no French sentence writes.
var englishWords = []string{"the", "must", "is", "are", "not", "of", "and", "or", "has", "have", "with", "which",
	"should", "cannot", "file", "key", "value", "got", "unknown", "missing", "did", "you", "mean", "warning", "does", "exist", "only", "line", "valid"}

// quotedText matches what a diagnostic quotes from the definition: « text », "text", a pointer,
// a file name or a key, which may be in any language.
var quotedText = regexp.MustCompile(`«[^»]*»|"[^"]*"|'[^']*'|\S*[/_.]\S*|\{[^}]*\}|\([^)]*\b(?:loi|décret)[^)]*\)`)

// englishWord returns an English word of a French diagnostic, outside what it quotes, or "".
func englishWord(line string) string {
	// The position and the pointer come first: file:line:col: /pointer: message.
	if i := strings.Index(line, ": "); i >= 0 {
		line = line[i+2:]
	}
	line = quotedText.ReplaceAllString(line, " ")
	for _, w := range strings.FieldsFunc(line, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if slices.Contains(englishWords, strings.ToLower(w)) {
			return w
		}
	}
	return ""
}

// compareGolden compares got with the golden file, or rewrites the file under -update.
func compareGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run with -update to accept, then review git diff)\n%s", golden, lineDiff(string(want), got))
	}
}

// lineDiff shows the lines only in want (-) and only in got (+), enough to read a failure.
func lineDiff(want, got string) string {
	inWant := map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		inWant[l] = true
	}
	inGot := map[string]bool{}
	var b strings.Builder
	for _, l := range strings.Split(got, "\n") {
		inGot[l] = true
		if !inWant[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	for _, l := range strings.Split(want, "\n") {
		if !inGot[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	return b.String()
}
