package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// TestOutputIgnoresTheEnvironment renders every example in every format under different
// processor counts, time zones, locales, working directories and orders of the files on the
// command line, and checks that every byte of every document is the same.
func TestOutputIgnoresTheEnvironment(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	repoRoot(t)
	root, _ := os.Getwd()
	dir := t.TempDir()
	bin := filepath.Join(dir, "commons")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/commons").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	files := definitionFiles(t, "examples")
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	abs := make([]string, len(files))
	for i, f := range files {
		abs[i] = filepath.Join(root, f)
	}
	variants := []struct {
		name  string
		env   []string
		cwd   string
		files []string
	}{
		{"reference", []string{"GOMAXPROCS=2", "TZ=UTC", "LANG=C.UTF-8"}, root, files},
		{"one processor, Auckland, French locale", []string{"GOMAXPROCS=1", "TZ=Pacific/Auckland", "LANG=fr_FR.UTF-8", "LC_ALL=fr_FR.UTF-8"}, root, files},
		{"many processors, reversed order", []string{"GOMAXPROCS=8", "TZ=America/Los_Angeles", "LANG=en_US.UTF-8"}, root, reversed},
		{"other working directory", []string{"GOMAXPROCS=3", "TZ=Asia/Kolkata"}, dir, abs},
	}
	var reference map[string][]byte
	for _, v := range variants {
		out := filepath.Join(dir, "out-"+filepath.Base(v.name))
		for _, format := range []string{"md", "html", "pdf"} {
			cmd := exec.Command(bin, append([]string{"render", "--quiet", "--format", format, "--out-dir", out}, v.files...)...)
			cmd.Dir = v.cwd
			cmd.Env = append(os.Environ(), v.env...)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%s, %s: %v\n%s", v.name, format, err, msg)
			}
		}
		got := map[string][]byte{}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			got[e.Name()], _ = os.ReadFile(filepath.Join(out, e.Name()))
		}
		if len(got) != 3*len(files) {
			t.Fatalf("%s: %d documents, want %d", v.name, len(got), 3*len(files))
		}
		if reference == nil {
			reference = got
			continue
		}
		for name, data := range got {
			if !bytes.Equal(data, reference[name]) {
				t.Errorf("%s: %s differs from the reference", v.name, name)
			}
		}
	}
}
