package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFlagsFirst checks which words flagsFirst moves before the arguments of a command: its
// flags, with their values, and nothing else; "--" still ends the flags.
func TestFlagsFirst(t *testing.T) {
	tests := []struct {
		args, want string
	}{
		{"render x.yaml -o x.pdf", "render -o x.pdf x.yaml"},
		{"render -o x.pdf x.yaml", "render -o x.pdf x.yaml"},
		{"render x.yaml --format=pdf y.yaml", "render --format=pdf x.yaml y.yaml"},
		{"render x.yaml -format pdf --quiet", "render -format pdf --quiet x.yaml"},
		{"render x.yaml -qo x.pdf", "render -qo x.pdf x.yaml"},
		{"render x.yaml -o", "render -o x.yaml"},
		{"render x.yaml --help", "render --help x.yaml"},
		{"--lang fr render x.yaml --lang en", "--lang fr render --lang en x.yaml"},
		{"render x.yaml -o - --lang en", "render -o - --lang en x.yaml"},
		{"validate - --format json", "validate --format json -"},
		{"templates lint house --lang fr", "templates lint --lang fr house"},
		{"templates --lang fr lint house -q", "templates --lang fr lint house -q"}, // lint has no -q: left where it is
		{"validate -- -x.yaml", "validate -- -x.yaml"},
		{"validate x.yaml -- -x.yaml --lang fr", "validate -- x.yaml -x.yaml --lang fr"},
		{"validate x.yaml --format json -- -x.yaml", "validate --format json -- x.yaml -x.yaml"},
		{"validate x.yaml -x.yaml", "validate x.yaml -x.yaml"},
		{"validate x.yaml --nope", "validate x.yaml --nope"},
		{"__complete render x.yaml -o", "__complete render x.yaml -o"},
		{"rendr x.yaml -o x.pdf", "rendr x.yaml -o x.pdf"},
		{"--lang", "--lang"},
	}
	app := newApp(nil, nil)
	for _, tt := range tests {
		args := append([]string{"commons"}, strings.Fields(tt.args)...)
		want := append([]string{"commons"}, strings.Fields(tt.want)...)
		if got := flagsFirst(app, args); !slices.Equal(got, want) {
			t.Errorf("flagsFirst(%q) = %q, want %q", tt.args, got[1:], want[1:])
		}
	}
}

// TestFlagsAfterTheFiles runs commands with their flags before and after the files: the same
// output, the same messages and the same exit status either way; and a file whose name starts
// with a dash is still read after "--".
func TestFlagsAfterTheFiles(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	const example = "examples/pacte-parc-des-glycines.yaml"
	tests := []struct {
		name          string
		before, after []string
		out           string // the file written, if any
	}{
		{"render to a PDF", []string{"render", "-o", "OUT", example}, []string{"render", example, "-o", "OUT"}, "x.pdf"},
		{"render to HTML in English", []string{"render", "--format=html", "--lang", "en", example}, []string{"render", example, "--format=html", "--lang", "en"}, ""},
		{"validate in JSON", []string{"validate", "--format", "json", example, "examples/invalid/bad-values.yaml"},
			[]string{"validate", example, "--format", "json", "examples/invalid/bad-values.yaml"}, ""},
		{"assess quietly", []string{"assess", "-q", "--format", "csv", "examples/appel-a-communs-2026.yaml", "examples/candidature-cartocommuns.yaml"},
			[]string{"assess", "examples/appel-a-communs-2026.yaml", "examples/candidature-cartocommuns.yaml", "--format", "csv", "-q"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var outputs [2][]byte
			var codes [2]int
			var stdouts, stderrs [2]string
			for i, args := range [][]string{tt.before, tt.after} {
				args = slices.Clone(args)
				out := filepath.Join(dir, strings.Repeat("x", i+1)+tt.out)
				for j, a := range args {
					if a == "OUT" {
						args[j] = out
					}
				}
				codes[i], stdouts[i], stderrs[i] = commons(t, args...)
				if tt.out != "" {
					outputs[i], _ = os.ReadFile(out)
					stderrs[i] = strings.ReplaceAll(stderrs[i], out, "OUT")
				}
			}
			if codes[0] != codes[1] || stdouts[0] != stdouts[1] || stderrs[0] != stderrs[1] || !bytes.Equal(outputs[0], outputs[1]) {
				t.Errorf("flags before the files: exit %d, %d bytes written\n%s\nafter: exit %d, %d bytes written\n%s",
					codes[0], len(outputs[0]), stderrs[0], codes[1], len(outputs[1]), stderrs[1])
			}
			if stdouts[0] == "" && len(outputs[0]) == 0 {
				t.Error("nothing was written")
			}
		})
	}

	// A file named -x.yaml is read after "--", wherever the flags are.
	data, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	if err := os.WriteFile("-x.yaml", data, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"validate", "--format", "json", "--", "-x.yaml"},
		{"validate", "--", "-x.yaml"},
		{"validate", "-x.yaml", "--format", "json"},
	} {
		code, stdout, stderr := commons(t, args...)
		named := args[len(args)-1] == "-x.yaml"
		if named && (code != 0 || strings.Contains(stderr, "flag")) {
			t.Errorf("%q: exit %d\n%s%s", args, code, stdout, stderr)
		}
		if !named && code != exitUsage {
			t.Errorf("%q, without \"--\": exit %d, want a usage error\n%s", args, code, stderr)
		}
	}
}
