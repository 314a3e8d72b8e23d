//go:build unix

package earlywarm

import (
	"syscall"
	"testing"
)

// TestCandidatesLeaveFIFOs checks that a FIFO named like a definition is not read ahead: what
// is read from it would be gone for the command.
func TestCandidatesLeaveFIFOs(t *testing.T) {
	inDir(t, map[string]string{"a.yaml": "a: 1\n"})
	if err := syscall.Mkfifo("pipe.yaml", 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if got := Candidates([]string{"commons", "render", "pipe.yaml", "a.yaml"}); len(got) != 1 || got[0] != "a.yaml" {
		t.Errorf("Candidates = %q, want only a.yaml", got)
	}
}
