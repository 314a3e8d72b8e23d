package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// readmeBlocks returns the fenced code blocks of one language in the "Integration" section of
// the README, whose snippets these tests exercise.
func readmeBlocks(t *testing.T, lang string) []string {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "\n## Integration\n")
	end := strings.Index(text, "\n## Layout\n")
	if start < 0 || end < start {
		t.Fatal(`README.md has no "## Integration" section before "## Layout"`)
	}
	var blocks []string
	for _, m := range regexp.MustCompile("(?s)\n```"+lang+"\n(.*?)\n```\n").FindAllStringSubmatch(text[start:end], -1) {
		blocks = append(blocks, m[1]+"\n")
	}
	return blocks
}

// readmeYAML returns the YAML snippet of the Integration section that contains marker.
func readmeYAML(t *testing.T, marker string) string {
	t.Helper()
	for _, b := range readmeBlocks(t, "yaml") {
		if strings.Contains(b, marker) {
			return b
		}
	}
	t.Fatalf("no YAML snippet with %q in the Integration section of README.md", marker)
	return ""
}

func TestReadmePreCommitHook(t *testing.T) {
	repoRoot(t)
	var config struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Hooks []struct {
				ID       string `yaml:"id"`
				Entry    string `yaml:"entry"`
				Language string `yaml:"language"`
				Files    string `yaml:"files"`
				Exclude  string `yaml:"exclude"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal([]byte(readmeYAML(t, "repos:")), &config); err != nil {
		t.Fatalf("the pre-commit configuration is not valid YAML: %v", err)
	}
	if len(config.Repos) != 1 || config.Repos[0].Repo != "local" || len(config.Repos[0].Hooks) != 1 {
		t.Fatalf("want one local repository with one hook: %+v", config)
	}
	hook := config.Repos[0].Hooks[0]
	if hook.Entry != "commons validate" || hook.Language != "system" {
		t.Errorf("hook runs %q with language %q, want commons validate, system", hook.Entry, hook.Language)
	}
	files, exclude := regexp.MustCompile(hook.Files), regexp.MustCompile(hook.Exclude)
	for path, want := range map[string]bool{
		"conventions/pacte.yaml":        true,
		"pacte.yml":                     true,
		"candidature.json":              true,
		"README.md":                     false,
		".pre-commit-config.yaml":       false,
		".github/workflows/checks.yaml": false,
	} {
		if got := files.MatchString(path) && !exclude.MatchString(path); got != want {
			t.Errorf("the hook checks %s: %t, want %t", path, got, want)
		}
	}
	// pre-commit appends the staged files that match to the entry: do the same with the examples.
	var staged []string
	for _, f := range definitionFiles(t, "examples") {
		if files.MatchString(f) && !exclude.MatchString(f) {
			staged = append(staged, f)
		}
	}
	args := append(strings.Fields(hook.Entry)[1:], staged...)
	if code, out, stderr := commons(t, args...); code != 0 {
		t.Errorf("%s on the examples: exit %d\n%s%s", hook.Entry, code, out, stderr)
	}
	// A broken definition stops the commit.
	if code, _, _ := commons(t, append(strings.Fields(hook.Entry)[1:], "examples/invalid/bad-values.yaml")...); code == 0 {
		t.Error("the hook lets an invalid definition through")
	}
}

func TestReadmeWorkflow(t *testing.T) {
	repoRoot(t)
	var wf struct {
		On   []string `yaml:"on"`
		Jobs map[string]struct {
			RunsOn string `yaml:"runs-on"`
			Steps  []struct {
				Name string            `yaml:"name"`
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(readmeYAML(t, "runs-on:")), &wf); err != nil {
		t.Fatalf("the workflow is not valid YAML: %v", err)
	}
	if !slices.Contains(wf.On, "push") {
		t.Errorf("the workflow does not run on push: %v", wf.On)
	}
	// Run the workflow's commons commands in a repository of conventions made of the examples.
	examples, err := filepath.Abs("examples")
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, "conventions"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range definitionFiles(t, "examples") {
		data, err := os.ReadFile(filepath.Join(examples, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, "conventions", filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(repo)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	var ran []string
	var artefacts string
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			if strings.HasPrefix(step.Uses, "actions/upload-artifact@") {
				artefacts = step.With["path"]
			}
			for _, line := range strings.Split(step.Run, "\n") {
				if !strings.HasPrefix(line, "commons ") {
					continue
				}
				ran = append(ran, line)
				code, out, stderr := commons(t, strings.Fields(line)[1:]...)
				if code != 0 {
					t.Errorf("%s: exit %d\n%s%s", line, code, out, stderr)
				}
				if strings.Contains(line, "--format github") && out != "" {
					t.Errorf("%s prints annotations for valid definitions:\n%s", line, out)
				}
			}
		}
	}
	if len(ran) < 2 || !strings.Contains(ran[0], "validate --format github") || !strings.Contains(strings.Join(ran, "\n"), "render --format pdf --out-dir") {
		t.Errorf("the workflow should validate with --format github, then render PDFs; it runs %q", ran)
	}
	pdfs, _ := filepath.Glob(filepath.Join(artefacts, "*.pdf"))
	if artefacts == "" || len(pdfs) != len(definitionFiles(t, "conventions")) {
		t.Errorf("the artefacts (%q) hold %d PDF files, want one per definition", artefacts, len(pdfs))
	}
}

func TestModelineNamesTheSchema(t *testing.T) {
	_, schemaOut, _ := commons(t, "schema")
	var s struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal([]byte(schemaOut), &s); err != nil || s.ID == "" {
		t.Fatalf("commons schema has no $id: %v", err)
	}
	// Without a schema file, the modeline names the schema's $id.
	t.Chdir(t.TempDir())
	want := "# yaml-language-server: $schema=" + s.ID
	for _, kind := range []string{"charter", "convention", "call", "application"} {
		_, out, _ := commons(t, "init", "--kind", kind)
		if first, _, _ := strings.Cut(out, "\n"); first != want {
			t.Errorf("commons init --kind %s starts with\n  %s\nwant\n  %s", kind, first, want)
		}
	}
	// The README's recipe: the schema at the top of the repository, a starter written into
	// conventions/ by a redirection of standard output, whose modeline the README shows.
	os.Mkdir("conventions", 0o755)
	if code, _, stderr := commons(t, "schema", "-o", "partnership.schema.json"); code != 0 {
		t.Fatalf("commons schema -o: exit %d\n%s", code, stderr)
	}
	f, err := os.Create("conventions/pacte.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	code := run([]string{"commons", "init", "--kind", "convention"}, f, &stderr)
	f.Close()
	first, _, _ := strings.Cut(readFile(t, "conventions/pacte.yaml"), "\n")
	t.Chdir(packageDir)
	repoRoot(t)
	if got := strings.TrimSpace(readmeYAML(t, "yaml-language-server")); code != 0 || got != first {
		t.Errorf("the README shows the modeline\n  %s\ncommons init > conventions/pacte.yaml writes (exit %d)\n  %s\n%s", got, code, first, stderr.String())
	}
}

// TestShellCompletion asks the program what to complete as the completion scripts do, through
// commons __complete, and checks that the README shows how to load each script.
func TestShellCompletion(t *testing.T) {
	code, out, _ := commons(t, "__complete", "")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := strings.Fields(out)
	for _, cmd := range []string{"validate", "render", "export", "score", "assess", "templates", "schema", "init"} {
		if !slices.Contains(got, cmd) {
			t.Errorf("completion does not offer %q: %q", cmd, got)
		}
	}
	// A flag partly typed is completed, not a crash.
	code, out, _ = commons(t, "__complete", "render", "--fo")
	if code != 0 || !slices.Equal(strings.Fields(out), []string{"--format", "--force", "--font"}) {
		t.Errorf("completing a flag of render: exit %d, %q", code, out)
	}
	repoRoot(t)
	sh := strings.Join(readmeBlocks(t, "sh"), "")
	for _, shell := range shells {
		if !strings.Contains(sh, "commons completion "+shell) {
			t.Errorf("the README does not show how to load the completion of %s", shell)
		}
	}
}
