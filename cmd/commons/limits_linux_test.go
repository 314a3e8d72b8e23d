package main

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The bounds every command keeps to, whatever definition of at most 1 MiB it is given. The time
// is the processor time the kernel counts for the process (user and system), which does not
// grow when other programs share the machine; a run that waits instead of working is stopped
// after hangTime and fails.
const (
	maxRSS   = 500 << 20
	maxTime  = 10 * time.Second
	hangTime = 60 * time.Second
	// addressSpace is the limit of virtual memory each run is given (ulimit -v): far above what
	// the Go runtime reserves, far below what the reproductions reached (8 GB), so that a
	// regression fails the test instead of exhausting the machine.
	addressSpace = 3 << 30
)

// worstCase is a definition built to cost as much as the limits allow, with the commands to
// run on it.
type worstCase struct {
	name string
	file string
	data []byte
	// valid is true when the definition passes validation: every command runs on it.
	valid bool
}

// worstCases builds, from the examples, the reproductions of the issue "memory bombs" and the
// largest definitions the limits let through: each is at most 1 MiB.
func worstCases(t *testing.T) []worstCase {
	t.Helper()
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(exampleDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	charter, pacte, application := read("charte-des-communs-valmont.yaml"), read("pacte-parc-des-glycines.yaml"), read("candidature-cartocommuns.yaml")
	replace := func(s, old, new string) string {
		if !strings.Contains(s, old) {
			t.Fatalf("the example does not contain %q", old)
		}
		return strings.Replace(s, old, new, 1)
	}
	// aliases: a 64,000-byte title named by an anchor, then used n times as a recital.
	aliases := func(n int) string {
		s := replace(charter, "title: Charte des communs de Valmont", `title: &t "`+strings.Repeat("x", 64_000)+`"`)
		return replace(s, "recitals:\n", "recitals:\n"+strings.Repeat("  - *t\n", n))
	}
	sentence := "Les ressources couvertes par un pacte restent accessibles à tous dans des conditions égales, et la commune en demeure garante. "
	var principles, objectives, actions, parties strings.Builder
	for i := range 15 {
		fmt.Fprintf(&principles, "    - id: p%d\n      title: Principe numéro %d\n      text: \"%s\"\n", i, i, strings.Repeat(sentence, 480))
	}
	for i := range 11_000 {
		fmt.Fprintf(&objectives, "  - Objectif numéro %d du pacte, mesuré chaque année.\n", i)
	}
	for i := range 5_000 {
		fmt.Fprintf(&actions, "  - id: a%d\n    title: Action %d\n    description: Entretien des massifs et du verger.\n    party: glycines\n    schedule: Chaque mois.\n", i, i)
	}
	for i := range 4_500 {
		fmt.Fprintf(&parties, "  - id: p%d\n    name: Association numéro %d\n    role: citizen_collective\n    signs: false\n", i, i)
	}
	var numbers, unknown bytes.Buffer
	numbers.WriteString(`{"kind": "convention", "x": [`)
	for range 100_000 {
		numbers.WriteString("0e99999,")
	}
	numbers.WriteString("0]}")
	unknown.WriteString("kind: convention\n")
	for i := range 40_000 {
		fmt.Fprintf(&unknown, "partie%d: x\n", i)
	}
	deep := strings.Repeat(`{"`+strings.Repeat("k", 128)+`": `, 63) + "[" + strings.Repeat("1,", 99_000) + "1]" + strings.Repeat("}", 63)
	cases := []worstCase{
		{"aliases-40000", "aliases-40000.yaml", []byte(aliases(40_000)), false},
		{"aliases-1000", "aliases-1000.yaml", []byte(aliases(1_000)), false},
		{"aliases-at-the-limit", "aliases-at-the-limit.yaml", []byte(aliases(125)), true},
		{"long-json-key", "long-json-key.json", []byte(`{"` + strings.Repeat("k", 500_000) + `": [` + strings.Repeat("1,", 90_000) + `1]}`), false},
		{"long-keys-nested-deep", "long-keys-nested-deep.json", []byte(deep), false},
		{"numbers-with-huge-exponents", "numbers.json", numbers.Bytes(), false},
		{"forty-thousand-unknown-keys", "unknown-keys.yaml", unknown.Bytes(), false},
		{"long-texts", "long-texts.yaml", []byte(replace(charter, "  principles:\n", "  principles:\n"+principles.String())), true},
		{"many-list-items", "many-list-items.yaml", []byte(replace(pacte, "objectives:\n", "objectives:\n"+objectives.String())), true},
		{"many-table-rows", "many-table-rows.yaml", []byte(replace(pacte, "actions:\n", "actions:\n"+actions.String())), true},
		{"many-parties", "many-parties.yaml", []byte(replace(pacte, "parties:\n", "parties:\n"+parties.String())), true},
		{"application-many-list-items", "candidature.yaml", []byte(replace(application, "objectives:\n", "objectives:\n"+objectives.String())), true},
	}
	for _, c := range cases {
		if len(c.data) > 1<<20 {
			t.Fatalf("%s is %d bytes, more than 1 MiB", c.name, len(c.data))
		}
	}
	return cases
}

// usage is what one run of the program took.
type usage struct {
	wall, cpu time.Duration
	rss       int64
	code      int
	stderr    string
}

// measureEnv, when set to a file name, makes the test binary a small parent that runs its
// arguments as a command, waits for it, and writes the exit code, peak resident memory (KiB) and
// processor time (ns) of that command to the file. The kernel counts in a process's peak memory
// the peak of the process it was started from when that start shares memory (vfork, which
// os/exec uses): started from this test process, whose own peak can be hundreds of megabytes,
// every run would seem that large. A fresh small parent keeps the figure the command's own.
const measureEnv = "COMMONS_TEST_MEASURE"

func init() {
	if file := os.Getenv(measureEnv); file != "" {
		os.Exit(measureChild(file, os.Args[1:]))
	}
}

// measureChild runs args with the standard streams of this process and records its usage in
// file; it returns the exit code to leave with.
func measureChild(file string, args []string) int {
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = slices.DeleteFunc(os.Environ(), func(v string) bool { return strings.HasPrefix(v, measureEnv+"=") })
	cmd.Run()
	if cmd.ProcessState == nil {
		return 125
	}
	var maxrss, cpu int64
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		maxrss, cpu = int64(ru.Maxrss), ru.Utime.Nano()+ru.Stime.Nano() // Maxrss has 32 bits on some architectures
	}
	code := cmd.ProcessState.ExitCode()
	if err := os.WriteFile(file, fmt.Appendf(nil, "%d %d %d\n", code, maxrss, cpu), 0o644); err != nil {
		return 125
	}
	return max(code, 0)
}

// measure runs the program under a limit of virtual memory and returns its peak resident memory
// and its times, as the kernel counts them.
func measure(t *testing.T, bin, dir string, args ...string) usage {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(t.TempDir(), "usage")
	cmd := exec.Command(self, append([]string{"/bin/sh", "-c", `ulimit -v "$1" && shift && exec "$@"`, "sh", strconv.Itoa(addressSpace >> 10), bin}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1767225600", measureEnv+"="+report)
	// A run that hangs is killed with the parent that measures it.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	timer := time.AfterFunc(hangTime, func() { syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) })
	err = cmd.Run()
	timer.Stop()
	u := usage{wall: time.Since(start), code: -1, stderr: stderr.String()}
	var rssKiB, cpu int64
	if data, rerr := os.ReadFile(report); rerr != nil {
		t.Errorf("%v: no usage recorded (%v): %v:\n%.2000s", args, rerr, err, stderr.String())
	} else if _, serr := fmt.Sscan(string(data), &u.code, &rssKiB, &cpu); serr != nil {
		t.Fatalf("usage %q: %v", data, serr)
	}
	u.rss = rssKiB << 10 // kilobytes on Linux
	u.cpu = time.Duration(cpu)
	if u.code < 0 {
		t.Errorf("%v: the program was killed:\n%.2000s", args, stderr.String())
	}
	return u
}

// TestWorstCasesStayWithinBounds runs every command on the worst definitions of at most 1 MiB
// (the reproductions of the issue and the largest the limits let through), each in a process of
// its own under a limit of virtual memory, and checks that none uses more than 500 MB of memory
// or 10 s of processor time. Invalid definitions must be refused (exit 1), valid ones rendered
// or refused by a limit of rendering, never crash. COMMONS_WORST_CASE_PROGRAM runs another
// build of the program instead, to see the test fail on one without the limits.
func TestWorstCasesStayWithinBounds(t *testing.T) {
	bin := program(t)
	if b := os.Getenv("COMMONS_WORST_CASE_PROGRAM"); b != "" {
		bin = b // to see this test fail on a program without the limits
	}
	dir := t.TempDir()
	call, err := os.ReadFile(filepath.Join(exampleDir, "appel-a-communs-2026.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "appel-a-communs-2026.yaml"), call, 0o644)
	for _, c := range worstCases(t) {
		if err := os.WriteFile(filepath.Join(dir, c.file), c.data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := filepath.Join(exampleDir, "pacte-parc-des-glycines.yaml")
	type run struct {
		name string
		usage
	}
	var results []run
	for _, c := range worstCases(t) {
		// The JSON report holds every diagnostic; the PDF is the heaviest output; diff renders
		// two documents and compares them.
		runs := [][]string{
			{"validate", "--format", "json", c.file},
			{"render", "--format", "pdf", "-o", "out.pdf", c.file},
		}
		if c.valid {
			runs = append(runs,
				[]string{"render", "--format", "html", "-o", "out.html", c.file},
				[]string{"export", "--format", "json", "-o", "out.json", c.file},
				[]string{"score", "--format", "md", c.file},
				[]string{"diff", "--format", "pdf", "-o", "diff.pdf", base, c.file},
				[]string{"export", "--force", "--format", "scdl", "-o", "out.csv", c.file},
				[]string{"assess", "--format", "pdf", "-o", "selection.pdf", "appel-a-communs-2026.yaml", c.file},
			)
		}
		for _, args := range runs {
			name := c.name + ": " + strings.Join(args, " ")
			t.Run(name, func(t *testing.T) {
				u := measure(t, bin, dir, args...)
				t.Logf("exit %d, %v wall, %v CPU, %d MB", u.code, u.wall.Round(10*time.Millisecond), u.cpu.Round(10*time.Millisecond), u.rss>>20)
				switch {
				case args[0] == "validate" && !c.valid && u.code != 1:
					t.Errorf("exit %d, want 1: the definition must be refused", u.code)
				case args[0] == "validate" && c.valid && u.code != 0:
					t.Errorf("exit %d, want 0: the definition must be valid:\n%.2000s", u.code, u.stderr)
				case u.code == 2 && !strings.Contains(u.stderr, "was stopped"):
					// A document refused by a limit of rendering exits with 2, with its reason.
					t.Errorf("exit 2:\n%.2000s", u.stderr)
				}
				if u.rss > maxRSS {
					t.Errorf("used %d MB of memory, more than %d", u.rss>>20, maxRSS>>20)
				}
				if u.cpu > maxTime {
					t.Errorf("took %v of processor time, more than %v", u.cpu, maxTime)
				}
				results = append(results, run{name, u})
			})
		}
	}
	for _, by := range []struct {
		what string
		less func(a, b run) int
	}{
		{"memory", func(a, b run) int { return cmp.Compare(b.rss, a.rss) }},
		{"time", func(a, b run) int { return cmp.Compare(b.cpu, a.cpu) }},
	} {
		slices.SortFunc(results, by.less)
		for _, r := range results[:min(3, len(results))] {
			t.Logf("most %s: %s: %d MB, %v wall, %v CPU", by.what, r.name, r.rss>>20, r.wall.Round(10*time.Millisecond), r.cpu.Round(10*time.Millisecond))
		}
	}
}
