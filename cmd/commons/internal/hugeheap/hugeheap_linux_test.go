package hugeheap

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestReserveAdvisesTheHeap checks, in the process's own memory map, that the heap block
// reserve hands back to the runtime is advised for huge pages.
func TestReserveAdvisesTheHeap(t *testing.T) {
	if !adviceMode() {
		t.Skipf("%s does not select madvise: reserve does nothing here", thpMode)
	}
	lo, hi, ok := reserve(16 << 20)
	if !ok {
		t.Fatal("madvise failed")
	}
	if hi <= lo {
		t.Fatalf("advised range %#x-%#x is empty", lo, hi)
	}
	advised := 0
	for _, m := range mappings(t) {
		if m.end <= lo || m.start >= hi {
			continue
		}
		if !m.huge {
			t.Errorf("mapping %#x-%#x inside the advised range %#x-%#x lacks the huge-page advice", m.start, m.end, lo, hi)
		}
		advised++
	}
	if advised == 0 {
		t.Fatalf("no mapping of the process lies in the advised range %#x-%#x", lo, hi)
	}
}

type mapping struct {
	start, end uintptr
	huge       bool
}

// mappings reads the process's mappings and whether each is advised for huge pages ("hg" among
// its VmFlags).
func mappings(t *testing.T) []mapping {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("cannot read the memory map: %v", err)
	}
	defer f.Close()
	var maps []mapping
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			if len(maps) > 0 {
				maps[len(maps)-1].huge = strings.Contains(" "+flags+" ", " hg ")
			}
			continue
		}
		bounds, _, _ := strings.Cut(line, " ")
		from, to, ok := strings.Cut(bounds, "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(from, 16, 64)
		end, err2 := strconv.ParseUint(to, 16, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		maps = append(maps, mapping{start: uintptr(start), end: uintptr(end)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return maps
}
