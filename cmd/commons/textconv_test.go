package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// preCommit is a YAML file that is not a definition, as a repository of definitions holds.
const preCommit = `repos:
  - repo: local
    hooks:
      - id: commons-validate
        name: check partnership definitions
        entry: commons validate
        language: system
        files: \.(ya?ml|json)$
`

// TestTextconv checks the git driver: the rendered Markdown of a valid definition, anything else
// as it is, the exit status 0 and nothing on stderr whatever the file.
func TestTextconv(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(name string) string {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	_, rendered, _ := commons(t, "render", "examples/pacte-parc-des-glycines.yaml")
	if !strings.HasPrefix(rendered, "---\n") {
		t.Fatalf("render: %.100s", rendered)
	}
	invalid := strings.Replace(read("examples/pacte-parc-des-glycines.yaml"), "  owner: ", "  ower: ", 1)
	tests := []struct {
		name, file, want string
	}{
		{"a valid definition", "examples/pacte-parc-des-glycines.yaml", rendered},
		{"a YAML file that is not a definition", write(".pre-commit-config.yaml", preCommit), preCommit},
		{"a definition with a typo", write("pacte.yaml", invalid), invalid},
		{"a JSON file that is not a definition", write("package.json", `{"name": "x"}`), `{"name": "x"}`},
		{"a YAML syntax error", write("broken.yml", "title: \"open\nkind: charter\n"), "title: \"open\nkind: charter\n"},
		{"an application whose call is out of reach", write("candidature.yaml", read("examples/candidature-cartocommuns.yaml")), read("examples/candidature-cartocommuns.yaml")},
		{"binary data", write("logo.yaml", "\x00\x01PNG"), "\x00\x01PNG"},
		{"an empty file", write("empty.yaml", ""), ""},
		{"a file that does not exist", filepath.Join(dir, "missing.yaml"), ""},
		{"a directory", dir, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := commons(t, "textconv", tt.file)
			if code != 0 || stderr != "" {
				t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr)
			}
			if out != tt.want {
				t.Errorf("output:\n%.300s\nwant:\n%.300s", out, tt.want)
			}
		})
	}
}

// TestGitDiffThroughTextconv runs the README's recipe in a repository holding a definition, a
// YAML file that is not one (.pre-commit-config.yaml, a workflow) and a definition with a typo:
// git diff and git log -p show the change of the document's text for the definition and the
// files as they are for the others, and never fail.
func TestGitDiffThroughTextconv(t *testing.T) {
	repoRoot(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	path := completionPath(t) // the program, built, on the PATH as commons
	pacte, err := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PATH="+path, "GIT_CONFIG_NOSYSTEM=1", "HOME="+repo, "GIT_PAGER=cat", "LC_MESSAGES=en_GB.UTF-8")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(args ...string) string {
		t.Helper()
		out, err := git(args...)
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return out
	}
	write := func(name string, data []byte) {
		p := filepath.Join(repo, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("init", "-q")
	must("config", "user.name", "Service juridique")
	must("config", "user.email", "juridique@valmont.example")
	must("config", "diff.commons.textconv", "commons textconv")
	must("config", "diff.commons.cachetextconv", "true")
	write(".gitattributes", []byte("*.yaml diff=commons\n*.yml diff=commons\n*.json diff=commons\n"))
	write("conventions/pacte.yaml", pacte)
	write("conventions/brouillon.yaml", []byte(strings.Replace(string(pacte), "  owner: ", "  ower: ", 1)))
	write(".pre-commit-config.yaml", []byte(preCommit))
	write(".github/workflows/conventions.yml", []byte("name: conventions\non: [push, pull_request]\n"))
	must("add", "-A")
	must("commit", "-q", "-m", "Conventions")

	changed := strings.Replace(string(pacte), "cure_days: 30", "cure_days: 45", 1)
	if changed == string(pacte) {
		t.Fatal("the example has no cure period to change")
	}
	write("conventions/pacte.yaml", []byte(changed))
	write("conventions/brouillon.yaml", []byte(strings.Replace(string(pacte), "  owner: ", "  onwer: ", 1)))
	write(".pre-commit-config.yaml", []byte(strings.Replace(preCommit, "language: system", "language: golang", 1)))
	write(".github/workflows/conventions.yml", []byte("name: conventions\non: [push]\n"))

	diff, err := git("diff")
	if err != nil {
		t.Fatalf("git diff fails: %v\n%s", err, diff)
	}
	for _, want := range []string{
		"diff --git a/conventions/pacte.yaml b/conventions/pacte.yaml",
		"45 jours",                  // the document's text
		"-  ower: ",                 // the invalid definition, as it is
		"+  onwer: ",                //
		"+        language: golang", // the hook configuration, as it is
		"+on: [push]",               // the workflow, as it is
	} {
		if !strings.Contains(diff, want) {
			t.Errorf("git diff lacks %q:\n%s", want, diff)
		}
	}
	if strings.Contains(diff, "cure_days: 45") {
		t.Errorf("git diff shows the YAML of the valid definition, not its document:\n%s", diff)
	}
	must("commit", "-q", "-am", "Change")
	for _, args := range [][]string{{"log", "-p"}, {"show", "HEAD"}, {"diff", "HEAD~1", "--stat"}, {"diff", "--no-textconv", "HEAD~1"}} {
		if out, err := git(args...); err != nil || strings.Contains(out, "fatal") {
			t.Errorf("git %v: %v\n%s", args, err, out)
		}
	}
	if out := must("diff", "--no-textconv", "HEAD~1", "--", "conventions/pacte.yaml"); !strings.Contains(out, "+  cure_days: 45") {
		t.Errorf("git diff --no-textconv does not show the YAML:\n%s", out)
	}
}
