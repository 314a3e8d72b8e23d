package hugeheap

import "unsafe"

// growStack does nothing in a frame of 60 MiB that it never touches (grow_linux_amd64.s):
// calling it makes the runtime move the calling goroutine to a stack of reserveBytes, the next
// power of two above the frame and the few frames under it.
func growStack()

// runtimePageBytes is the size of the runtime's own pages, to which stacks are aligned.
const runtimePageBytes = 8 << 10

// mapBlock has the runtime map reserveBytes of heap at once, and returns where the block
// starts and a function to call once it is advised. The runtime takes goroutine stacks from the
// heap's pages, and gives a stack larger than the starting size back to them as soon as its
// goroutine ends (while no collection runs, or else when the collection ends). So a goroutine
// that calls growStack has the runtime map the block as a stack, and when it ends the block
// is free heap, without the garbage collection that freeing an allocated block would take.
// Only the top of that stack, where the goroutine's few frames are, is ever written.
func mapBlock() (start uintptr, release func()) {
	top := make(chan uintptr)
	go func() {
		growStack()
		var local byte
		top <- uintptr(unsafe.Pointer(&local))
	}()
	end := (<-top + runtimePageBytes - 1) &^ (runtimePageBytes - 1)
	return end - reserveBytes, func() {}
}
