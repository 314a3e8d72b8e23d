package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/cmd/commons/internal/earlysignals"
	"github.com/commons-toolkit/commons/cmd/commons/internal/earlywarm"
)

// TestEarlyPackagesInitialiseEarly checks the place of the packages whose work depends on
// initialising before the program's libraries: hugeheap must advise the heap before the
// libraries fill it, and earlywarm must start its work while the slow libraries (goldmark's
// parser, gojsonschema) are still initialising. An import added to either package can move it
// down the order without any other test noticing.
func TestEarlyPackagesInitialiseEarly(t *testing.T) {
	order := initOrder(t, program(t), "--version")
	index := func(pkg string) int {
		i := slices.Index(order, pkg)
		if i < 0 {
			t.Fatalf("%s is not initialised; order: %v", pkg, order)
		}
		return i
	}
	const module = "github.com/commons-toolkit/commons/"
	hugeheap, earlywarm := index(module+"cmd/commons/internal/hugeheap"), index(module+"cmd/commons/internal/earlywarm")
	for _, later := range []string{"encoding/gob", "github.com/yuin/goldmark/util", "github.com/yuin/goldmark/parser", "go.yaml.in/yaml/v3", module + "partnership"} {
		if i := index(later); i < hugeheap {
			t.Errorf("%s initialises before hugeheap (%d < %d)", later, i, hugeheap)
		}
	}
	for _, later := range []string{"github.com/yuin/goldmark/parser", "github.com/xeipuuv/gojsonschema", "github.com/urfave/cli/v2"} {
		if i := index(later); i < earlywarm {
			t.Errorf("%s initialises before earlywarm (%d < %d)", later, i, earlywarm)
		}
	}
	// The signals are registered before the libraries that earlywarm waits for initialise.
	if signals := index(module + "cmd/commons/internal/earlysignals"); signals > index("go.yaml.in/yaml/v3") || signals < hugeheap {
		t.Errorf("earlysignals initialises at %d, want after hugeheap (%d) and before go.yaml.in/yaml/v3 (%d)", signals, hugeheap, index("go.yaml.in/yaml/v3"))
	}
	if p := index(module + "partnership"); earlywarm != p+1 {
		t.Errorf("earlywarm initialises %d packages after partnership, want right after it: %v", earlywarm-p, order[p:earlywarm+1])
	}
}

// initOrder runs the program with the runtime's trace of package initialisation and returns the
// packages in the order they were initialised.
func initOrder(t *testing.T, bin string, args ...string) []string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", bin, args, err, stderr.Bytes())
	}
	var order []string
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		// "init github.com/yuin/goldmark/util @24 ms, 1.4 ms clock, 139464 bytes, 437 allocs"
		if rest, ok := strings.CutPrefix(sc.Text(), "init "); ok {
			if pkg, _, ok := strings.Cut(rest, " "); ok {
				order = append(order, pkg)
			}
		}
	}
	return order
}

// TestEarlyWarmCommandsExist keeps earlywarm's list of commands in step with the commands: a
// renamed command would silently lose its early start.
func TestEarlyWarmCommandsExist(t *testing.T) {
	app := newApp(io.Discard, io.Discard)
	for _, name := range earlywarm.SchemaCommands {
		if app.Command(name) == nil {
			t.Errorf("earlywarm.SchemaCommands names %q, which is not a command of commons", name)
		}
	}
	for _, cmd := range app.Commands {
		if !slices.Contains(earlysignals.Commands, cmd.Name) {
			t.Errorf("earlysignals.Commands leaves out %q: its interruption signals would be registered late", cmd.Name)
		}
	}
	for _, name := range earlysignals.Commands {
		if app.Command(name) == nil {
			t.Errorf("earlysignals.Commands names %q, which is not a command of commons", name)
		}
	}
	for _, name := range earlywarm.LoadCommands {
		if app.Command(name) == nil {
			t.Errorf("earlywarm.LoadCommands names %q, which is not a command of commons", name)
		}
		if !slices.Contains(earlywarm.SchemaCommands, name) {
			t.Errorf("earlywarm.LoadCommands names %q, which is not among SchemaCommands: its early loads would never start", name)
		}
	}
}
