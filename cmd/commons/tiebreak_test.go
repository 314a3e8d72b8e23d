package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestAssessTieBreakFromHouseDefaults: a call that leaves out its tie-break rule is ranked by
// the default of the library in use, the house directory of --templates included, and the user
// is told which default applied and where it comes from.
func TestAssessTieBreakFromHouseDefaults(t *testing.T) {
	house := t.TempDir()
	if err := os.WriteFile(filepath.Join(house, "defaults.yaml"), []byte("call:\n  any:\n    call.tie_break: [reference]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	call := filepath.Join(exampleDir, "appel-a-communs-2026.yaml")
	app := filepath.Join(exampleDir, "candidature-cartocommuns.yaml")
	tests := []struct {
		name   string
		args   []string
		steps  []string
		source string
	}{
		{"library", nil, []string{"marks_by_weight", "communality", "earliest_filed", "reference"}, "templates/defaults.yaml"},
		{"house", []string{"--templates", house}, []string{"reference"}, "defaults.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"assess", "--format", "json"}, tt.args...)
			code, stdout, stderr := commons(t, append(args, call, app)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			var a struct {
				TieBreak []string `json:"tie_break"`
				Source   string   `json:"tie_break_source"`
			}
			if err := json.Unmarshal([]byte(stdout), &a); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a.TieBreak, tt.steps) || !strings.HasSuffix(a.Source, tt.source) {
				t.Errorf("tie-break %v from %q, want %v from …%s", a.TieBreak, a.Source, tt.steps, tt.source)
			}
			if !strings.Contains(stderr, "/call/tie_break: warning:") || !strings.Contains(stderr, tt.source) {
				t.Errorf("stderr does not show the default applied and its file:\n%s", stderr)
			}
		})
	}
}
