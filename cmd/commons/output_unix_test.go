//go:build unix

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOutputPermissions runs the reproduction of the issue: every output was set to 0644, even
// over a file that was 0600 and under a umask of 077. A replaced file keeps its mode; a new file
// follows the umask.
func TestOutputPermissions(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	render := func(out string) {
		t.Helper()
		if code, _, stderr := commons(t, "render", "-o", out, "examples/pacte-parc-des-glycines.yaml"); code != 0 {
			t.Fatalf("exit %d:\n%s", code, stderr)
		}
	}
	mode := func(path string) os.FileMode {
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return st.Mode().Perm()
	}
	for _, umask := range []int{0o077, 0o022, 0o002} {
		old := syscall.Umask(umask)
		out := filepath.Join(dir, "new.md")
		os.Remove(out)
		render(out)
		syscall.Umask(old)
		if got, want := mode(out), os.FileMode(0o666&^umask); got != want {
			t.Errorf("umask %03o: a new output is %03o, want %03o", umask, got, want)
		}
	}
	for _, previous := range []os.FileMode{0o600, 0o640, 0o664} {
		out := filepath.Join(dir, "kept.md")
		render(out)
		if err := os.Chmod(out, previous); err != nil {
			t.Fatal(err)
		}
		render(out)
		if got := mode(out); got != previous {
			t.Errorf("a %03o output became %03o", previous, got)
		}
	}
}

// TestOutputUnreadableNeedsForce runs the reproduction of the issue: a file the user could not
// read, so commons could not tell whether it wrote it, was replaced without --force. The program
// runs as a user who cannot read the file (nobody, when the tests run as root).
func TestOutputUnreadableNeedsForce(t *testing.T) {
	repoRoot(t)
	bin := program(t)
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o755) // the test's own directory, which another user must cross
	os.Chmod(dir, 0o777)
	def := filepath.Join(dir, "pacte.yaml")
	data, _ := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	os.WriteFile(def, data, 0o644)
	out := filepath.Join(dir, "secret.md")
	notes := []byte("Notes confidentielles de la juriste.\n")
	if err := os.WriteFile(out, notes, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		if os.Geteuid() == 0 {
			c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		} else if err := os.Chmod(out, 0); err != nil {
			t.Fatal(err)
		}
		return c
	}
	msg, err := cmd("render", "-o", out, def).CombinedOutput()
	if err == nil || !strings.Contains(string(msg), "cannot be read to check that commons wrote it") {
		t.Fatalf("an unreadable file was replaced without --force (%v):\n%s", err, msg)
	}
	os.Chmod(out, 0o600)
	if got, _ := os.ReadFile(out); !bytes.Equal(got, notes) {
		t.Fatal("the file changed")
	}
	if msg, err := cmd("render", "--force", "-o", out, def).CombinedOutput(); err != nil {
		t.Fatalf("with --force: %v\n%s", err, msg)
	}
	os.Chmod(out, 0o600)
	if got, _ := os.ReadFile(out); !bytes.HasPrefix(got, []byte("---\n")) {
		t.Error("--force did not replace the file")
	}
}

// interruptionLine is all an interrupted command prints on stderr.
var interruptionLine = regexp.MustCompile(`^interrupted(: \d+ of \d+ written, the rest untouched)?\n$`)

// TestInterruptStopsEveryCommand runs the reproductions of the issue: a clause looping for ever
// ignored SIGINT and SIGTERM, and a named pipe as the output hung the program. Whatever a
// command is waiting for, Ctrl-C or SIGTERM stops it within a second with the status 130 and
// one line on stderr, and leaves no temporary file.
func TestInterruptStopsEveryCommand(t *testing.T) {
	repoRoot(t)
	bin := program(t)
	example, _ := filepath.Abs("examples/pacte-parc-des-glycines.yaml")
	tests := []struct {
		name  string
		setup func(dir string) []string
	}{
		{"a named pipe as the output", func(dir string) []string {
			mkfifo(filepath.Join(dir, "out.md"))
			return []string{"render", "-o", filepath.Join(dir, "out.md"), example}
		}},
		{"a named pipe as the input", func(dir string) []string {
			mkfifo(filepath.Join(dir, "in.yaml"))
			return []string{"validate", filepath.Join(dir, "in.yaml")}
		}},
		{"standard input left open", func(string) []string {
			return []string{"validate", "-"}
		}},
		{"a clause that loops for ever", func(dir string) []string {
			clause := filepath.Join(dir, "house", "convention", "fr", "amendment.md")
			os.MkdirAll(filepath.Dir(clause), 0o755)
			os.WriteFile(clause, []byte("{{range 1000000000000}}{{end}}"), 0o644)
			return []string{"render", "--templates", filepath.Join(dir, "house"), "-o", filepath.Join(dir, "out.md"), example}
		}},
		{"a PDF batch", func(dir string) []string {
			data, _ := os.ReadFile(example)
			for i := range 150 {
				os.WriteFile(filepath.Join(dir, "pacte-"+strconv.Itoa(i)+".yaml"), data, 0o644)
			}
			return []string{"render", "--quiet", "--format", "pdf", "--out-dir", filepath.Join(dir, "out"), dir}
		}},
	}
	for _, tt := range tests {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(tt.name+" "+sig.String(), func(t *testing.T) {
				// A signal that comes before the program has started (on a loaded machine) kills
				// it as it would any program: the run is tried again after a longer wait. A
				// program that never handles the signal fails every try.
				for wait := 500 * time.Millisecond; ; wait *= 2 {
					if interrupt(t, bin, tt.setup, sig, wait) || wait > 4*time.Second {
						return
					}
					t.Logf("the signal came before the program could handle it; trying again after %v", 2*wait)
				}
			})
		}
	}
}

// interrupt runs the program, sends it sig after wait, and checks that it stops within a second
// with status 130, one line on stderr and no temporary file left. It returns false when the program was killed by the
// signal before it could handle it.
func interrupt(t *testing.T, bin string, setup func(dir string) []string, sig syscall.Signal, wait time.Duration) bool {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command(bin, setup(dir)...)
	stdin, _ := cmd.StdinPipe() // never closed until the end: "validate -" waits on it
	defer stdin.Close()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		t.Fatalf("the command ended before it was interrupted (%v):\n%s", err, stderr.String())
	case <-time.After(wait): // the command is now blocked or busy
	}
	sent := time.Now()
	cmd.Process.Signal(sig)
	select {
	case err := <-exited:
		elapsed := time.Since(sent)
		if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && status.Signaled() && wait <= 4*time.Second {
			return false
		}
		t.Logf("stopped %v after the signal", elapsed.Round(time.Millisecond))
		if elapsed > time.Second {
			t.Errorf("stopped %v after the signal, more than a second", elapsed)
		}
		if code := cmd.ProcessState.ExitCode(); code != exitInterrupted {
			t.Errorf("exit %d (%v), want %d; stderr:\n%s", code, err, exitInterrupted, stderr.String())
		}
		// One line says what was done, whatever the command was doing.
		if !interruptionLine.MatchString(stderr.String()) {
			t.Errorf("stderr is not the one line of an interruption:\n%s", stderr.String())
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the command does not stop on %v", sig)
	}
	if tmp := leftoverTemps(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	return true
}
