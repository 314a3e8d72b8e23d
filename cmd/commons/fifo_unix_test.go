//go:build unix

package main

import "syscall"

// mkfifo makes a named pipe, which blocks whoever opens it until the other end is opened.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
