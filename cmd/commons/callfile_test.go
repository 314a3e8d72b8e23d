package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// secret is what a file the applications must not reach holds.
const secret = "root:*:19700:0:99999:7:::"

// callTree lays out a folder of applications beside their call, and a secret file outside the
// folder: base/secret/shadow and base/work/{appel-a-communs-2026.yaml, candidatures/}. It
// returns base and moves into base/work.
func callTree(t *testing.T) string {
	t.Helper()
	base := t.TempDir()
	work := filepath.Join(base, "work")
	for _, dir := range []string{filepath.Join(base, "secret"), filepath.Join(work, "candidatures")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(base, "secret", "shadow"), []byte(secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	call, err := os.ReadFile(filepath.Join("..", "..", "examples", "appel-a-communs-2026.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "appel-a-communs-2026.yaml"), call, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	return base
}

// application writes an application whose call is file, and returns its path.
func application(t *testing.T, name, file string) string {
	t.Helper()
	src, err := os.ReadFile(exampleApplication)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "file: appel-a-communs-2026.yaml", "file: "+file, 1)
	path := filepath.Join("candidatures", name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// exampleApplication is the absolute path of the example application, set before the tests move.
var exampleApplication = func() string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "examples", "candidature-cartocommuns.yaml"))
	return p
}()

// TestCallFileIsConfined runs the reproductions of the issue "application.call.file reads any
// file": "../../../../etc/shadow" made assess print the file in its report, and a named pipe
// hung the program. The call is read only below the working directory, the application's
// directory or its repository (or --root), only if it is a regular file, and what a file that
// is not a call holds never appears in a message or a report.
func TestCallFileIsConfined(t *testing.T) {
	base := callTree(t)
	if err := os.WriteFile("notes.txt", []byte(secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("broken.json", []byte(`{"kind": "call", "note": "`+secret+`"`), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(base, "secret", "shadow")
	if err := os.Symlink(outside, "raccourci.yaml"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		root       string
		code       int
		message    string
	}{
		{"the call beside the folder", "../appel-a-communs-2026.yaml", "", 0, ""},
		{"a relative path out of the tree", "../../secret/shadow", "", 1, `the call "../../secret/shadow" lies outside the directories an application may name a call in`},
		{"the issue's path", "../../../../../../../../etc/shadow", "", 1, "lies outside"},
		{"an absolute path", outside, "", 1, "lies outside"},
		{"a link that leads outside", "../raccourci.yaml", "", 1, "lies outside"},
		{"a file that is not a call", "../notes.txt", "", 1, `the call "../notes.txt" is not a call for commons`},
		{"a file that cannot be read as a definition", "../broken.json", "", 1, `the call "../broken.json" is not a definition that can be read`},
		{"an application for a call", "voisine.yaml", "", 1, `the call "voisine.yaml" is not a call for commons; its kind is "application"`},
		{"a missing file", "../appel-2027.yaml", "", 1, `the call "../appel-2027.yaml" does not exist`},
		{"--root narrower than the call", "../appel-a-communs-2026.yaml", "candidatures", 1, "lies outside"},
		{"--root wider than the secret", "../../secret/shadow", base, 1, `the call "../../secret/shadow" is not a call for commons`},
	}
	application(t, "voisine.yaml", "voisine.yaml")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := application(t, "candidature.yaml", tt.file)
			args := []string{"validate", app}
			if tt.root != "" {
				args = []string{"validate", "--root", tt.root, app}
			}
			code, stdout, stderr := commons(t, args...)
			if code != tt.code || !strings.Contains(stdout, tt.message) {
				t.Fatalf("exit %d, want %d, with %q; stdout:\n%s\nstderr:\n%s", code, tt.code, tt.message, stdout, stderr)
			}
			for _, cmd := range [][]string{{"assess", "--format", "md", "appel-a-communs-2026.yaml", app}, {"assess", "--format", "json", "appel-a-communs-2026.yaml", app}, {"score", app}, {"render", app}} {
				_, stdout, stderr := commons(t, cmd...)
				if strings.Contains(stdout+stderr, "root:*") {
					t.Errorf("%s shows the content of the file:\n%s%s", cmd[0], stdout, stderr)
				}
			}
		})
	}
}

// TestCallFileNamedPipe: a named pipe in place of the call is refused at once instead of
// blocking the program until it is killed.
func TestCallFileNamedPipe(t *testing.T) {
	callTree(t)
	if err := mkfifo("appel.yaml"); err != nil {
		t.Skip("cannot make a named pipe:", err)
	}
	app := application(t, "candidature.yaml", "../appel.yaml")
	done := make(chan string, 1)
	go func() { _, stdout, _ := commons(t, "validate", app); done <- stdout }()
	select {
	case out := <-done:
		if !strings.Contains(out, `the call "../appel.yaml" is not a regular file`) {
			t.Errorf("stdout:\n%s", out)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a named pipe as the call blocks the program")
	}
}
