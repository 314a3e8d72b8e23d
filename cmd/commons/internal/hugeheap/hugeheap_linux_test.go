package hugeheap

import (
	"bufio"
	"errors"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestReserveAdvisesTheHeap checks, in the process's own memory map, that the heap block
// reserve hands back to the runtime is mapped and advised for huge pages.
func TestReserveAdvisesTheHeap(t *testing.T) {
	if !adviceMode() {
		t.Skipf("%s does not select madvise: reserve does nothing here", thpMode)
	}
	lo, hi, ok := reserve()
	if !ok {
		t.Fatal("madvise failed")
	}
	if hi-lo < reserveBytes {
		t.Fatalf("advised range %#x-%#x is smaller than the block of %d MiB", lo, hi, reserveBytes>>20)
	}
	advised := 0
	for _, m := range smaps(t) {
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

// TestBlockGoesBackToTheHeap checks that the block each way of mapping one reports is mapped
// memory that the runtime then uses for the program's allocations: an allocation too large for
// the rest of the heap lands inside it. No collection runs but the one release may make, so that
// none frees the block in its stead (a collection also shrinks a goroutine's idle stack).
func TestBlockGoesBackToTheHeap(t *testing.T) {
	t.Run("mapBlock", func(t *testing.T) { checkBlockGoesBack(t, mapBlock) })
	t.Run("allocatedBlock", func(t *testing.T) { checkBlockGoesBack(t, allocatedBlock) })
}

func checkBlockGoesBack(t *testing.T, mapBlock func() (uintptr, func())) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	goroutines := runtime.NumGoroutine()
	start, release := mapBlock()
	release()
	end := start + reserveBytes
	// The block may span several mappings: the advice of an earlier test splits them.
	covered := start
	for _, m := range smaps(t) { // in the order of addresses
		if m.start <= covered && covered < m.end {
			covered = m.end
		}
	}
	if covered < end {
		t.Fatalf("the block %#x-%#x is not mapped beyond %#x", start, end, covered)
	}
	// The goroutine that held the block as its stack may still be ending: give it time.
	for deadline := time.Now().Add(5 * time.Second); runtime.NumGoroutine() > goroutines; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines still run, %d before the block was mapped", runtime.NumGoroutine(), goroutines)
		}
	}
	// The runtime places a large allocation at the lowest free range that can hold it: below
	// the block while a free range there is large enough (each kept until the block is
	// reached), in the block if it is free, above it only while it is not (a goroutine of an
	// earlier test may have ended in its stead: the block's goes on ending a moment more).
	var kept [][]byte
	for above := 0; ; {
		b := make([]byte, reserveBytes/2)
		at := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
		if at+uintptr(len(b)) > start && at < end {
			return
		}
		if at >= end {
			if above++; above == 100 {
				t.Fatalf("allocations of %d MiB land above the block %#x-%#x, the last at %#x", len(b)>>20, start, end, at)
			}
			time.Sleep(10 * time.Millisecond)
		}
		kept = append(kept, b)
	}
}

// TestPopulateTouched checks, on memory of known state, that populateTouched maps whole the
// 2 MiB ranges of which a page is in memory, and only those.
func TestPopulateTouched(t *testing.T) {
	mem, err := syscall.Mmap(-1, 0, 4*hugePageBytes, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	base := uintptr(unsafe.Pointer(&mem[0]))
	lo := (base + hugePageBytes - 1) &^ (hugePageBytes - 1) // the mapping holds [lo, lo+6 MiB)
	// No huge page may come and fill a range by itself.
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, 3*hugePageBytes, syscall.MADV_NOHUGEPAGE); errno != 0 {
		t.Fatal(errno)
	}
	if got := populateTouched(lo, lo+3*hugePageBytes); got != 0 {
		t.Fatalf("populateTouched of untouched memory mapped %d ranges, want 0", got)
	}
	requirePopulate(t)
	mem[lo-base+hugePageBytes+5*pageBytes] = 1 // a page of the middle range
	if inMemory(t, lo+hugePageBytes, lo+2*hugePageBytes) != 1 {
		t.Skip("the page map does not show the written page (no access to /proc/self/pagemap?)")
	}
	if got := populateTouched(lo, lo+3*hugePageBytes); got != 1 {
		t.Errorf("populateTouched mapped %d ranges, want 1", got)
	}
	for i, want := range []int{0, hugePageBytes / pageBytes, 0} {
		from := lo + uintptr(i)*hugePageBytes
		if got := inMemory(t, from, from+hugePageBytes); got != want {
			t.Errorf("range %d: %d pages in memory, want %d", i, got, want)
		}
	}
	if mem[lo-base+hugePageBytes+5*pageBytes] != 1 {
		t.Error("populating the range lost what was written in it")
	}
}

// TestPopulateExecutable checks that populateExecutable maps every page of the executable's
// own mappings (the test binary's here).
func TestPopulateExecutable(t *testing.T) {
	requirePopulate(t)
	// The program's own mappings may be in memory already (package execpages maps them before
	// the runtime starts, where cgo is available), so the executable is also mapped afresh here:
	// nothing of that mapping is in memory until populateExecutable maps it.
	fresh, lo, hi := mapExecutable(t)
	defer syscall.Munmap(fresh)
	if in := inMemory(t, lo, hi); in != 0 {
		t.Fatalf("a fresh mapping of the executable has %d pages in memory before it is populated", in)
	}
	got := populateExecutable()
	if got < 2 {
		t.Fatalf("populateExecutable populated %d mappings, want its code and read-only data at least", got)
	}
	own := ownMappings()
	if len(own) == 0 {
		t.Fatal("no mapping holds the program's read-only data")
	}
	for _, m := range own {
		if pages, in := int((m.end-m.start)/pageBytes), inMemory(t, m.start, m.end); in != pages {
			t.Errorf("mapping %#x-%#x of the executable: %d of its %d pages in memory", m.start, m.end, in, pages)
		}
	}
	if len(own) != got {
		t.Errorf("populateExecutable populated %d mappings; the executable has %d", got, len(own))
	}
}

// mapExecutable maps the first 4 MiB (or all) of the test binary's file anew, for reading.
func mapExecutable(t *testing.T) (mem []byte, lo, hi uintptr) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("cannot find the executable: %v", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		t.Skipf("cannot open the executable: %v", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	size := min(st.Size(), 4<<20) &^ (pageBytes - 1)
	mem, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	lo = uintptr(unsafe.Pointer(unsafe.SliceData(mem)))
	return mem, lo, lo + uintptr(size)
}

// ownMappings returns the mappings of the test binary's own file, found as populateExecutable
// finds them but by the test's own reading, so that the test does not take its expectations from
// the code it checks.
func ownMappings() []mapping {
	self := uintptr(unsafe.Pointer(unsafe.StringData(thpMode)))
	var file string
	all := parseMappings(string(readHead("/proc/self/maps", 1<<20)))
	for _, m := range all {
		if m.start <= self && self < m.end {
			file = m.file
		}
	}
	var own []mapping
	for _, m := range all {
		if file != "" && m.file == file {
			own = append(own, m)
		}
	}
	return own
}

func TestParseMapping(t *testing.T) {
	for _, tc := range []struct {
		line string
		// The bounds are uint64 so that the table compiles where addresses have 32 bits.
		start, end uint64
		file       string
		ok         bool
	}{
		{"00400000-00b15000 r-xp 00000000 fe:00 10347225                           /tmp/s7/commons",
			0x400000, 0xb15000, "fe:00 10347225", true},
		{"7f3510000000-7f3510021000 rw-p 00000000 00:00 0 ", 0x7f3510000000, 0x7f3510021000, "", true},
		{"3659c000-365bd000 rw-p 00000000 00:00 0                                  [heap]", 0x3659c000, 0x365bd000, "", true},
		{"00400000-00b15000 r-xp 00000000 fe:00 77 /home/a b/commons (deleted)", 0x400000, 0xb15000, "fe:00 77", true},
		{"ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]", 0xffffffffff600000, 0xffffffffff601000, "", true},
		{"", 0, 0, "", false},
		{"00400000-00b15000 r-xp", 0, 0, "", false},
		{"00400000 r-xp 00000000 fe:00 1 /x", 0, 0, "", false},
		{"00b15000-00400000 r-xp 00000000 fe:00 1 /x", 0, 0, "", false},
		{"0040000g-00b15000 r-xp 00000000 fe:00 1 /x", 0, 0, "", false},
	} {
		if tc.end > uint64(^uintptr(0)) {
			continue // not an address of this architecture
		}
		want := mapping{uintptr(tc.start), uintptr(tc.end), tc.file}
		got, ok := parseMapping(tc.line)
		if ok != tc.ok || got != want {
			t.Errorf("parseMapping(%q) = %+v, %v; want %+v, %v", tc.line, got, ok, want, tc.ok)
		}
	}
}

// requirePopulate skips a test of what populating maps where the kernel does not know
// MADV_POPULATE_READ and MADV_POPULATE_WRITE (before Linux 5.14): the code then maps nothing,
// as it should.
func requirePopulate(t *testing.T) {
	t.Helper()
	mem, err := syscall.Mmap(-1, 0, pageBytes, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	for _, advice := range []uintptr{madvPopulateRead, madvPopulateWrite} {
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, uintptr(unsafe.Pointer(&mem[0])), pageBytes, advice); errno == syscall.EINVAL {
			t.Skipf("the kernel refuses madvise advice %d, added in Linux 5.14: populating maps nothing here", advice)
		}
	}
}

// inMemory counts the pages of [lo, hi) that are in memory, from /proc/self/pagemap.
func inMemory(t *testing.T, lo, hi uintptr) int {
	t.Helper()
	n, err := residentPages(lo, hi)
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		t.Skipf("cannot read the page map: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// residentPages is inMemory for a caller without a test, such as the initialisation of the
// tests.
func residentPages(lo, hi uintptr) (int, error) {
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	entries := make([]byte, (hi-lo)/pageBytes*8)
	if _, err := f.ReadAt(entries, int64(lo/pageBytes*8)); err != nil {
		return 0, err
	}
	n := 0
	for i := 7; i < len(entries); i += 8 {
		if entries[i]&0x80 != 0 {
			n++
		}
	}
	return n, nil
}

type smapping struct {
	start, end uintptr
	huge       bool
}

// smaps reads the process's mappings and whether each is advised for huge pages ("hg" among
// its VmFlags).
func smaps(t *testing.T) []smapping {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("cannot read the memory map: %v", err)
	}
	defer f.Close()
	var maps []smapping
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
		maps = append(maps, smapping{start: uintptr(start), end: uintptr(end)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return maps
}
