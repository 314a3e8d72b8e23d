package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScoreExplainsTheExamples runs commons score on every example that declares facts.
func TestScoreExplainsTheExamples(t *testing.T) {
	repoRoot(t)
	for _, file := range []string{
		"examples/pacte-parc-des-glycines.yaml", "examples/pacte-tiers-lieu-la-fabrique.yaml", "examples/water-board.yaml",
		"examples/candidature-cartocommuns.yaml", "examples/candidature-repair-cafe-mobile.json", "examples/candidature-plateforme-fermee.yaml",
	} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			code, out, stderr := commons(t, "score", "--lang", "en", file)
			if code == 2 || !strings.Contains(out, "degree of communality") || !strings.Contains(out, "rubric commons-communality 1.0.0") {
				t.Fatalf("exit %d\n%s%s", code, out, stderr)
			}
			for _, axis := range []string{"common interest", "use", "governance", "preservation"} {
				if !strings.Contains(out, "  "+axis) {
					t.Errorf("no line for %s", axis)
				}
			}
			code2, js, _ := commons(t, "score", "--format", "json", file)
			var r struct {
				Profile struct {
					Rubric string  `json:"rubric"`
					Degree float64 `json:"degree"`
				} `json:"profile"`
				Met bool `json:"met"`
			}
			if err := json.Unmarshal([]byte(js), &r); err != nil || r.Profile.Rubric != "commons-communality" || code2 != code || r.Met != (code == 0) {
				t.Errorf("JSON report (exit %d, met %v): %v\n%s", code2, r.Met, err, js)
			}
			if code, md, _ := commons(t, "score", "--format", "md", file); code == 2 || !strings.Contains(md, "~~~chart") {
				t.Errorf("Markdown report has no chart:\n%s", md)
			}
		})
	}
	// The closed platform fails the call's thresholds: score gates a pipeline with exit 1, and
	// says so in the application's language.
	if code, out, _ := commons(t, "score", "examples/candidature-plateforme-fermee.yaml"); code != 1 || !strings.Contains(out, "NON ATTEINT") {
		t.Errorf("the ineligible application passes its thresholds (exit %d):\n%s", code, out)
	}
}

// TestAssessTheExampleCall produces the selection report in every format and checks the ranking.
func TestAssessTheExampleCall(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	args := []string{"examples/appel-a-communs-2026.yaml", "examples/candidature-plateforme-fermee.yaml", "examples/candidature-repair-cafe-mobile.json", "examples/candidature-cartocommuns.yaml"}
	code, md, stderr := commons(t, append([]string{"assess"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first := strings.Index(md, "| 1 | Candidature de l’association CartoCommuns")
	second := strings.Index(md, "| 2 | Candidature du réseau Repair Cafés mobiles")
	if first < 0 || second < first {
		t.Errorf("ranking is not CartoCommuns then Repair Cafés:\n%s", md)
	}
	for _, reason := range []string{"aucune licence parmi celles que l’appel accepte", "la communauté compte 2 contributeurs", "la documentation du commun n’est pas publique"} {
		if !strings.Contains(md, reason) {
			t.Errorf("the ineligible application's reasons lack %q", reason)
		}
	}
	for _, format := range []string{"html", "pdf", "csv", "json"} {
		out := filepath.Join(dir, "selection."+format)
		if code, _, stderr := commons(t, append([]string{"assess", "--format", format, "-o", out}, args...)...); code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		data, _ := os.ReadFile(out)
		switch format {
		case "html":
			if !strings.Contains(string(data), "<svg") {
				t.Error("the HTML report has no chart")
			}
		case "pdf":
			if !strings.HasPrefix(string(data), "%PDF-") {
				t.Error("not a PDF")
			}
		case "csv":
			rows, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
			if err != nil || len(rows) != 4 || rows[1][0] != "1" || rows[1][1] != "candidature-cartocommuns" || rows[3][5] != "false" {
				t.Errorf("CSV: %v\n%s", err, data)
			}
		case "json":
			var a struct {
				Applications []struct {
					ID   string `json:"id"`
					Rank int    `json:"rank"`
				} `json:"applications"`
			}
			if err := json.Unmarshal(data, &a); err != nil || len(a.Applications) != 3 || a.Applications[0].Rank != 1 {
				t.Errorf("JSON: %v\n%s", err, data)
			}
		}
	}
	// An invalid application is listed and does not stop the others.
	code, md, _ = commons(t, "assess", "examples/appel-a-communs-2026.yaml", "examples/candidature-cartocommuns.yaml", "examples/invalid/application-over-cap.yaml")
	if code != 1 || !strings.Contains(md, "| 1 | Candidature de l’association CartoCommuns") || !strings.Contains(md, "application-over-cap.yaml") {
		t.Errorf("with an invalid application: exit %d\n%s", code, md)
	}
}
