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
	return lo, hi, errno == 0 || errno == syscall.ENOMEM
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
