package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
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
	term, _ := openTerminalTo(t, io.Discard)
	return term
}

// openTerminalTo opens a pseudo-terminal as openTerminal does, and copies what the program
// writes on it to w; the channel is closed once every byte is copied, after the terminal side is
// closed.
func openTerminalTo(t *testing.T, w io.Writer) (*os.File, <-chan struct{}) {
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
	copied := make(chan struct{})
	go func() {
		defer close(copied)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			w.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	return term, copied
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
	// A batch into a directory writes files, whatever standard output is.
	dir := t.TempDir()
	stderr.Reset()
	if code := run([]string{"commons", "render", "--format", "pdf", "--out-dir", dir, parc, "examples/water-board.yaml"}, term, &stderr); code != 0 {
		t.Errorf("a batch of PDFs from a terminal: exit %d\n%s", code, stderr.String())
	}
	for _, name := range []string{"pacte-parc-des-glycines.pdf", "water-board.pdf"} {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("a batch of PDFs from a terminal: %s not written (%v)", name, err)
		}
	}
}

// TestProgressOnTerminal runs batches on a terminal: the progress line is drawn with its label in
// the language of messages, the last file always drawn, and erased before the command's own
// messages.
func TestProgressOnTerminal(t *testing.T) {
	repoRoot(t)
	out := t.TempDir()
	render := []string{"render", "--out-dir", out, "examples/pacte-parc-des-glycines.yaml", "examples/water-board.yaml"}
	assess := []string{"assess", "-o", filepath.Join(out, "selection.md"), "examples/appel-a-communs-2026.yaml",
		"examples/candidature-cartocommuns.yaml", "examples/candidature-plateforme-fermee.yaml"}
	tests := []struct {
		name  string
		args  []string
		label string
	}{
		{"render in English", append([]string{"--lang", "en"}, render...), "rendering"},
		{"render in French", append([]string{"--lang", "fr"}, render...), "production des documents"},
		{"assess in English", append([]string{"--lang", "en"}, assess...), "assessing"},
		{"assess in French", append([]string{"--lang", "fr"}, assess...), "évaluation des candidatures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var drawn bytes.Buffer
			term, copied := openTerminalTo(t, &drawn)
			code := run(append([]string{"commons"}, tt.args...), io.Discard, term)
			term.Close()
			<-copied
			want := "\r" + tt.label + " 1/2 [===============               ]" +
				"\r" + tt.label + " 2/2 [==============================]" +
				"\r\x1b[K"
			got := drawn.String()
			if code != 0 || !strings.HasPrefix(got, want) || strings.Count(got, "\r"+tt.label) != 2 {
				t.Errorf("exit %d, drawn:\n%q\nwant it to begin with:\n%q", code, got, want)
			}
			if rest := strings.TrimPrefix(got, want); strings.Contains(rest, "\x1b") {
				t.Errorf("after the progress line, want the command's own messages only, got %q", rest)
			}
		})
	}
}
