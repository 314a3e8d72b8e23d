// Package golden compares test output with files checked in beside the tests, and rewrites
// them on request so that a change of output is reviewed in git diff rather than in code.
package golden

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"
)

// update rewrites golden files instead of comparing: go test -update, or UPDATE_GOLDEN=1 for
// every package at once.
var update = flag.Bool("update", false, "rewrite golden files")

// Updating reports whether golden files are being rewritten.
func Updating() bool { return *update || os.Getenv("UPDATE_GOLDEN") != "" }

// Compare checks got against the golden file, or rewrites the file when updating. A difference
// is shown as the first line that differs, which is what a reviewer needs to start from.
func Compare(t testing.TB, path string, got []byte) {
	t.Helper()
	if Updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update or UPDATE_GOLDEN=1 to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(gl), len(wl)) {
		if gl[i] != wl[i] {
			t.Fatalf("%s differs at line %d (run with -update to accept, then review git diff):\nwant: %s\ngot:  %s", path, i+1, wl[i], gl[i])
		}
	}
	t.Fatalf("%s differs in length: %d lines, want %d (run with -update to accept)", path, len(gl), len(wl))
}
