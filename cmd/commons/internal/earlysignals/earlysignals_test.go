package earlysignals

import (
	"os/signal"
	"testing"
)

// TestInterruptsHandedOutOnce checks that the channel registered during initialisation goes to
// one caller only: the command stops it when it ends, and a second caller must register its own.
func TestInterruptsHandedOutOnce(t *testing.T) {
	saved := interrupts.ch
	t.Cleanup(func() { interrupts.ch = saved })
	if interrupts.ch != nil {
		t.Skip("the test binary's command line names a command")
	}
	register()
	ch, ok := Interrupts()
	if !ok || ch == nil {
		t.Fatal("the registered channel was not handed out")
	}
	defer signal.Stop(ch)
	if again, ok := Interrupts(); ok || again != nil {
		t.Error("the registered channel was handed out twice")
	}
}
