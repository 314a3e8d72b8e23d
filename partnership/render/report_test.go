package render_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/templates"
)

// tiedApplications assesses the applications to the 2026 call, which sets no tie-break rule,
// and gives the two eligible ones the same weighted total: the marks by weight rank
// candidature-repair-cafe-mobile first, the alphabetical order of references
// candidature-cartocommuns.
func tiedApplications(t *testing.T) (*partnership.Document, []score.Application) {
	t.Helper()
	callDoc := load(t, filepath.Join(examplesDir, "appel-a-communs-2026.yaml"))
	var apps []score.Application
	for _, name := range []string{"candidature-cartocommuns.yaml", "candidature-repair-cafe-mobile.json", "candidature-plateforme-fermee.yaml"} {
		app := score.AssessApplication(load(t, filepath.Join(examplesDir, name)), callDoc.Definition)
		if app.Total != nil {
			tied := 75.0
			app.Total = &tied
		}
		apps = append(apps, app)
	}
	return callDoc, apps
}

// TestTieBreakDefaultOfTheLibrary checks that a call without a tie-break rule is ranked by the
// default of the clause library the renderer uses, house defaults included; that the default
// is reported as a warning at the call's section, naming the entry and its file; and that the
// selection report names the same file.
func TestTieBreakDefaultOfTheLibrary(t *testing.T) {
	callDoc, apps := tiedApplications(t)
	house := fstest.MapFS{"defaults.yaml": {Data: []byte("call:\n  any:\n    call.tie_break: [reference]\n")}}
	houseLib, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: house, Name: "maison"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		opts   []render.Option
		first  string
		source string
		rule   string
	}{
		{"library", nil, "candidature-repair-cafe-mobile", "templates/defaults.yaml",
			"1. La candidature la mieux notée sur le critère affecté de la pondération la plus élevée l’emporte"},
		{"house", []render.Option{render.WithLibrary(houseLib)}, "candidature-cartocommuns", "maison/defaults.yaml",
			"1. La candidature dont la référence vient la première dans l’ordre alphabétique l’emporte."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := render.New(tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			a, warnings := r.Rank(callDoc, apps)
			if got := a.Applications[0].ID; got != tt.first {
				t.Errorf("ranked first: %s, want %s", got, tt.first)
			}
			if len(warnings) != 1 {
				t.Fatalf("warnings: %v, want the tie-break default", warnings)
			}
			w := warnings[0]
			if w.Severity != partnership.Warning || w.Pointer != "/call/tie_break" || w.Line < 1 ||
				!strings.Contains(w.Message, "tie-break rule") || !strings.Contains(w.Hint, "call.any.call.tie_break in "+tt.source) {
				t.Errorf("warning: %s (hint: %s)", w, w.Hint)
			}
			report := spaces.Replace(string(r.SelectionReport(callDoc, a, "fr")))
			for _, want := range []string{tt.rule, "(call.any.call.tie_break, dans " + tt.source + ")"} {
				if !strings.Contains(report, want) {
					t.Errorf("the report does not say %q", want)
				}
			}
		})
	}
	t.Run("call's own rule", func(t *testing.T) {
		r, err := render.New(render.WithLibrary(houseLib))
		if err != nil {
			t.Fatal(err)
		}
		own := load(t, filepath.Join(examplesDir, "appel-communs-numeriques-2027.yaml"))
		a, warnings := r.Rank(own, nil)
		if len(warnings) > 0 || a.TieBreakDefault != "" || strings.Join(a.TieBreak, " ") != strings.Join(own.Definition.Call.TieBreak, " ") {
			t.Errorf("a call with its own rule: %v, default %q, rule %v", warnings, a.TieBreakDefault, a.TieBreak)
		}
	})
}

// zeroCount matches a count of zero things in a sentence: "0 éligible", "has 0 contributors".
var zeroCount = regexp.MustCompile(`(^|[ (])0 \pL`)

// TestReportCounts checks the summary of a selection report and the reasons that count things:
// no group of zero applications is named, the last group comes after "et" / "and", singular
// and plural agree with the number, and nothing examined is said in words.
func TestReportCounts(t *testing.T) {
	callDoc := load(t, filepath.Join(examplesDir, "appel-a-communs-2026.yaml"))
	total := 70.0
	ranked := score.Application{ID: "a", Valid: true, Eligible: true, Rank: 1, Total: &total}
	pending := score.Application{ID: "b", Valid: true, Eligible: true}
	ineligible := func(gates ...score.Gate) score.Application {
		return score.Application{ID: "c", Valid: true, Gates: gates}
	}
	invalid := score.Application{ID: "d", File: "d.yaml"}
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		apps   []score.Application
		fr, en string
	}{
		{"none", nil,
			"Aucune candidature n’a été examinée.",
			"No application was examined."},
		{"one ranked", []score.Application{ranked},
			"1 candidature examinée : 1 classée.",
			"1 application examined: 1 ranked."},
		{"ranked and ineligible", []score.Application{ranked, ranked, ineligible()},
			"3 candidatures examinées : 2 classées et 1 inéligible.",
			"3 applications examined: 2 ranked and 1 ineligible."},
		{"every group", []score.Application{ranked, pending, pending, ineligible(), invalid},
			"5 candidatures examinées : 1 classée, 2 éligibles en attente de notation, 1 inéligible et 1 non valide.",
			"5 applications examined: 1 ranked, 2 eligible and awaiting marks, 1 ineligible and 1 invalid."},
		{"one contributor", []score.Application{ineligible(score.Gate{ID: "community", Found: "1", Required: "5"})},
			"- la communauté compte 1 contributeur, pour un minimum de 5",
			"- the community has 1 contributor, against a minimum of 5"},
		{"no contributor", []score.Application{ineligible(score.Gate{ID: "community", Found: "0", Required: "5"})},
			"- la communauté ne compte aucun contributeur, pour un minimum de 5",
			"- the community has no contributors, against a minimum of 5"},
		{"duration of one month", []score.Application{ineligible(score.Gate{ID: "duration", Found: "13", Required: "1"})},
			"- la durée demandée (13 mois) dépasse la durée maximale de l’appel (1 mois)",
			"- the duration requested (13 months) exceeds the call's maximum (1 month)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := score.Assessment{Applications: tt.apps, Rubric: score.RubricID, Version: score.RubricVersion}
			for lang, want := range map[string]string{"fr": tt.fr, "en": tt.en} {
				report := spaces.Replace(string(r.SelectionReport(callDoc, a, lang)))
				if !strings.Contains(report, "\n"+want+"\n") {
					t.Errorf("%s: no line %q in\n%s", lang, want, report)
				}
				for _, l := range strings.Split(report, "\n") {
					if !strings.HasPrefix(l, "|") && zeroCount.MatchString(l) {
						t.Errorf("%s: the report counts zero: %q", lang, l)
					}
				}
			}
		})
	}
}

// TestReportKeepsEachLanguagesTypography checks that French spacing stays out of the English
// diagnostics of an invalid application in a French selection report, and that an English
// score report separates the facts behind a level with an English semicolon.
func TestReportKeepsEachLanguagesTypography(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	callDoc := load(t, filepath.Join(examplesDir, "appel-a-communs-2026.yaml"))
	diag := partnership.Diagnostic{Severity: partnership.Error, File: "x.yaml", Line: 3, Column: 5, Pointer: "/application/round",
		Message: `round "vague-9" does not exist; known: releve-1, releve-2`}
	a := score.Assessment{Applications: []score.Application{{File: "x.yaml", Diagnostics: partnership.Diagnostics{diag}}}}
	report := string(r.SelectionReport(callDoc, a, "fr"))
	if want := "- x.yaml:3:5: /application/round: round \"vague-9\" does not exist; known: releve-1, releve-2\n"; !strings.Contains(report, want) {
		t.Errorf("the French report changes the English diagnostic; want %q in\n%s", want, report)
	}

	doc := load(t, filepath.Join(examplesDir, "water-board.yaml"))
	res := score.Evaluate(doc.Definition, nil)
	for lang, sep := range map[string]string{"en": "); the resource", "fr": ")\u202f; la ressource"} {
		md := string(r.ScoreReport(doc, res, lang))
		if !strings.Contains(md, sep) {
			t.Errorf("%s: the facts of a level are not separated by %q:\n%s", lang, sep, md)
		}
	}
}

// TestSelectionReportBlankLines checks the diff-friendly shape of selection reports, ties and
// objection period included: never two blank lines in a row.
func TestSelectionReportBlankLines(t *testing.T) {
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	callDoc := load(t, filepath.Join(examplesDir, "appel-communs-numeriques-2027.yaml"))
	var apps []score.Application
	for _, name := range []string{"candidature-atlas-sols-vivants.yaml", "candidature-velo-cargo-libre.yaml", "candidature-fabrique-des-ombres.yaml"} {
		apps = append(apps, score.AssessApplication(load(t, filepath.Join(examplesDir, name)), callDoc.Definition))
	}
	a, _ := r.Rank(callDoc, apps)
	tied, tiedDefault := tiedApplications(t)
	b, _ := r.Rank(tied, tiedDefault)
	for _, tt := range []struct {
		call *partnership.Document
		a    score.Assessment
	}{{callDoc, a}, {tied, b}} {
		for _, lang := range render.Languages {
			md := string(r.SelectionReport(tt.call, tt.a, lang))
			if i := strings.Index(md, "\n\n\n"); i >= 0 {
				t.Errorf("%s, %s: two blank lines in a row after %q", tt.call.Definition.ID, lang, md[max(0, i-80):i])
			}
		}
	}
}
