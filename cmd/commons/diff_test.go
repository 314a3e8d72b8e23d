package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/templates"
)

const parc = "examples/pacte-parc-des-glycines.yaml"

// edited writes a copy of a definition with old replaced by new, and returns its path.
func edited(t *testing.T, dir, file, old, new string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	out := filepath.Join(dir, filepath.Base(file))
	if err := os.WriteFile(out, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDiffCommand(t *testing.T) {
	repoRoot(t)
	changed := edited(t, t.TempDir(), parc, "meetings_per_year: 2", "meetings_per_year: 3")
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"identical", []string{parc, parc}, 0, []string{"Aucune modification du texte.\n"}, ""},
		{"one field", []string{parc, changed}, 1, []string{
			"Modification de l’article 6.\n",
			"## Article 6 – Gouvernance\n",
			"Elle se réunit au moins [-deux-] {+trois+} fois par an",
		}, ""},
		{"in English", []string{"--lang", "en", parc, changed}, 1, []string{"Article 6 modified.\n", "[-twice-] {+three times+}"}, ""},
		{"markdown", []string{"--format", "md", parc, changed}, 1, []string{
			"old_definition_sha256: ",
			"## Article 6 – Gouvernance {#governance .changed}",
			"au moins {--deux--} {++trois++} fois",
		}, ""},
		{"html", []string{"--format", "html", parc, changed}, 1, []string{`<h2 id="governance" class="changed">`, "<del>deux</del> <ins>trois</ins>"}, ""},
		{"no argument", nil, 2, nil, "give two definitions"},
		{"three arguments", []string{parc, parc, parc}, 2, nil, "give two definitions"},
		{"git with two files", []string{"--git", "HEAD", parc, parc}, 2, nil, "takes one definition"},
		{"bad format", []string{"--format", "rtf", parc, parc}, 2, nil, "--format must be one of text, md, html, pdf"},
		{"bad language", []string{"--lang", "de", parc, parc}, 2, nil, "--lang must be one of fr or en"},
		{"missing file", []string{parc, "examples/nothing.yaml"}, 2, nil, "no such file"},
		{"invalid definition", []string{parc, "examples/invalid/unknown-keys.yaml"}, 2, nil, "is invalid and cannot be compared"},
		{"missing house clauses", []string{"--old-templates", "no-such-dir", parc}, 2, nil, "house clauses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := commons(t, append([]string{"diff"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout does not contain %q:\n%s", want, stdout)
				}
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not mention %q:\n%s", tt.stderr, stderr)
			}
			if strings.Contains(stdout, "\x1b[") {
				t.Error("colours written to something that is not a terminal")
			}
		})
	}
}

// TestDiffHouseClauses renders one definition with two directories of house clauses that
// differ in one clause: the article written with it, and only that one, is reported.
func TestDiffHouseClauses(t *testing.T) {
	repoRoot(t)
	const clause = "convention/fr/amendment.md"
	text, err := fs.ReadFile(templates.FS, clause)
	if err != nil {
		t.Fatal(err)
	}
	old, new := t.TempDir(), t.TempDir()
	for dir, words := range map[string]string{old: "un avenant écrit", new: "un avenant écrit et daté"} {
		if err := os.MkdirAll(filepath.Join(dir, "convention", "fr"), 0o755); err != nil {
			t.Fatal(err)
		}
		body := strings.Replace(string(text), "un avenant écrit", words, 1)
		if err := os.WriteFile(filepath.Join(dir, clause), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := commons(t, "diff", "--old-templates", old, "--new-templates", new, parc)
	if code != 1 || !strings.HasPrefix(stdout, "Modification de l’article 16.\n") || !strings.Contains(stdout, "un avenant écrit {+et daté+}") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	// Against the library alone, the old directory changes nothing.
	if code, stdout, _ := commons(t, "diff", "--old-templates", old, parc); code != 0 {
		t.Errorf("house clauses equal to the library: exit %d\n%s", code, stdout)
	}
}

// gitIn runs git in dir with no user or system configuration, so that the test does not depend
// on the machine.
func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "GIT_PAGER=cat", "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// newRepository creates a git repository in a temporary directory with a definition committed
// twice: first as the example has it, then with one field changed. It returns the repository
// and the definition's path inside it (in a sub-directory, as definitions usually are).
func newRepository(t *testing.T) (repo, file string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo = t.TempDir()
	gitIn(t, repo, "init", "-q")
	gitIn(t, repo, "config", "user.name", "Test")
	gitIn(t, repo, "config", "user.email", "test@example.org")
	data, err := os.ReadFile(parc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(repo, "pactes"), 0o755); err != nil {
		t.Fatal(err)
	}
	file = filepath.Join(repo, "pactes", "parc.yaml")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "add", ".")
	gitIn(t, repo, "commit", "-q", "-m", "Pacte du parc")
	edited(t, filepath.Dir(file), file, "meetings_per_year: 2", "meetings_per_year: 3")
	gitIn(t, repo, "commit", "-q", "-a", "-m", "Trois réunions par an")
	return repo, file
}

func TestDiffGitRevision(t *testing.T) {
	repoRoot(t)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	_, file := newRepository(t)
	code, stdout, stderr := commons(t, "diff", "--git", "HEAD~1", file)
	if code != 1 || !strings.HasPrefix(stdout, "Modification de l’article 6.\n") || !strings.Contains(stdout, "[-deux-] {+trois+}") {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr := commons(t, "diff", "--git", "HEAD", file); code != 0 {
		t.Errorf("the file as committed: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := commons(t, "diff", "--git", "no-such-revision", file); code != 2 || !strings.Contains(stderr, `diff --git: "no-such-revision" is not a commit of the repository of`) {
		t.Errorf("unknown revision: exit %d\n%s", code, stderr)
	}
}

// TestDiffGitInjection runs the reproductions of the issue "diff --git argument injection": a
// revision that git read as an option wrote a file (--output=pwn.patch) or probed one
// (-O/etc/passwd); a blob of 300 MB was read whole. Each is refused, nothing is written, and a
// version larger than a definition may be is refused from its size.
func TestDiffGitInjection(t *testing.T) {
	repoRoot(t)
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	repo, file := newRepository(t)
	t.Chdir(repo)
	file, _ = filepath.Rel(repo, file)
	tests := []struct{ rev, message string }{
		{"--output=pwn.patch", `diff --git: "--output=pwn.patch" is not a revision`},
		{"-O/etc/passwd", `diff --git: "-O/etc/passwd" is not a revision`},
		{"--end-of-options", "is not a revision"},
		{"HEAD --output=pwn.patch", "is not a revision"},
		{"HEAD:pactes/parc.yaml", `"HEAD:pactes/parc.yaml" is not a commit`},
		{"HEAD~1^{tree}", "is not a commit"},
	}
	for _, tt := range tests {
		t.Run(tt.rev, func(t *testing.T) {
			code, _, stderr := commons(t, "diff", "--git", tt.rev, file)
			if code != 2 || !strings.Contains(stderr, tt.message) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tt.message, stderr)
			}
			for _, dir := range []string{".", "pactes"} {
				if _, err := os.Stat(filepath.Join(dir, "pwn.patch")); err == nil {
					t.Fatalf("git wrote %s", filepath.Join(dir, "pwn.patch"))
				}
			}
		})
	}
	t.Run("a version too large", func(t *testing.T) {
		big := "# " + strings.Repeat("x", 2<<20) + "\n"
		if err := os.WriteFile(file, []byte(big), 0o644); err != nil {
			t.Fatal(err)
		}
		gitIn(t, repo, "commit", "-q", "-a", "-m", "Trop grand")
		edited(t, filepath.Dir(file), file, "# ", "# y")
		code, _, stderr := commons(t, "diff", "--git", "HEAD", file)
		if code != 2 || !strings.Contains(stderr, "at HEAD is larger than 1048576 bytes") {
			t.Errorf("exit %d:\n%s", code, stderr)
		}
	})
}

// TestGitTextconv sets up the textconv driver the README documents in a repository the test
// creates, with the commons program built from this source: git diff and git log -p then show
// the change of the rendered text, not of the YAML.
func TestGitTextconv(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	bin := filepath.Join(t.TempDir(), "commons")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	repoRoot(t)
	repo, file := newRepository(t)
	if err := os.WriteFile(filepath.Join(repo, ".gitattributes"), []byte("*.yaml diff=commons\n*.yml diff=commons\n*.json diff=commons\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "config", "diff.commons.textconv", "'"+bin+"' render")

	for _, tt := range []struct {
		name string
		args []string
	}{
		{"diff between commits", []string{"diff", "HEAD~1", "--", "pactes/parc.yaml"}},
		{"log -p", []string{"log", "-p", "-1", "--format=%s", "--", "pactes/parc.yaml"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := gitIn(t, repo, tt.args...)
			for _, want := range []string{
				"-Elle se réunit au moins deux fois par an.",
				"+Elle se réunit au moins trois fois par an.",
				"## Article 6 – Gouvernance {#governance}",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("git %s does not show %q:\n%s", tt.args[0], want, out)
				}
			}
			if strings.Contains(out, "meetings_per_year") {
				t.Errorf("git %s shows the YAML, not the rendered text:\n%s", tt.args[0], out)
			}
		})
	}

	t.Run("working tree", func(t *testing.T) {
		edited(t, filepath.Dir(file), file, "meetings_per_year: 3", "meetings_per_year: 4")
		out := gitIn(t, repo, "diff", "--", "pactes/parc.yaml")
		if !strings.Contains(out, "+Elle se réunit au moins quatre fois par an") {
			t.Errorf("git diff of the working tree:\n%s", out)
		}
	})
}

// TestDiffPDF writes a redline as PDF and reads it back: deleted and inserted words are both in
// the text, and the heading of the changed article is in the outline.
func TestDiffPDF(t *testing.T) {
	repoRoot(t)
	t.Setenv("SOURCE_DATE_EPOCH", "1767225600")
	dir := t.TempDir()
	changed := edited(t, dir, parc, "meetings_per_year: 2", "meetings_per_year: 3")
	pdf := filepath.Join(dir, "redline.pdf")
	if code, _, stderr := commons(t, "diff", "--format", "pdf", "-o", pdf, parc, changed); code != 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text := strings.Join(strings.Fields(output(t, "pdftotext", "-enc", "UTF-8", pdf, "-")), " ")
	for _, want := range []string{"Comparaison des versions. Modification de l’article 6.", "au moins deux trois fois"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not read %q", want)
		}
	}
	again := filepath.Join(dir, "again.pdf")
	commons(t, "diff", "--format", "pdf", "-o", again, parc, changed)
	a, _ := os.ReadFile(pdf)
	b, _ := os.ReadFile(again)
	if string(a) != string(b) {
		t.Error("two runs give different PDF bytes")
	}
}
