package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/commons-toolkit/commons/cmd/commons/internal/earlysignals"
	"github.com/commons-toolkit/commons/partnership"
)

// interruptGrace is how long an interrupted command has to stop by itself before the program
// exits anyway, unless the command asks for longer (see allowGrace).
const interruptGrace = 200 * time.Millisecond

// errInterrupted is the cause of the context of a command stopped by Ctrl-C or SIGTERM.
var errInterrupted = errors.New("interrupted")

// outputs counts the files a command writes, so that an interruption can say how many were
// written. A command that writes files sets the total before it starts and counts each file
// once it is in place.
type outputs struct {
	total, written atomic.Int64
	// reported is set once the interruption is reported, by run or by the signal handler.
	reported atomic.Bool
	// grace is how long the command may take to stop once interrupted, when it needs longer
	// than interruptGrace.
	grace atomic.Int64
}

// allowGrace gives the command running with ctx up to d to stop by itself once interrupted,
// instead of interruptGrace: a command that stops by finishing work it must not cut, such as
// serve finishing the saves in flight, and stops within d.
func allowGrace(ctx context.Context, d time.Duration) {
	outputsOf(ctx).grace.Store(int64(d))
}

type outputsKey struct{}

// outputsOf returns the counter of the command running with ctx (a counter that counts nothing
// outside a command).
func outputsOf(ctx context.Context) *outputs {
	if o, ok := ctx.Value(outputsKey{}).(*outputs); ok {
		return o
	}
	return &outputs{}
}

// interruptible returns a context cancelled by the first Ctrl-C or SIGTERM, with the cause
// errInterrupted. The command then stops at its next step (a batch finishes no further
// document, a render stops its clauses, git is killed) and run reports the interruption on one
// line with the exit status 130. Whatever the command is waiting for instead (a named pipe
// nobody reads, standard input, a long typesetting), the program removes its temporary files,
// prints the same line and exits after interruptGrace (or the longer grace the command asked
// for), or at once on a second signal. Every command but serve, which finishes the saves in
// flight, therefore stops within a second, and never leaves a half-written file.
func interruptible(parent context.Context, stderr io.Writer, lang string) (context.Context, func()) {
	counts := &outputs{}
	ctx, cancel := context.WithCancelCause(context.WithValue(parent, outputsKey{}, counts))
	signals, early := earlysignals.Interrupts()
	if !early {
		signals = make(chan os.Signal, 2)
		signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-signals:
		case <-done:
			return
		}
		cancel(errInterrupted)
		grace := interruptGrace
		if d := time.Duration(counts.grace.Load()); d > grace {
			grace = d
		}
		select {
		case <-time.After(grace):
		case <-signals:
		case <-done:
			return
		}
		temps.removeAll()
		os.Exit(reportInterruption(ctx, stderr, lang))
	}()
	return ctx, func() {
		signal.Stop(signals)
		close(done)
		cancel(nil)
	}
}

// interrupted reports whether the command of ctx was stopped by Ctrl-C or SIGTERM.
func interrupted(ctx context.Context) bool {
	return errors.Is(context.Cause(ctx), errInterrupted)
}

// reportInterruption prints the one line that says what an interrupted command did ("interrupted:
// 3 of 60 written, the rest untouched") and returns the exit status, 130.
func reportInterruption(ctx context.Context, stderr io.Writer, lang string) int {
	o := outputsOf(ctx)
	if o.reported.Swap(true) {
		return exitInterrupted
	}
	m := partnership.M("interrupted")
	if total := o.total.Load(); total > 0 {
		m = partnership.M("interrupted-written", o.written.Load(), total)
	}
	fmt.Fprintln(stderr, m.In(lang))
	return exitInterrupted
}
