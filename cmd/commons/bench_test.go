package main

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkAssess runs `commons assess` on a call with 40 challenges and 10, 100 and 1000
// applications, in CSV and in PDF: time and memory per application stay flat, so the whole grows
// linearly (figures in the README). The applications of each size are written once, and both
// formats read the same files; the report goes to standard output, so that the disk's time to
// sync a file is not counted.
func BenchmarkAssess(b *testing.B) {
	b.Chdir(filepath.Join("..", ".."))
	for _, n := range []int{10, 100, 1000} {
		dir := b.TempDir()
		call := largeCall(b, dir, n)
		for _, format := range []string{"csv", "pdf"} {
			b.Run(fmt.Sprintf("%s/%d", format, n), func(b *testing.B) {
				args := []string{"commons", "assess", "--quiet", "--format", format, call, dir}
				b.ReportAllocs()
				for b.Loop() {
					if code := run(args, io.Discard, io.Discard); code != 0 {
						b.Fatalf("exit %d", code)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/application")
			})
		}
	}
}
