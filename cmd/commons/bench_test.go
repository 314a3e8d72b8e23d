package main

import (
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// BenchmarkStartup runs the program as a whole process, start-up included, for `validate`,
// `render` and `render --format pdf` of an example, each run paired with a run of
// `commons --version`: ns/op is the command's wall time, and the metrics give the processor
// time of both and what the command costs beyond --version, in wall and processor time (the
// pairing keeps that difference meaningful on a machine whose speed drifts).
func BenchmarkStartup(b *testing.B) {
	b.Chdir(filepath.Join("..", ".."))
	bin := filepath.Join(b.TempDir(), "commons")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/commons").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	const example = "examples/water-board.yaml"
	for _, c := range []struct {
		name string
		args []string
	}{
		{"version", []string{"--version"}},
		{"validate", []string{"validate", example}},
		{"render", []string{"render", example}},
		{"render-pdf", []string{"render", "--format", "pdf", example}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var wall, cpu, baseWall, baseCPU time.Duration
			for b.Loop() {
				b.StopTimer()
				w, p := runProcess(b, bin, "--version")
				baseWall, baseCPU = baseWall+w, baseCPU+p
				b.StartTimer()
				w, p = runProcess(b, bin, c.args...)
				wall, cpu = wall+w, cpu+p
			}
			per := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1e3 / float64(b.N) }
			b.ReportMetric(per(wall), "wall-ms/op")
			b.ReportMetric(per(cpu), "cpu-ms/op")
			b.ReportMetric(per(wall-baseWall), "wall-ms-over-version")
			b.ReportMetric(per(cpu-baseCPU), "cpu-ms-over-version")
		})
	}
}

// runProcess runs the program once, its output discarded, and returns its wall time and the
// processor time (user and system) the operating system counted for it.
func runProcess(b *testing.B, bin string, args ...string) (wall, cpu time.Duration) {
	cmd := exec.Command(bin, args...)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v", strings.Join(args, " "), err)
	}
	wall = time.Since(start)
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}
