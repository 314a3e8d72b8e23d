package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestAssessInParallel assesses a directory of applications to a call, with invalid
// applications, applications to another call, a charter, a rendered document and the call
// itself among them, and applications named on the command line, on one processor and on many:
// the report (in every format) and what is written on standard error are the same bytes as
// with one processor, where the files are read one by one in their order.
func TestAssessInParallel(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	call := largeCall(t, dir, 60)
	// An application whose kind cannot be read, one that the schema rejects, one to another
	// call, a charter, a rendered document and a copy of the call among the applications.
	other := definitionValue(t, "examples/candidature-cartocommuns.yaml")
	other["application"].(map[string]any)["call"].(map[string]any)["id"] = "un-autre-appel"
	writeJSON(t, filepath.Join(dir, "cand-0200.json"), other)
	broken := definitionValue(t, filepath.Join(dir, "cand-0007.json"))
	delete(broken, "title")
	broken["application"].(map[string]any)["requested"] = "beaucoup"
	writeJSON(t, filepath.Join(dir, "cand-0007.json"), broken)
	for name, text := range map[string]string{
		"cand-0013.json": `{"kind": "application", "title": "no end"`,
		"notes.md":       "# Notes\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	charter, err := os.ReadFile("examples/charte-des-communs-valmont.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "charte.yaml"), charter, 0o644)
	callData, _ := os.ReadFile(call)
	os.MkdirAll(filepath.Join(dir, "copie"), 0o755)
	os.WriteFile(filepath.Join(dir, "copie", "appel.json"), callData, 0o644)

	named := filepath.Join(dir, "cand-0003.json")
	assess := func(procs int, format string) (int, string, string) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		return commons(t, "assess", "--quiet", "--format", format, call, named, dir)
	}
	for _, format := range []string{"csv", "json", "md", "pdf"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := assess(1, format)
			if code != 1 || stdout == "" {
				t.Fatalf("one processor: exit %d, %d bytes\n%s", code, len(stdout), stderr)
			}
			for _, want := range []string{"cand-0007.json", "cand-0013.json: skipped", "cand-0200.json: skipped", "charte.yaml: skipped", "copie/appel.json: skipped"} {
				if !bytes.Contains([]byte(stderr), []byte(want)) {
					t.Errorf("stderr does not name %q:\n%s", want, stderr)
				}
			}
			if bytes.Contains([]byte(stderr), []byte("notes.md")) {
				t.Errorf("stderr names notes.md, which is no definition:\n%s", stderr)
			}
			for _, procs := range []int{2, 8} {
				c, out, errs := assess(procs, format)
				if c != code || out != stdout || errs != stderr {
					t.Errorf("%d processors: exit %d (want %d), report equal: %v, stderr equal: %v\n%s", procs, c, code, out == stdout, errs == stderr, diffLines(stderr, errs))
				}
			}
		})
	}
}

// diffLines returns the first line where two texts differ, for a readable failure.
func diffLines(want, got string) string {
	w, g := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := range min(len(w), len(g)) {
		if !bytes.Equal(w[i], g[i]) {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, w[i], g[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(w), len(g))
}
