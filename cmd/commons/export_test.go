package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership/export"
)

func TestExportSCDL(t *testing.T) {
	repoRoot(t)
	args := append([]string{"export", "--format", "scdl"}, definitionFiles(t, "examples")...)
	code, out, stderr := commons(t, args...)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(records[0], ","); got != strings.Join(export.SCDLColumns, ",") {
		t.Errorf("header %s", got)
	}
	// Three grants in the third-place pact, one in the water board; the charter's grant is not a
	// convention's.
	if len(records) != 1+4 {
		t.Errorf("%d rows, want 4:\n%s", len(records)-1, out)
	}
}

func TestExportReportsMissingData(t *testing.T) {
	repoRoot(t)
	src, err := os.ReadFile("examples/pacte-tiers-lieu-la-fabrique.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "pacte.yaml")
	if err := os.WriteFile(file, []byte(strings.Replace(string(src), "    siret: \"21420231200018\"\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := commons(t, "export", "--format", "scdl", file, "examples/water-board.yaml")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := ":18:5: /parties/0: SCDL subsidy data needs the SIRET number of the funder \"commune\" (idAttribuant)"
	if strings.Count(stderr, want) != 1 {
		t.Errorf("stderr does not report the missing SIRET once, at the funder:\n%s", stderr)
	}
	if strings.Contains(out, "Fabrique") || !strings.Contains(out, "Valmont Métropole") {
		t.Errorf("the incomplete convention gives rows, or the complete one none:\n%s", out)
	}
}

func TestExportUsage(t *testing.T) {
	repoRoot(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no file", []string{"export"}, 2, "at least one definition"},
		{"bad format", []string{"export", "--format", "xml", "examples/water-board.yaml"}, 2, "--format must be one of scdl or json"},
		{"json takes one file", []string{"export", "--format", "json", "examples/water-board.yaml", "examples/pacte-parc-des-glycines.yaml"}, 2, "takes one definition"},
		{"invalid definition", []string{"export", "examples/invalid/bad-values.yaml"}, 1, "/parties/0/role"},
		{"missing file", []string{"export", "examples/nothing.yaml"}, 2, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := commons(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr should mention %q:\n%s", code, tt.code, tt.stderr, stderr)
			}
		})
	}
}

func TestExportJSON(t *testing.T) {
	repoRoot(t)
	code, out, stderr := commons(t, "export", "--format", "json", "examples/candidature-cartocommuns.yaml")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	var n export.Normalized
	if err := json.Unmarshal([]byte(out), &n); err != nil {
		t.Fatal(err)
	}
	if n.Format != "commons-definition" || n.Version != 1 || n.File != "examples/candidature-cartocommuns.yaml" || n.Definition == nil {
		t.Errorf("header: %+v", n)
	}
	// An application's thresholds come from its call, as with commons score.
	if n.Communality.ThresholdsFrom != "call" {
		t.Errorf("thresholds from %q, want the call's", n.Communality.ThresholdsFrom)
	}
	// Writing it again over the same file needs no --force: commons recognises its own output.
	target := filepath.Join(t.TempDir(), "out.json")
	for range 2 {
		if code, _, stderr := commons(t, "export", "--format", "json", "-o", target, "examples/water-board.yaml"); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
}

func TestValidateGitHubFormat(t *testing.T) {
	repoRoot(t)
	code, out, _ := commons(t, "validate", "--format", "github", "examples/invalid/unknown-keys.yaml", "examples/invalid/call-rules.yaml", "examples/water-board.yaml")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	wants := []string{
		`::error file=examples/invalid/call-rules.yaml,line=15,col=24::/call/issuers/1: the issuer of a call must be a public authority or a funder; "tiers-lieu" is a citizen collective`,
		`::warning file=examples/invalid/call-rules.yaml,line=26,col=49::/call/eligibility/accepted_licences/2: "CC-BY-SA-4" is not an SPDX licence identifier this toolkit knows; did you mean "CC-BY-SA-4.0"?`,
		`::error file=examples/invalid/unknown-keys.yaml,line=28,col=3::/commons/ower: unknown key "ower"; did you mean "owner"?`,
	}
	for _, w := range wants {
		if !strings.Contains(out, w+"\n") {
			t.Errorf("missing annotation\n  %s\nin\n%s", w, out)
		}
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::error file=") && !strings.HasPrefix(l, "::warning file=") {
			t.Errorf("not an annotation: %s", l)
		}
	}
}
