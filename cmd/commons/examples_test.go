package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
// diagnostics of its golden file (NAME.golden beside NAME.yaml or NAME.json), and exit code 1.
func TestInvalidExamples(t *testing.T) {
	repoRoot(t)
	for _, file := range definitionFiles(t, "examples/invalid") {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, stderr := commons(t, "validate", file)
			if code != 1 {
				t.Errorf("exit code %d, want 1; stderr: %s", code, stderr)
			}
			if !strings.HasPrefix(out, file+":") {
				t.Errorf("diagnostics do not start with the file name %s:\n%s", file, out)
			}
			golden := strings.TrimSuffix(file, filepath.Ext(file)) + ".golden"
			compareGolden(t, golden, out)
		})
	}
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
