//go:build !linux

package hugeheap

// Reserve does nothing where transparent huge pages are not a madvise call away, and reports
// false.
func Reserve(n int) bool { return false }
