//go:build linux && !amd64

package hugeheap

// mapBlock has the runtime map reserveBytes of heap at once by allocating it: see
// allocatedBlock. (On amd64 the block is mapped as a goroutine stack, which needs no
// collection: block_linux_amd64.go.)
func mapBlock() (start uintptr, release func()) { return allocatedBlock() }
