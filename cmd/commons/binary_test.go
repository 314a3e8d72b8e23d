package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// built is the commons program built once for the tests that run it as a process of its own
// (signals, limits of memory, other users), in a directory removed after the tests.
var built struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// program builds the program from this source, once, and returns its path. Tests that need it
// are skipped in -short mode.
func program(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the program")
	}
	built.once.Do(func() {
		built.dir, built.err = os.MkdirTemp("", "commons-test-")
		if built.err != nil {
			return
		}
		// The directory may be entered by another user (TestOutputUnreadableNeedsForce).
		os.Chmod(built.dir, 0o755)
		built.path = filepath.Join(built.dir, "commons")
		cmd := exec.Command("go", "build", "-o", built.path, ".")
		cmd.Dir = packageDir
		built.out, built.err = cmd.CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.path
}

// packageDir is the directory of this package, taken before tests move elsewhere.
var packageDir, _ = os.Getwd()

func TestMain(m *testing.M) {
	// Messages follow the locale: the tests read them in English, whatever the machine's
	// locale, unless a test asks for French. LC_MESSAGES rather than LC_ALL, which the shells
	// the tests run would warn about when the locale is not installed.
	os.Unsetenv("LC_ALL")
	os.Setenv("LC_MESSAGES", "en_GB.UTF-8")
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}
