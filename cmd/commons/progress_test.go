package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/commons-toolkit/commons/partnership"
)

func TestWantProgress(t *testing.T) {
	tests := []struct {
		name            string
		terminal, quiet bool
		files           int
		want            bool
	}{
		{"batch on a terminal", true, false, 8, true},
		{"two files on a terminal", true, false, 2, true},
		{"one file", true, false, 1, false},
		{"quiet", true, true, 8, false},
		{"not a terminal", false, false, 8, false},
		{"nothing", false, true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wantProgress(tt.terminal, tt.quiet, tt.files); got != tt.want {
				t.Errorf("wantProgress(%t, %t, %d) = %t, want %t", tt.terminal, tt.quiet, tt.files, got, tt.want)
			}
		})
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Error("a buffer is taken for a terminal")
	}
}

// progressStep is one call on a progress line: done or finish, after the clock has moved on by
// after.
type progressStep struct {
	after  time.Duration
	finish bool
}

func doneAfter(d time.Duration) progressStep { return progressStep{after: d} }

var finishNow = progressStep{finish: true}

// TestProgressLine draws progress lines into a buffer, with a clock the test moves, and checks
// every byte drawn: the line, the throttle, the last file always drawn, and the clearing.
func TestProgressLine(t *testing.T) {
	tests := []struct {
		name  string
		label string
		files int
		steps []progressStep
		want  string
	}{
		{"every file, 100 ms apart", "rendering", 3,
			[]progressStep{doneAfter(0), doneAfter(100 * time.Millisecond), doneAfter(100 * time.Millisecond), finishNow},
			"\rrendering 1/3 [==========                    ]" +
				"\rrendering 2/3 [====================          ]" +
				"\rrendering 3/3 [==============================]" +
				"\r\x1b[K"},
		{"a file within 100 ms is not drawn, the last one is", "rendering", 3,
			[]progressStep{doneAfter(0), doneAfter(50 * time.Millisecond), doneAfter(time.Millisecond), finishNow},
			"\rrendering 1/3 [==========                    ]" +
				"\rrendering 3/3 [==============================]" +
				"\r\x1b[K"},
		{"99 ms is too soon", "rendering", 3,
			[]progressStep{doneAfter(time.Second), doneAfter(99 * time.Millisecond), finishNow},
			"\rrendering 1/3 [==========                    ]" +
				"\r\x1b[K"},
		{"the throttle counts from the last drawing, not the last file", "rendering", 4,
			[]progressStep{doneAfter(0), doneAfter(60 * time.Millisecond), doneAfter(60 * time.Millisecond), doneAfter(10 * time.Millisecond), finishNow},
			"\rrendering 1/4 [=======                       ]" +
				"\rrendering 3/4 [======================        ]" +
				"\rrendering 4/4 [==============================]" +
				"\r\x1b[K"},
		{"the count is padded to the width of the total", "assessing", 10,
			[]progressStep{doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(0), finishNow},
			"\rassessing  1/10 [===                           ]" +
				"\rassessing 10/10 [==============================]" +
				"\r\x1b[K"},
		{"the label as given, in French", "production des documents", 2,
			[]progressStep{doneAfter(0), doneAfter(0)},
			"\rproduction des documents 1/2 [===============               ]" +
				"\rproduction des documents 2/2 [==============================]"},
		{"nothing done: finish draws nothing", "rendering", 3,
			[]progressStep{finishNow},
			""},
		{"finish twice clears once", "rendering", 3,
			[]progressStep{doneAfter(0), finishNow, finishNow},
			"\rrendering 1/3 [==========                    ]" +
				"\r\x1b[K"},
		{"nothing is drawn after finish", "rendering", 3,
			[]progressStep{doneAfter(0), finishNow, doneAfter(time.Second), doneAfter(time.Second)},
			"\rrendering 1/3 [==========                    ]" +
				"\r\x1b[K"},
		{"a file beyond the batch is not drawn", "rendering", 3,
			[]progressStep{doneAfter(0), doneAfter(0), doneAfter(0), doneAfter(time.Second), finishNow},
			"\rrendering 1/3 [==========                    ]" +
				"\rrendering 3/3 [==============================]" +
				"\r\x1b[K"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			p := drawProgress(&out, tt.files, tt.label, func() time.Time { return clock })
			for _, s := range tt.steps {
				clock = clock.Add(s.after)
				if s.finish {
					p.finish()
				} else {
					p.done()
				}
			}
			if got := out.String(); got != tt.want {
				t.Errorf("drawn:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

// TestProgressLineFitsTheTerminal checks that a line is never as wide as the terminal, where it
// would wrap and be redrawn badly: the bar goes first, then the label; the count stays.
func TestProgressLineFitsTheTerminal(t *testing.T) {
	const label = "production des documents" // 24 characters, 26 bytes
	tests := []struct {
		cols int
		want string
	}{
		{0, "\r" + label + " 1/2 [===============               ]"},
		{80, "\r" + label + " 1/2 [===============               ]"},
		{62, "\r" + label + " 1/2 [===============               ]"},
		{61, "\r" + label + " 1/2"},
		{29, "\r" + label + " 1/2"},
		{28, "\r1/2"},
		{4, "\r1/2"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		p := drawProgress(&out, 2, label, time.Now)
		p.cols = tt.cols
		p.done()
		if got := out.String(); got != tt.want {
			t.Errorf("%d columns: drawn %q, want %q", tt.cols, got, tt.want)
		}
	}
}

// TestProgressDrawsNothing checks the progresses that must draw nothing: nil, the zero value, and
// one on a writer that is not a terminal.
func TestProgressDrawsNothing(t *testing.T) {
	var out bytes.Buffer
	tests := []struct {
		name string
		p    *progress
	}{
		{"nil", nil},
		{"zero value", &progress{}},
		{"not a terminal", newProgress(&out, false, 5, "rendering")},
		{"quiet, not a terminal", newProgress(&out, true, 5, "rendering")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 6 {
				tt.p.done()
			}
			tt.p.finish()
			if out.Len() != 0 {
				t.Errorf("drew %q", out.String())
			}
		})
	}
}

// TestProgressConcurrent calls done from several goroutines at once, as the workers of a batch
// do; run it with -race. The clock stands still, so exactly the first file and the last one are
// drawn, whichever goroutine counts them.
func TestProgressConcurrent(t *testing.T) {
	var out bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := drawProgress(&out, 64, "assessing", func() time.Time { return clock })
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 8 {
				p.done()
			}
		})
	}
	wg.Wait()
	p.finish()
	want := "\rassessing  1/64 [                              ]" +
		"\rassessing 64/64 [==============================]" +
		"\r\x1b[K"
	if got := out.String(); got != want {
		t.Errorf("drawn:\n%q\nwant:\n%q", got, want)
	}
}

// TestNoProgressWithoutTerminal runs the batch commands with stderr in a buffer, as in a pipe
// or CI: nothing but their usual output is printed.
func TestNoProgressWithoutTerminal(t *testing.T) {
	repoRoot(t)
	out := t.TempDir()
	code, _, stderr := commons(t, "render", "--out-dir", out, "examples/")
	if code != 1 { // examples/invalid is part of the batch
		t.Errorf("render: exit %d", code)
	}
	if strings.ContainsAny(stderr, "\r\x1b") || containsLabel(stderr, "progress-rendering") {
		t.Errorf("render draws a progress bar without a terminal:\n%q", stderr)
	}
	code, _, stderr = commons(t, "render", "--quiet", "--out-dir", out, "examples/pacte-parc-des-glycines.yaml", "examples/water-board.yaml")
	if code != 0 || stderr != "" {
		t.Errorf("render --quiet: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = commons(t, "assess", "-o", filepath.Join(out, "selection.md"), "examples/appel-a-communs-2026.yaml", "examples/")
	if strings.ContainsAny(stderr, "\r\x1b") || containsLabel(stderr, "progress-assessing") {
		t.Errorf("assess draws a progress bar without a terminal (exit %d):\n%q", code, stderr)
	}
}

// containsLabel reports whether s holds the label of the catalogue's code in any language.
func containsLabel(s, code string) bool {
	return strings.Contains(s, partnership.M(code).In(partnership.English)) || strings.Contains(s, partnership.M(code).In(partnership.French))
}
