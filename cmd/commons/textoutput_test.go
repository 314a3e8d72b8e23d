package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// forged is a line that GitHub Actions runs as a command when a log line starts with it.
const forged = "::error file=README.md,line=1::forged"

// linesStartingWith returns the lines of out that start with prefix.
func linesStartingWith(out, prefix string) []string {
	var found []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, prefix) {
			found = append(found, l)
		}
	}
	return found
}

// TestTextOutputCannotForgeLines runs the reproduction of the issue "text output that forges
// lines": a line break in a key or a file name started a new line of --format text, which a CI
// log runs as a command. Every text output writes control characters as escapes: no line of it
// starts with the forged command, in validate (text and github), score, render and diff.
func TestTextOutputCannotForgeLines(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	write := func(name, text string) string {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
	example := func(name string) string {
		data, err := os.ReadFile(filepath.Join(exampleDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	key := write("key.json", `{"kind": "charter", "x\n`+forged+`": 1}`)
	named := write("a\n"+forged+".yaml", "kind: charter\nlang: fr\nid: x\ntitle: T\nower: x\n")
	evidence := write("evidence.yaml", strings.Replace(example("pacte-tiers-lieu-la-fabrique.yaml"),
		"clause: Pacte, article « Objet et bien commun concerné »", `clause: "Pacte\n`+forged+`"`, 1))
	escape := write("escape.yaml", "kind: charter\nlang: fr\nid: x\ntitle: \"\\e[2J\\e[1;1H`+forged+`\"\n")
	title := write("title.yaml", strings.Replace(example("pacte-parc-des-glycines.yaml"), "  body: Comité de suivi du pacte\n", "  body: \"Comité.\\n"+forged+"\"\n", 1))
	runs := []struct {
		args []string
		// shown is how the control character appears in the output, escaped.
		shown string
	}{
		{[]string{"validate", key}, `\n::error file=README.md`},
		{[]string{"validate", "--format", "github", key}, `\n::error file=README.md`},
		{[]string{"validate", named}, `a\n::error file=README.md`},
		{[]string{"validate", "--format", "github", named}, `a%0A%3A%3Aerror file=README.md`},
		{[]string{"validate", escape}, `U+001B (escape)`},
		{[]string{"score", "--lang", "en", evidence}, `(clause: Pacte\n::error file=README.md`},
		{[]string{"render", title}, `::error file=README.md`},
		{[]string{"diff", filepath.Join(exampleDir, "pacte-parc-des-glycines.yaml"), title}, `::error file=README.md`},
	}
	for _, r := range runs {
		t.Run(strings.Join(r.args, " "), func(t *testing.T) {
			code, stdout, stderr := commons(t, r.args...)
			if code == 2 {
				t.Fatalf("exit 2:\n%s", stderr)
			}
			if bad := linesStartingWith(stdout+"\n"+stderr, "::error file=README.md"); len(bad) > 0 {
				t.Errorf("a line starts with the forged command:\n%s", strings.Join(bad, "\n"))
			}
			if strings.ContainsRune(stdout+stderr, 0x1b) {
				t.Error("the output holds an escape character")
			}
			if !strings.Contains(stdout, r.shown) {
				t.Errorf("the output does not show %q:\n%s", r.shown, stdout)
			}
		})
	}
}

// exampleDir is the absolute path of the examples, taken before tests move elsewhere.
var exampleDir = func() string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "examples"))
	return p
}()
