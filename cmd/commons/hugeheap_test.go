package main

import (
	"io"
	"testing"

	"github.com/commons-toolkit/commons/cmd/commons/internal/hugeheap"
)

// TestHugeHeapCommandsExist keeps the list of commands whose heap is advised for huge pages in
// step with the commands: a renamed command would silently lose the advice.
func TestHugeHeapCommandsExist(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	for _, name := range hugeheap.Commands {
		if app.Command(name) == nil {
			t.Errorf("hugeheap.Commands names %q, which is not a command of commons", name)
		}
	}
}
