package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestWantProgress(t *testing.T) {
	tests := []struct {
		name            string
		terminal, quiet bool
		files           int
		want            bool
	}{
		{"batch on a terminal", true, false, 8, true},
		{"two files on a terminal", true, false, 2, true},
		{"one file", true, false, 1, false},
		{"quiet", true, true, 8, false},
		{"not a terminal", false, false, 8, false},
		{"nothing", false, true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wantProgress(tt.terminal, tt.quiet, tt.files); got != tt.want {
				t.Errorf("wantProgress(%t, %t, %d) = %t, want %t", tt.terminal, tt.quiet, tt.files, got, tt.want)
			}
		})
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is taken for a terminal")
	}
}

// TestNoProgressWithoutTerminal runs the batch commands with stderr in a buffer, as in a pipe
// or CI: nothing but their usual output is printed.
func TestNoProgressWithoutTerminal(t *testing.T) {
	repoRoot(t)
	out := t.TempDir()
	code, _, stderr := commons(t, "render", "--out-dir", out, "examples/")
	if code != 1 { // examples/invalid is part of the batch
		t.Errorf("render: exit %d", code)
	}
	if strings.ContainsAny(stderr, "\r\x1b") || strings.Contains(stderr, "rendering") {
		t.Errorf("render draws a progress bar without a terminal:\n%q", stderr)
	}
	code, _, stderr = commons(t, "render", "--quiet", "--out-dir", out, "examples/pacte-parc-des-glycines.yaml", "examples/water-board.yaml")
	if code != 0 || stderr != "" {
		t.Errorf("render --quiet: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = commons(t, "assess", "-o", filepath.Join(out, "selection.md"), "examples/appel-a-communs-2026.yaml", "examples/")
	if strings.ContainsAny(stderr, "\r\x1b") || strings.Contains(stderr, "assessing") {
		t.Errorf("assess draws a progress bar without a terminal (exit %d):\n%q", code, stderr)
	}
}
