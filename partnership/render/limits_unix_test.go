//go:build unix

package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/commons-toolkit/commons/partnership/render"
)

// TestHouseDirectoryFIFO: a named pipe in place of a clause would block the program for ever
// while it waits for a writer; it is refused as not a regular file.
func TestHouseDirectoryFIFO(t *testing.T) {
	dir := houseClause(t, "Texte.")
	clause := filepath.Join(dir, "convention", "fr", "amendment.md")
	os.Remove(clause)
	if err := syscall.Mkfifo(clause, 0o644); err != nil {
		t.Skip("cannot make a named pipe:", err)
	}
	done := make(chan error, 1)
	go func() { _, err := render.New(render.WithHouseClauses(dir)); done <- err }()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("error %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("reading a house directory with a named pipe blocks")
	}
}
