package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
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

// TestAssessTheContinuousCall runs the selection of the continuous call on the examples
// directory: the applications to that call are taken, every other definition file is named once
// on standard error, and nothing is said of the rendered documents; the tied applications are
// ordered by filing date as the call says, and the late one is ineligible with its reason. A file named on the command line that is not an
// application to the call is an error.
func TestAssessTheContinuousCall(t *testing.T) {
	repoRoot(t)
	code, md, stderr := commons(t, "assess", "examples/appel-communs-numeriques-2027.yaml", "examples/")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, line := range []string{
		"examples/charte-des-communs-valmont.yaml: skipped: a charter, not an application\n",
		"examples/water-board.yaml: skipped: a convention, not an application\n",
		"examples/appel-a-communs-2026.yaml: skipped: another call for commons, \"appel-a-communs-2026\"\n",
		"examples/candidature-cartocommuns.yaml: skipped: an application to another call, \"appel-a-communs-2026\"\n",
	} {
		if strings.Count(stderr, line) != 1 {
			t.Errorf("stderr does not name once %q", line)
		}
	}
	// The documents rendered beside the definitions are no definitions: nothing is said of them.
	if strings.Contains(stderr, ".md:") || strings.Contains(stderr, ".html:") || strings.Contains(stderr, "not a definition file") {
		t.Errorf("stderr names files that are no definitions:\n%s", stderr)
	}
	if strings.Contains(stderr, "appel-communs-numeriques-2027.yaml:") {
		t.Error("the call is reported as skipped")
	}
	first := strings.Index(md, "| 1 | Candidature des Ateliers du vélo-cargo libre")
	second := strings.Index(md, "| 2 | Candidature de l’Association Atlas des sols vivants")
	if first < 0 || second < first || !strings.Contains(md, "3 candidatures examinées") {
		t.Errorf("ranking is not vélo-cargo then Atlas:\n%s", md)
	}
	if !strings.Contains(md, "la candidature a été déposée le 3\u00a0avril 2027, après la clôture de la relève") &&
		!strings.Contains(md, "la candidature a été déposée le 3 avril 2027, après la clôture de la relève") {
		t.Errorf("the late application's reason is missing:\n%s", md)
	}
	code, js, _ := commons(t, "assess", "--format", "json", "examples/appel-communs-numeriques-2027.yaml", "examples/")
	var a struct {
		TieBreak      []string `json:"tie_break"`
		ToCheck       []string `json:"to_check"`
		ObjectionDays int      `json:"objection_days"`
		Skipped       []struct{ File, Reason string }
		Applications  []struct {
			ID   string `json:"id"`
			Rank int    `json:"rank"`
			Tie  string `json:"tie"`
		} `json:"applications"`
	}
	if err := json.Unmarshal([]byte(js), &a); err != nil || code != 0 {
		t.Fatalf("exit %d: %v\n%s", code, err, js)
	}
	if strings.Join(a.TieBreak, " ") != "earliest_filed marks_by_weight reference" || len(a.ToCheck) != 2 || a.ObjectionDays != 7 ||
		len(a.Skipped) < 30 || a.Applications[1].Tie != "earliest_filed" || a.Applications[1].ID != "candidature-atlas-sols-vivants" {
		t.Errorf("JSON report: %+v", a)
	}
	for _, sk := range a.Skipped {
		if !partnership.IsDefinitionFile(sk.File) {
			t.Errorf("the JSON report lists %s, which is no definition, as skipped", sk.File)
		}
	}
	// Named on the command line, a charter is an error; the applications are still assessed.
	code, md, stderr = commons(t, "assess", "examples/appel-communs-numeriques-2027.yaml", "examples/candidature-velo-cargo-libre.yaml", "examples/charte-des-communs-valmont.yaml")
	if code != 1 || !strings.Contains(stderr, `examples/charte-des-communs-valmont.yaml:2:7: /kind: expected an application to the call "appel-communs-numeriques-2027"; this is a charter`) ||
		!strings.Contains(md, "| 1 | Candidature des Ateliers du vélo-cargo libre") {
		t.Errorf("a charter named on the command line: exit %d\n%s\n%s", code, stderr, md)
	}
	code, _, stderr = commons(t, "assess", "examples/appel-communs-numeriques-2027.yaml", "examples/candidature-velo-cargo-libre.fr.md")
	if code != 1 || !strings.Contains(stderr, "examples/candidature-velo-cargo-libre.fr.md:1:1: not a definition file") {
		t.Errorf("a rendered document named on the command line: exit %d\n%s", code, stderr)
	}
	// The report follows --lang: English words and amounts.
	if code, md, _ := commons(t, "assess", "--lang", "en", "examples/appel-communs-numeriques-2027.yaml", "examples/"); code != 0 ||
		!strings.Contains(md, "€30,000") || !strings.Contains(md, "after round “Relève de mars” closed on 31 March 2027") {
		t.Errorf("English report:\n%s", md)
	}
}

// TestScoreFollowsTheLanguage: the terminal report of score is in the definition's language,
// or the one asked for, with its numbers written as the language writes them.
func TestScoreFollowsTheLanguage(t *testing.T) {
	repoRoot(t)
	code, fr, _ := commons(t, "score", "examples/pacte-tiers-lieu-la-fabrique.yaml")
	if code != 0 || !strings.Contains(fr, "degré de communalité 65,5 / 100") || !strings.Contains(fr, "résultat : ") {
		t.Errorf("French report (exit %d):\n%s", code, fr)
	}
	code, en, _ := commons(t, "score", "--lang", "en", "examples/pacte-tiers-lieu-la-fabrique.yaml")
	if code != 0 || !strings.Contains(en, "degree of communality 65.5 / 100") || !strings.Contains(en, "result: ") {
		t.Errorf("English report (exit %d):\n%s", code, en)
	}
	code, out, _ := commons(t, "score", "examples/appel-communs-numeriques-2027.yaml")
	if code != 0 || strings.Contains(out, "/ 100") || !strings.Contains(out, "ne s’applique pas") {
		t.Errorf("score of a call (exit %d):\n%s", code, out)
	}
}
