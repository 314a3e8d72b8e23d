package main

import (
	"io"
	"os"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

const (
	// minProgressFiles is the smallest batch worth a progress line.
	minProgressFiles = 2
	// progressWidth is the number of cells of the bar.
	progressWidth = 30
	// progressEvery is the shortest time between two drawings of the line; the last file is
	// always drawn.
	progressEvery = 100 * time.Millisecond
	// clearLine takes the cursor back to the start of the line and erases the line.
	clearLine = "\r\x1b[K"
)

// wantProgress decides whether a batch shows a progress line: only when stderr is a terminal
// (never in a pipe, a log file or CI), never with --quiet, and only for a batch of several
// files.
func wantProgress(terminal, quiet bool, files int) bool {
	return terminal && !quiet && files >= minProgressFiles
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress counts the files of a batch on one line of stderr, redrawn in place: a label in the
// user's language, the count ("12/100") and a bar. The zero value, and a nil *progress, draw
// nothing; its methods are safe for concurrent use.
type progress struct {
	mu    sync.Mutex
	w     io.Writer // nil: draw nothing
	label string
	total int
	now   func() time.Time
	n     int       // files done
	last  time.Time // when the line was last drawn
	drawn bool      // the line is on the terminal, to be cleared by finish
	over  bool      // finish was called
	line  []byte    // the line being drawn, reused
	// cols is the width of the terminal, 0 when unknown: a line longer than the terminal would
	// wrap, and "\r" would then redraw only its last row.
	cols int
}

// newProgress returns a progress line on w for a batch of files, labelled with label (already in
// the language of messages), or a progress that draws nothing when wantProgress says so.
func newProgress(w io.Writer, quiet bool, files int, label string) *progress {
	if !wantProgress(isTerminal(w), quiet, files) {
		return &progress{}
	}
	p := drawProgress(w, files, label, time.Now)
	if cols, _, err := term.GetSize(int(w.(*os.File).Fd())); err == nil {
		p.cols = cols
	}
	return p
}

// drawProgress returns a progress line on w for a batch of files, reading the time from now.
func drawProgress(w io.Writer, files int, label string, now func() time.Time) *progress {
	return &progress{w: w, label: label, total: files, now: now}
}

// done counts one more file, and draws the line when it was not drawn in the last
// progressEvery, or when this is the last file.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w == nil || p.over || p.n >= p.total {
		return
	}
	p.n++
	t := p.now()
	if p.drawn && p.n < p.total && t.Sub(p.last) < progressEvery {
		return
	}
	p.last = t
	p.drawn = true
	p.w.Write(p.format())
}

// format returns the line for the count so far, beginning with "\r" so that it is drawn over the
// previous one. The count is padded to the width of the total, so that every line has the same
// length and covers the previous one entirely. On a terminal too narrow for the whole line the
// bar is left out, then the label.
func (p *progress) format() []byte {
	total := strconv.Itoa(p.total)
	count := strconv.Itoa(p.n)
	countWidth := 2*len(total) + 1 // "  7/120"
	label := p.label != "" && (p.cols == 0 || utf8.RuneCountInString(p.label)+1+countWidth < p.cols)
	bar := label && (p.cols == 0 || utf8.RuneCountInString(p.label)+1+countWidth+3+progressWidth < p.cols)
	b := append(p.line[:0], '\r')
	if label {
		b = append(b, p.label...)
		b = append(b, ' ')
	}
	for range len(total) - len(count) {
		b = append(b, ' ')
	}
	b = append(b, count...)
	b = append(b, '/')
	b = append(b, total...)
	if bar {
		b = append(b, " ["...)
		filled := p.n * progressWidth / p.total
		for i := range progressWidth {
			if i < filled {
				b = append(b, '=')
			} else {
				b = append(b, ' ')
			}
		}
		b = append(b, ']')
	}
	p.line = b
	return b
}

// finish erases the line, when one was drawn, so that what the command prints next starts on a
// clean line; the progress draws nothing after it.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.w == nil || p.over {
		return
	}
	p.over = true
	if p.drawn {
		io.WriteString(p.w, clearLine)
	}
}
