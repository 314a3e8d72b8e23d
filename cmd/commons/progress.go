package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// minProgressFiles is the smallest batch worth a progress bar.
const minProgressFiles = 2

// wantProgress decides whether a batch shows a progress bar: only when stderr is a terminal
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

// progress counts the files of a batch on a bar drawn on stderr. The zero value, and a nil
// *progress, draw nothing; its methods are safe for concurrent use.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a progress bar on w for a batch of files, or a progress that draws
// nothing when wantProgress says so.
func newProgress(w io.Writer, quiet bool, files int, description string) *progress {
	if !wantProgress(isTerminal(w), quiet, files) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(files,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(description),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// done counts one more file.
func (p *progress) done() {
	if p != nil && p.bar != nil {
		p.bar.Add(1)
	}
}

// finish removes the bar, so that what the command prints next starts on a clean line.
func (p *progress) finish() {
	if p != nil && p.bar != nil {
		p.bar.Finish()
		p.bar.Clear()
	}
}
