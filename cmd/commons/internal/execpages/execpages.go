// Package execpages maps the program's own pages (its code, read-only data and initialised
// data, already in the page cache) in one call per segment, before the Go runtime starts.
//
// On a virtual machine the first touch of each page of the executable is a trip to the
// hypervisor, some 15 µs; the runtime's own start-up and the initialisation of the packages
// before any of ours runs make over a hundred of them. Package hugeheap maps the executable the
// same way, but only once the packages it depends on are initialised: a C constructor runs
// before the runtime itself, as the dynamic loader starts the program. It is linked only where
// cgo is available (the program links the C library anyway, for package net); elsewhere
// Segments is 0 and hugeheap does the work.
package execpages
