package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHouseClausesStayInTheirDirectory runs the reproductions of the issue "clause templates
// without limits" as a user meets them: a clause that is a symbolic link to /etc/passwd put the
// file in the document while templates lint found no problem, and a clause looping over a
// trillion never finished. The link is refused by render and by lint; lint flags the loop and
// render stops it.
func TestHouseClausesStayInTheirDirectory(t *testing.T) {
	repoRoot(t)
	secret := filepath.Join(t.TempDir(), "passwd")
	os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644)
	house := t.TempDir()
	clause := filepath.Join(house, "convention", "fr", "amendment.md")
	os.MkdirAll(filepath.Dir(clause), 0o755)
	if err := os.Symlink(secret, clause); err != nil {
		t.Skip("symbolic links are not available:", err)
	}
	for _, args := range [][]string{
		{"templates", "lint", house},
		{"templates", "list", house},
		{"render", "--templates", house, "examples/pacte-parc-des-glycines.yaml"},
	} {
		code, stdout, stderr := commons(t, args...)
		if code != 2 || !strings.Contains(stderr, "symbolic link that leads outside the directory of house clauses") {
			t.Errorf("%v: exit %d:\n%s%s", args, code, stdout, stderr)
		}
		if strings.Contains(stdout+stderr, "root:x:0:0") || strings.Contains(stderr, "no problem found") {
			t.Errorf("%v shows the file or finds no problem:\n%s%s", args, stdout, stderr)
		}
	}

	os.Remove(clause)
	os.WriteFile(clause, []byte("{{define \"title\"}}Avenants{{end -}}\n{{range 1000000000000}}{{end}}\n"), 0o644)
	code, stdout, _ := commons(t, "templates", "lint", house)
	if code != 1 || !strings.Contains(stdout, "convention/fr/amendment.md:2:8: range over the constant 1000000000000") {
		t.Errorf("lint of a loop over a constant: exit %d:\n%s", code, stdout)
	}
	code, _, stderr := commons(t, "render", "--templates", house, "examples/pacte-parc-des-glycines.yaml")
	if code != 2 || !strings.Contains(stderr, `clause "amendment": the clauses of the document ran for more than 3s and were stopped`) {
		t.Errorf("render of a loop over a constant: exit %d:\n%s", code, stderr)
	}
}
