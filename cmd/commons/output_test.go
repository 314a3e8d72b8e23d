package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func leftoverTemps(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".tmp") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestWriteOutputKeepsThePreviousVersion(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "doc.md")
	ours := []byte("---\ntitle: x\ndefinition_sha256: 00\n---\n\nold\n")

	// A file commons wrote is replaced.
	os.WriteFile(target, ours, 0o644)
	if err := writeOutput(nil, target, []byte("---\ndefinition_sha256: 01\n---\nnew\n"), false); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); !bytes.Contains(got, []byte("new")) {
		t.Errorf("our own output was not replaced: %q", got)
	}

	// A file somebody else wrote is not, unless forced.
	os.WriteFile(target, []byte("Notes de la juriste, à ne pas perdre.\n"), 0o644)
	err := writeOutput(nil, target, []byte("---\ndefinition_sha256: 01\n---\n"), false)
	if err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("a foreign file was overwritten (err %v)", err)
	}
	if got, _ := os.ReadFile(target); !bytes.Contains(got, []byte("juriste")) {
		t.Errorf("the foreign file changed: %q", got)
	}
	if err := writeOutput(nil, target, []byte("forced\n"), true); err != nil {
		t.Fatal(err)
	}

	// A failure at the last step leaves no temporary file and the old target intact.
	blocked := filepath.Join(dir, "blocked.md")
	os.MkdirAll(filepath.Join(blocked, "content"), 0o755)
	if err := writeOutput(nil, blocked, []byte("x"), true); err == nil {
		t.Error("writing over a directory succeeded")
	}
	if _, err := os.Stat(filepath.Join(blocked, "content")); err != nil {
		t.Errorf("the previous target is damaged: %v", err)
	}
	if tmp := leftoverTemps(t, dir); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestWrittenRecognisesOurOutputs(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	for _, format := range []string{"md", "html", "pdf"} {
		out := filepath.Join(dir, "parc."+format)
		if code, _, stderr := commons(t, "render", "--format", format, "-o", out, "examples/pacte-parc-des-glycines.yaml"); code != 0 {
			t.Fatalf("%s: %s", format, stderr)
		}
		head, err := readHead(out)
		if err != nil || !written(head) {
			t.Errorf("a %s file commons wrote is not recognised as ours", format)
		}
		// Rendering again over it needs no --force.
		if code, _, stderr := commons(t, "render", "--format", format, "-o", out, "examples/pacte-parc-des-glycines.yaml"); code != 0 {
			t.Errorf("re-rendering %s over our own output: %s", format, stderr)
		}
	}
}

// TestInterruptedBatchLeavesNoPartialFile starts a batch of PDFs, interrupts it midway, and
// checks that every file in the output directory is a complete PDF, no temporary file remains,
// and the program says in one line how many documents it wrote, with the status 130.
func TestInterruptedBatchLeavesNoPartialFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	repoRoot(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "commons")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/commons").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	src, _ := os.ReadFile("examples/pacte-tiers-lieu-la-fabrique.yaml")
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	for i := range 60 {
		os.WriteFile(filepath.Join(in, fmt.Sprintf("pacte-%03d.yaml", i)), src, 0o644)
	}
	out := filepath.Join(dir, "out")
	// A previous version of every output, from another definition, must survive intact or be
	// replaced by a complete new document.
	previous := filepath.Join(dir, "previous")
	os.MkdirAll(previous, 0o755)
	park, _ := os.ReadFile("examples/pacte-parc-des-glycines.yaml")
	for i := range 60 {
		os.WriteFile(filepath.Join(previous, fmt.Sprintf("pacte-%03d.yaml", i)), park, 0o644)
	}
	if msg, err := exec.Command(bin, "render", "--quiet", "--format", "pdf", "--out-dir", out, previous).CombinedOutput(); err != nil {
		t.Fatalf("previous version: %v\n%s", err, msg)
	}
	old, _ := os.ReadFile(filepath.Join(out, "pacte-000.pdf"))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "render", "--format", "pdf", "--out-dir", out, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once a few documents have been replaced.
	replaced := func() int {
		n := 0
		for i := range 60 {
			if data, _ := os.ReadFile(filepath.Join(out, fmt.Sprintf("pacte-%03d.pdf", i))); !bytes.Equal(data, old) {
				n++
			}
		}
		return n
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline) && replaced() < 3; time.Sleep(20 * time.Millisecond) {
	}
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	entries, _ := os.ReadDir(out)
	n := replaced()
	if err == nil || n >= 60 || n < 3 {
		t.Fatalf("the batch was not interrupted midway (%d of 60 replaced, %v)", n, err)
	}
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(out, e.Name()))
		if strings.HasSuffix(e.Name(), ".tmp") || !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-32):], []byte("%%EOF")) {
			t.Errorf("%s is partial or temporary (%d bytes)", e.Name(), len(data))
		}
	}
	if len(entries) != 60 {
		t.Errorf("%d files in the output directory, want the 60 previous or new documents", len(entries))
	}
	// One line says how many documents were written, and the status is that of an interrupt.
	if want := fmt.Sprintf("interrupted: %d of 60 written, the rest untouched\n", n); stderr.String() != want || cmd.ProcessState.ExitCode() != exitInterrupted {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", cmd.ProcessState.ExitCode(), stderr.String(), exitInterrupted, want)
	}
	t.Logf("interrupted after %d of 60 documents; the other %d keep their previous version", n, 60-n)
}

// TestOutputIsNeverAnInput runs the reproduction of the issue: "--force -o x.yaml x.yaml"
// replaced the definition with its own document. An output that is one of the inputs, under
// its own name or another (a hard link), is refused before any work, even with --force.
func TestOutputIsNeverAnInput(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	copyFile := func(from, to string) string {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), data, 0o644); err != nil {
			t.Fatal(err)
		}
		return filepath.Join(dir, to)
	}
	pacte := copyFile("examples/pacte-parc-des-glycines.yaml", "pacte.yaml")
	call := copyFile("examples/appel-a-communs-2026.yaml", "appel-a-communs-2026.yaml")
	app := copyFile("examples/candidature-cartocommuns.yaml", "candidature.yaml")
	// A definition may have any name when it is given as a file: this one is rendered over itself.
	mdNamed := copyFile("examples/pacte-parc-des-glycines.yaml", "pacte.md")
	alias := filepath.Join(dir, "alias.md")
	if err := os.Link(pacte, alias); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(pacte)
	for _, args := range [][]string{
		{"render", "--force", "-o", pacte, pacte},
		{"render", "--force", "-o", alias, pacte},
		{"render", "--force", "--format", "md", "--out-dir", dir, mdNamed},
		{"export", "--force", "--format", "json", "-o", pacte, pacte},
		{"diff", "--force", "-o", pacte, pacte, pacte},
		{"assess", "-o", call, call, app},
	} {
		code, _, stderr := commons(t, args...)
		if code != 2 || !strings.Contains(stderr, "the document would replace its own definition") {
			t.Errorf("%v: exit %d:\n%s", args, code, stderr)
		}
	}
	if after, _ := os.ReadFile(pacte); !bytes.Equal(before, after) {
		t.Error("the definition was overwritten")
	}
}

// TestStaleTemporaryFilesAreRemoved runs the reproduction of the issue: a kill -9 during a write
// left ".NAME.*.tmp" files for ever. The next write of the same output removes those of a
// process that no longer runs, or older than a day, and no other file.
func TestStaleTemporaryFilesAreRemoved(t *testing.T) {
	dir := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("cannot run a process:", err)
	}
	dead := gone.Process.Pid
	files := map[string]bool{ // name → removed
		fmt.Sprintf(".parc.md.%d-0123456789abcdef.tmp", dead):        true,
		fmt.Sprintf(".parc.md.%d-0123456789abcdef.tmp", os.Getpid()): false, // this process is writing it
		".parc.md.482913.tmp":              false, // the naming of earlier versions, recent
		".parc.md.482914.tmp":              true,  // the same, two days old
		".autre.md.1-0123456789abcdef.tmp": false,
		".parc.md.notes.tmp":               false,
		"parc.md.1-0123456789abcdef.tmp":   false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-48 * time.Hour)
	os.Chtimes(filepath.Join(dir, ".parc.md.482914.tmp"), old, old)
	if err := writeOutput(nil, filepath.Join(dir, "parc.md"), []byte("---\ndefinition_sha256: 00\n---\n"), false); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := err != nil; gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

// TestSourceDateEpochUpTo9999 runs the reproduction of the issue: SOURCE_DATE_EPOCH=253402300800
// (the first second of year 10000) wrote a malformed /CreationDate. It is refused; the last
// second of 9999 is written.
func TestSourceDateEpochUpTo9999(t *testing.T) {
	repoRoot(t)
	out := filepath.Join(t.TempDir(), "parc.pdf")
	for _, v := range []string{"253402300800", "-1", "99999999999999"} {
		t.Setenv("SOURCE_DATE_EPOCH", v)
		code, _, stderr := commons(t, "render", "--format", "pdf", "-o", out, "examples/pacte-parc-des-glycines.yaml")
		if code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH must be a date from 1970 to the end of 9999") {
			t.Errorf("%s: exit %d:\n%s", v, code, stderr)
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "253402300799")
	if code, _, stderr := commons(t, "render", "--format", "pdf", "-o", out, "examples/pacte-parc-des-glycines.yaml"); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if data, _ := os.ReadFile(out); !bytes.Contains(data, []byte("(D:99991231235959")) {
		t.Error("the PDF does not record 31 December 9999, 23:59:59")
	}
}
