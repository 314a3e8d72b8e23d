package hugeheap

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
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

// TestTouchedEnd checks the reading of the page map on memory of known state: nothing of a
// fresh mapping is in memory, and once a page is written, the range ends at the end of the
// 2 MiB range that holds it.
func TestTouchedEnd(t *testing.T) {
	mem, err := syscall.Mmap(-1, 0, 3*hugePageBytes, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	base := uintptr(unsafe.Pointer(&mem[0]))
	lo := (base + hugePageBytes - 1) &^ (hugePageBytes - 1) // the mapping holds [lo, lo+2 MiB)
	hi := lo + hugePageBytes
	if got := touchedEnd(lo, hi); got != 0 {
		t.Fatalf("touchedEnd of untouched memory = %#x, want 0", got)
	}
	mem[lo-base+5*4096] = 1
	if got := touchedEnd(lo, hi); got == 0 {
		t.Skip("the page map shows no page in memory (no access to /proc/self/pagemap?)")
	} else if got != hi {
		t.Errorf("touchedEnd after writing a page at %#x = %#x, want %#x", lo+5*4096, got, hi)
	}
	if got := touchedEnd(lo+hugePageBytes/2+4096*8, hi); got != 0 {
		t.Errorf("touchedEnd of a range above the written page = %#x, want 0", got)
	}
}

// TestPlugReachesTheBoundary checks that plug holds the free pages up to the boundary it is
// given: its last plug lies at or above it.
func TestPlugReachesTheBoundary(t *testing.T) {
	probe := make([]byte, plugBytes)
	boundary := uintptr(unsafe.Pointer(&probe[0])) + 256<<10
	before := len(plugs)
	plug(boundary)
	if len(plugs) == before {
		t.Fatal("plug allocated nothing")
	}
	if last := uintptr(unsafe.Pointer(&plugs[len(plugs)-1][0])); last < boundary {
		t.Errorf("last plug at %#x, below the boundary %#x", last, boundary)
	}
}
