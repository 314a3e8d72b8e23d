// Package earlysignals registers the program's interruption signals (Ctrl-C and SIGTERM) on
// another thread as soon as package os/signal is ready, early in the initialisation.
//
// The first registration of a process starts the runtime's signal handling: two round trips
// with a thread of its own, which the runtime creates for it, 2 ms or so on a virtual machine,
// during which the processor that does them runs nothing else. Done here, they overlap the
// initialisation of the libraries while the other processors have nothing to do; done when
// package earlywarm starts (it must wait for package partnership), they held up the definition
// it loads by as much.
package earlysignals

import (
	"os"
	"os/signal"
	"slices"
	"sync"
	"syscall"

	"github.com/commons-toolkit/commons/cmd/commons/internal/hugeheap"
)

// Commands are the program's commands. A command line that names one has its interruption
// signals registered during initialisation (Interrupts).
var Commands = []string{"__complete", "assess", "completion", "diff", "explain", "export", "help", "init", "render", "schema", "score", "serve", "templates", "textconv", "validate", "version"}

func init() {
	if slices.Contains(Commands, hugeheap.CommandOf(os.Args)) {
		register()
	}
}

// interrupts is the channel registered for Ctrl-C (SIGINT) and SIGTERM during initialisation,
// and registered is closed once the registration is done.
var interrupts struct {
	mu         sync.Mutex // held by Interrupts, which hands ch out once
	ch         chan os.Signal
	registered chan struct{}
}

// register registers interrupts.ch for Ctrl-C and SIGTERM on another thread.
func register() {
	interrupts.ch = make(chan os.Signal, 2)
	interrupts.registered = make(chan struct{})
	go func() {
		signal.Notify(interrupts.ch, os.Interrupt, syscall.SIGTERM)
		close(interrupts.registered)
	}()
}

// Interrupts returns the channel that receives Ctrl-C and SIGTERM, registered during
// initialisation, once its registration is done; a signal received before the command starts
// waits in it. The channel is handed out once, to the program's one command, which stops it when
// it ends: ok is false for any later caller, and when the command line named no command of the
// program (a test, say), and the caller registers a channel of its own.
func Interrupts() (ch chan os.Signal, ok bool) {
	interrupts.mu.Lock()
	defer interrupts.mu.Unlock()
	if interrupts.ch == nil {
		return nil, false
	}
	<-interrupts.registered
	ch, interrupts.ch = interrupts.ch, nil
	return ch, true
}
