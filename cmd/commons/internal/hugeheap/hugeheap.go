// Package hugeheap has Linux map the program's own pages at once and back the heap of a command
// that renders or checks documents with transparent huge pages, before the program's packages
// start allocating.
//
// A command touches a few thousand fresh 4 KiB pages of memory. On bare hardware the first
// touch of a page costs a fraction of a microsecond; on a virtual machine it can be a trip to
// the hypervisor costing 10 µs or more, which then makes up half of a command's time. A huge
// page turns 512 of those trips into one. Linux's usual setting ("madvise") gives huge pages only
// to memory a program advises, and the Go runtime maps its heap without that advice; this
// package gives it. Pages that cannot be huge (those of the executable, and the heap's ranges
// the runtime touched before the advice) are mapped in one call per range, which costs a
// twentieth of faulting them in one by one.
//
// It is a package of its own, imported by the command, so that it runs early: Go initialises
// packages one at a time, each time the first by import path whose imports are initialised.
// This package imports next to nothing (it reads the command line and its files through
// syscall rather than os), so it runs before the libraries the command uses (the Markdown, PDF,
// schema and YAML packages, encoding/gob), whose package initialisation already fills part of
// the heap.
package hugeheap

import "slices"

// Commands are the commands whose heap is worth advising: those that load, validate, render or
// typeset documents. The others (help, version, init, schema, templates, completion, serve)
// allocate too little for the advice to pay for itself, or, for serve, live long enough for the
// runtime's own policy to suit them better.
var Commands = []string{"validate", "render", "score", "assess", "diff", "explain", "export", "textconv"}

// reserveBytes is how much heap is advised: more than a single document needs, so that a
// command runs inside it. Untouched memory costs nothing, and a batch that outgrows the block
// goes on in ordinary pages. On amd64 it must stay the power of two just above the frame of
// growStack (grow_linux_amd64.s), which sets the size of the block.
const reserveBytes = 64 << 20

// CommandOf returns the command a command line runs, the first argument that is neither a
// global flag nor a flag's value: "render" in "commons --lang fr render parc.yaml". A flag
// written without "=" is taken to have its value in the next argument, which holds for the
// global flags that come before a command (--lang); the others (--help, --version) end the
// program before any command runs.
func CommandOf(args []string) string {
	if i := CommandIndex(args); i > 0 {
		return args[i]
	}
	return ""
}

// CommandIndex returns where in args CommandOf finds the command, or -1 when there is none.
func CommandIndex(args []string) int {
	for i := 1; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			return -1
		case arg != "" && arg[0] == '-':
			if !slices.Contains([]byte(arg), '=') {
				i++
			}
		default:
			return i
		}
	}
	return -1
}

// wanted reports whether a process with these arguments and this GODEBUG should have its heap
// advised: it runs one of Commands, and GODEBUG does not turn off transparent huge pages
// (thpDisabled).
func wanted(args []string, godebug string) bool {
	return slices.Contains(Commands, CommandOf(args)) && !thpDisabled(godebug)
}

// thpDisabled reports whether godebug sets disablethp, the runtime's own switch against
// transparent huge pages, which this package obeys as well. It reads the setting as the runtime
// does: from left to right, each valid value (a decimal number that fits in 32 bits) replacing
// the one before, and any value but 0 turning huge pages off.
func thpDisabled(godebug string) bool {
	const key = "disablethp="
	disabled := false
	for _, field := range split(godebug, ',') {
		if len(field) < len(key) || field[:len(key)] != key {
			continue
		}
		if n, ok := parseInt32(field[len(key):]); ok {
			disabled = n != 0
		}
	}
	return disabled
}

// parseInt32 reads a decimal number with an optional sign that fits in 32 bits
// (strconv.ParseInt(s, 10, 32), which this package does not import: see the package
// documentation).
func parseInt32(s string) (int64, bool) {
	negative := s != "" && s[0] == '-'
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		if n = n*10 + int64(s[i]-'0'); n > 1<<31 {
			return 0, false
		}
	}
	if negative {
		return -n, true
	}
	return n, n < 1<<31
}

// split cuts s at each sep (strings.Split, which this package does not import: see the package
// documentation).
func split(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}
