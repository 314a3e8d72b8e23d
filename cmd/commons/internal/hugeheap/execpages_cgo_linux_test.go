//go:build cgo

package hugeheap

import (
	"testing"

	"github.com/commons-toolkit/commons/cmd/commons/internal/execpages"
)

// residentAtStart is, for each mapping of the test binary's own file, how many of its pages
// are in memory when the package's variables are initialised: before this package's init
// functions, and so before populateExecutable could have run.
var residentAtStart = func() (counts [][2]int) {
	for _, m := range ownMappings() {
		n, err := residentPages(m.start, m.end)
		if err != nil {
			return nil
		}
		counts = append(counts, [2]int{int((m.end - m.start) / pageBytes), n})
	}
	return counts
}()

// TestExecutableMappedBeforeTheRuntime checks that, in a program built with cgo, package
// execpages has mapped every page the executable takes from its file before the program's Go
// code ran, and that this package's initialisation then leaves the executable alone.
func TestExecutableMappedBeforeTheRuntime(t *testing.T) {
	requirePopulate(t)
	if execpages.Segments < 2 {
		t.Fatalf("execpages mapped %d segments, want the code and the read-only data at least", execpages.Segments)
	}
	if len(residentAtStart) < 2 {
		t.Fatalf("the executable's mappings could not be read at start: %v", residentAtStart)
	}
	for i, c := range residentAtStart {
		if c[1] != c[0] {
			t.Errorf("mapping %d of the executable: %d of its %d pages in memory at start", i, c[1], c[0])
		}
	}
}
