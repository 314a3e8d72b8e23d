//go:build !cgo || !linux

package execpages

// Segments is 0: without cgo there is no constructor, and package hugeheap maps the executable.
var Segments = 0
