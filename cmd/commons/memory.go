package main

import (
	"os"
	"runtime/debug"
)

// tuneGC suits the garbage collector to a command that lives for one batch: it collects when
// the heap has grown fivefold rather than doubled, which halves the processor time spent
// collecting, and harder as the heap nears 120 MiB, which bounds memory whatever the batch.
// GOGC and GOMEMLIMIT, when set, have the last word.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
}
