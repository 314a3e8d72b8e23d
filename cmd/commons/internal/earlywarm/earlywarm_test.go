package earlywarm

import (
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

// inDir makes a directory of files for the tests and enters it.
func inDir(t *testing.T, files map[string]string) {
	t.Helper()
	t.Chdir(t.TempDir())
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCandidates(t *testing.T) {
	inDir(t, map[string]string{"a.yaml": "a: 1\n", "b.json": "{}", "c.yml": "c: 1\n", "notes.txt": "x"})
	if err := os.Mkdir("d.yaml", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"one file", []string{"commons", "render", "a.yaml"}, []string{"a.yaml"}},
		{"flags and their values", []string{"commons", "--lang", "fr", "render", "-o", "out.pdf", "--format=pdf", "a.yaml", "b.json"}, []string{"a.yaml", "b.json"}},
		{"the first two of a batch", []string{"commons", "validate", "a.yaml", "b.json", "c.yml"}, []string{"a.yaml", "b.json"}},
		{"only regular definition files", []string{"commons", "validate", "notes.txt", "d.yaml", "missing.yaml", "-", "c.yml"}, []string{"c.yml"}},
		{"a file named twice", []string{"commons", "diff", "a.yaml", "a.yaml"}, []string{"a.yaml"}},
		{"after --", []string{"commons", "render", "--", "a.yaml"}, nil},
		{"a global flag's value that is a command's name", []string{"commons", "--lang", "render", "render", "b.json"}, []string{"b.json"}},
		{"files before the command", []string{"commons", "a.yaml"}, nil},
		{"no command", []string{"commons"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Candidates(tt.args); !slices.Equal(got, tt.want) {
				t.Errorf("Candidates(%q) = %q, want %q", tt.args, got, tt.want)
			}
		})
	}
}

// TestTake checks that a definition loaded ahead is what partnership.Load gives, handed over
// once, and only for the limits it was loaded with.
func TestTake(t *testing.T) {
	const text = "kind: charter\ntitle: Jardin partagé\nparties: [\n"
	inDir(t, map[string]string{"a.yaml": text, "gone.yaml": "x: 1\n", "b.yaml": "b: 1\n"})
	loads := start([]string{"a.yaml", "gone.yaml", "b.yaml"})
	if err := os.Remove("gone.yaml"); err != nil {
		t.Fatal(err)
	}
	for _, l := range loads {
		l.run()
	}

	got, ok := Take("a.yaml", partnership.DefaultLimits)
	if !ok {
		t.Fatal("Take(a.yaml) found no load")
	}
	doc, diags := partnership.Load("a.yaml", []byte(text), partnership.DefaultLimits)
	if string(got.Data) != text || !reflect.DeepEqual(got.Doc, doc) || !reflect.DeepEqual(got.Diags, diags) {
		t.Errorf("Take(a.yaml) = %q, %+v, %v; partnership.Load gives %+v, %v", got.Data, got.Doc, got.Diags, doc, diags)
	}
	if len(diags) == 0 {
		t.Error("the test file should not load cleanly: its diagnostics are part of what is compared")
	}
	if _, ok := Take("a.yaml", partnership.DefaultLimits); ok {
		t.Error("a load was handed over twice")
	}
	if _, ok := Take("gone.yaml", partnership.DefaultLimits); ok {
		t.Error("a file that could not be read was handed over: the command must read it and report why")
	}
	other := partnership.DefaultLimits
	other.MaxBytes = 10
	if _, ok := Take("b.yaml", other); ok {
		t.Error("a load with the default limits was handed over for other limits")
	}
	if _, ok := Take("never.yaml", partnership.DefaultLimits); ok {
		t.Error("Take found a load never started")
	}
}

// TestStartOnce checks that a file named twice is loaded once.
func TestStartOnce(t *testing.T) {
	inDir(t, map[string]string{"a.yaml": "a: 1\n"})
	first := start([]string{"a.yaml"})
	if again := start([]string{"a.yaml"}); len(first) != 1 || len(again) != 0 {
		t.Errorf("start gave %d then %d loads, want 1 then 0", len(first), len(again))
	}
	first[0].run()
	if _, ok := Take("a.yaml", partnership.DefaultLimits); !ok {
		t.Error("the load was lost")
	}
}
