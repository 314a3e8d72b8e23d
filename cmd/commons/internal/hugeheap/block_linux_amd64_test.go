package hugeheap

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestGrowStackSize checks that a goroutine calling growStack is moved to a stack of exactly
// reserveBytes: mapBlock takes the block to be the reserveBytes below the top of that stack.
func TestGrowStackSize(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // a collection shrinks an idle stack
	var before, during runtime.MemStats
	grown, done := make(chan struct{}), make(chan struct{})
	runtime.ReadMemStats(&before)
	go func() {
		growStack()
		grown <- struct{}{}
		<-done
	}()
	<-grown
	runtime.ReadMemStats(&during)
	close(done)
	// Other goroutines may take or give back stacks meanwhile, of a few KiB each.
	if got := int64(during.StackInuse) - int64(before.StackInuse); got < reserveBytes || got >= reserveBytes+1<<20 {
		t.Errorf("a goroutine that called growStack holds %d more bytes of stack, want %d", got, reserveBytes)
	}
}
