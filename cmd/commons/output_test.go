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
// checks that every file in the output directory is a complete PDF and no temporary file remains.
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
	t.Logf("interrupted after %d of 60 documents; the other %d keep their previous version", n, 60-n)
}
