package hugeheap

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugePageBytes is the size of a transparent huge page with 4 KiB base pages (amd64, arm64).
const hugePageBytes = 2 << 20

// thpMode is where Linux says which memory gets transparent huge pages.
const thpMode = "/sys/kernel/mm/transparent_hugepage/enabled"

func init() {
	if wanted(split(string(readHead("/proc/self/cmdline")), 0), getenv("GODEBUG")) {
		reserve(reserveBytes)
	}
}

// reserve advises about n bytes of heap for huge pages, when the system gives them on advice,
// and returns the range it advised. The runtime maps heap as it grows, each new mapping without
// advice, so reserve has it map a block at once by allocating n bytes, advises the block (and
// the start of the heap just below it, whose unused part can take huge pages too), then frees
// it for the command's own allocations, which the runtime places from the lowest free address
// up. Freeing it takes a collection of its own: the one the allocation starts may find the
// block still referenced from this function. Nothing is written to the block: it costs no
// memory until used.
func reserve(n int) (lo, hi uintptr, ok bool) {
	if !adviceMode() {
		return 0, 0, false
	}
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	lo = (start - uintptr(n)/8) &^ (hugePageBytes - 1)
	hi = (start + uintptr(n)) &^ (hugePageBytes - 1)
	// The range may start below the heap's first mapping: madvise advises the mapped parts and
	// reports the gap as ENOMEM, which changes nothing here.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, syscall.MADV_HUGEPAGE)
	block = nil
	runtime.GC()
	if boundary := touchedEnd(lo, start); boundary > 0 {
		plug(boundary)
	}
	return lo, hi, errno == 0 || errno == syscall.ENOMEM
}

// plugs hold the free pages of the heap's partly used huge pages for the life of the process.
var plugs [][]byte

// plugBytes is the size of one plug: a size class of the allocator whose spans hold a single
// object, so that each plug takes the lowest free page of the heap.
const plugBytes = 8 << 10

// plug allocates, and keeps, what is free of the heap below boundary. The heap's first
// allocations, made before reserve advised it, touched part of its first 2 MiB: Linux backs a
// 2 MiB range with a huge page only while none of it is mapped, so the rest of that range would
// still be faulted in 4 KiB at a time, and the runtime fills the lowest free pages first. With
// its free pages held, the command's allocations start in the advised, untouched ranges. A plug
// in fresh memory is never written, so it costs address space, not memory.
func plug(boundary uintptr) {
	for range 1 << 12 { // a bound for a runtime that would not allocate from the bottom up
		p := make([]byte, plugBytes)
		plugs = append(plugs, p)
		if uintptr(unsafe.Pointer(unsafe.SliceData(p))) >= boundary {
			return
		}
	}
}

// touchedEnd returns the end of the last 2 MiB range in [lo, hi) of which a page is in memory,
// or 0 if none is, from /proc/self/pagemap (one 8-byte entry per page, bit 63 set for a page in
// memory).
func touchedEnd(lo, hi uintptr) uintptr {
	const pageBytes = 4 << 10
	if hi <= lo {
		return 0
	}
	fd, err := syscall.Open("/proc/self/pagemap", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return 0
	}
	defer syscall.Close(fd)
	entries := make([]byte, (hi-lo)/pageBytes*8)
	n, err := syscall.Pread(fd, entries, int64(lo/pageBytes*8))
	if err != nil || n != len(entries) {
		return 0
	}
	for i := n/8 - 1; i >= 0; i-- {
		if entries[i*8+7]&0x80 != 0 {
			last := lo + uintptr(i)*pageBytes
			return (last + hugePageBytes) &^ (hugePageBytes - 1)
		}
	}
	return 0
}

// adviceMode reports whether the kernel gives transparent huge pages to the memory a program
// advises, and only to it: under "always" the heap has them already, under "never" advice is
// ignored, and either way reserve would cost a collection for nothing.
func adviceMode() bool {
	mode := string(readHead(thpMode))
	for i := 0; i+len("[madvise]") <= len(mode); i++ {
		if mode[i:i+len("[madvise]")] == "[madvise]" {
			return true
		}
	}
	return false
}

// readHead returns the first few kilobytes of a file, or nothing if it cannot be read: enough
// for the kernel's one-line settings and for the first arguments of the command line.
func readHead(name string) []byte {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd)
	buf := make([]byte, 4096)
	n, err := syscall.Read(fd, buf)
	if err != nil || n < 0 {
		return nil
	}
	return buf[:n]
}

// getenv is os.Getenv, which this package does not import: see the package documentation.
func getenv(key string) string {
	v, _ := syscall.Getenv(key)
	return v
}
