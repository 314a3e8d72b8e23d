package templates

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

func TestVersionIsSemantic(t *testing.T) {
	if v := Version(); !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("VERSION %q is not a semantic version", v)
	}
}

// TestEmptyCellsAreEnDashes keeps one mark for an empty cell of a table across the clause
// library, the en dash of the charters, calls and assessment reports: no line of a clause that
// writes a table row holds an em dash.
func TestEmptyCellsAreEnDashes(t *testing.T) {
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") || path == "CHANGELOG.md" {
			return err
		}
		data, err := FS.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, "|") && strings.Contains(line, "—") {
				t.Errorf("%s:%d: an em dash in a table row: %s", path, i+1, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
