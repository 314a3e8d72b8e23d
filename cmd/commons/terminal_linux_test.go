package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openTerminal opens a pseudo-terminal and returns its terminal side, which the program sees as
// a terminal, as a user's shell is.
func openTerminal(t *testing.T) *os.File {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal on this machine: %v", err)
	}
	t.Cleanup(func() { master.Close() })
	unlock := 0
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); errno != 0 {
		t.Skipf("cannot unlock the pseudo-terminal: %v", errno)
	}
	var n uint32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); errno != 0 {
		t.Skipf("cannot name the pseudo-terminal: %v", errno)
	}
	term, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("cannot open the pseudo-terminal: %v", err)
	}
	t.Cleanup(func() { term.Close() })
	// Whatever the program writes is read, so that a write never blocks on a full buffer.
	go func() {
		buf := make([]byte, 4096)
		for {
			if _, err := master.Read(buf); err != nil {
				return
			}
		}
	}()
	return term
}

// TestBinaryOutputRefusedOnATerminal runs the reproduction of the issue: render --format pdf wrote
// 137 KB of binary on the terminal. A PDF, DOCX or ODT going to a terminal is refused, with the
// -o to use; redirected to a file or a pipe, it is written.
func TestBinaryOutputRefusedOnATerminal(t *testing.T) {
	repoRoot(t)
	term := openTerminal(t)
	parc := "examples/pacte-parc-des-glycines.yaml"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"render", "--format", "pdf", parc}, "PDF is a binary format, which a terminal cannot show; write it to a file with -o pacte-parc-des-glycines.pdf, or redirect the output: > pacte-parc-des-glycines.pdf"},
		{[]string{"render", "--format", "docx", parc}, "-o pacte-parc-des-glycines.docx"},
		{[]string{"render", "--format", "odt", "-o", "-", parc}, "-o pacte-parc-des-glycines.odt"},
		{[]string{"assess", "--format", "pdf", "examples/appel-a-communs-2026.yaml", "examples/candidature-cartocommuns.yaml"}, "-o selection.pdf"},
		{[]string{"diff", "--format", "odt", parc, "examples/water-board.yaml"}, "-o redline.odt"},
		{[]string{"render", "--lang", "fr", "--format", "pdf", parc}, "le format PDF est binaire et ne s’affiche pas dans un terminal"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		code := run(append([]string{"commons"}, tt.args...), term, &stderr)
		if code != exitUsage || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("%v: exit %d:\n%s\nwant exit 2 and %q", tt.args, code, stderr.String(), tt.want)
		}
	}
	// Text formats go to the terminal as always.
	var stderr bytes.Buffer
	if code := run([]string{"commons", "render", parc}, term, &stderr); code != 0 {
		t.Errorf("Markdown to a terminal: exit %d\n%s", code, stderr.String())
	}
	// A PDF to a pipe or a file is written.
	code, out, _ := commons(t, "render", "--format", "pdf", parc)
	if code != 0 || !strings.HasPrefix(out, "%PDF-") {
		t.Errorf("a PDF to a pipe: exit %d, %.10q", code, out)
	}
}
