package hugeheap

import (
	"runtime"
	"unsafe"
)

// allocatedBlock has the runtime map reserveBytes of heap at once by allocating a block of
// that size, and returns where the block starts and a function to call once it is advised,
// which frees the block for the command's own allocations. Freeing it takes a collection of its
// own, since the one the allocation starts may find the block still referenced: 2 to 4 ms of
// start-up, which the stack of block_linux_amd64.go avoids where it is available.
func allocatedBlock() (start uintptr, release func()) {
	block := make([]byte, reserveBytes)
	start = uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	return start, func() {
		block = nil
		runtime.GC()
	}
}
