package main

import (
	"fmt"
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkAssessPDF runs `commons assess --format pdf` on a call with 40 challenges and 10,
// 100 and 1000 applications: time and memory per application stay flat, so the whole grows
// linearly (figures in the README).
func BenchmarkAssessPDF(b *testing.B) {
	b.Chdir(filepath.Join("..", ".."))
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			call := largeCall(b, dir, n)
			out := filepath.Join(b.TempDir(), "selection.pdf")
			args := []string{"commons", "assess", "--quiet", "--format", "pdf", "-o", out, call, dir}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if code := run(args, io.Discard, io.Discard); code != 0 {
					b.Fatalf("exit %d", code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/application")
		})
	}
}
