package score_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// allFacts are the fact names of the schema's enumeration.
func allFacts(t *testing.T) []string {
	node := partnership.Schema().At("/communality/facts/0/fact")
	if node == nil || len(node.Enum) < 15 {
		t.Fatal("no fact enumeration in the schema")
	}
	return node.Enum
}

func withFacts(facts ...string) *partnership.Definition {
	def := &partnership.Definition{Communality: &partnership.Communality{}}
	for _, f := range facts {
		def.Communality.Facts = append(def.Communality.Facts, partnership.Fact{Fact: f, Evidence: &partnership.Evidence{Clause: "article 1"}})
	}
	return def
}

func TestDegreeFormula(t *testing.T) {
	tests := []struct {
		c, u, g, p int
		want       float64
	}{
		{3, 4, 4, 4, 100},
		{0, 4, 4, 4, 0},
		{3, 0, 4, 4, 0},
		{3, 4, 0, 4, 0},
		{3, 4, 4, 0, 0},
		{3, 2, 2, 2, 50},
		{1, 4, 4, 4, 33.3},
		{3, 1, 4, 2, 50},
	}
	for _, tt := range tests {
		if got := score.Degree(tt.c, tt.u, tt.g, tt.p); got != tt.want {
			t.Errorf("Degree(%d, %d, %d, %d) = %v, want %v", tt.c, tt.u, tt.g, tt.p, got, tt.want)
		}
	}
}

// TestDegreeProperties draws random sets of facts and checks the semantics the policy relies on:
// bounds, a zero axis gives zero, and adding a fact never lowers any level nor the degree.
func TestDegreeProperties(t *testing.T) {
	facts := allFacts(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var set []string
		for _, f := range facts {
			if rng.IntN(3) == 0 {
				set = append(set, f)
			}
		}
		p := score.Compute(withFacts(set...))
		if p.Degree < 0 || p.Degree > 100 || p.CommonInterest < 0 || p.CommonInterest > 3 {
			t.Fatalf("out of bounds for %v: %+v", set, p)
		}
		for _, a := range score.Axes {
			if l := p.Level(a); l < 0 || l > 4 {
				t.Fatalf("axis %s at %d for %v", a, l, set)
			}
			if p.Level(a) == 0 && p.Degree != 0 {
				t.Fatalf("axis %s is 0 but the degree is %v for %v", a, p.Degree, set)
			}
		}
		extra := facts[rng.IntN(len(facts))]
		q := score.Compute(withFacts(append(slices.Clone(set), extra)...))
		for _, a := range append([]score.Axis{score.CommonInterest}, score.Axes...) {
			if q.Level(a) < p.Level(a) {
				t.Fatalf("adding %s lowers %s from %d to %d (facts %v)", extra, a, p.Level(a), q.Level(a), set)
			}
		}
		if q.Degree < p.Degree {
			t.Fatalf("adding %s lowers the degree from %v to %v (facts %v)", extra, p.Degree, q.Degree, set)
		}
	}
}

// TestEveryPointIsTraced checks that each level is explained by the findings and their sources.
func TestEveryPointIsTraced(t *testing.T) {
	p := score.Compute(withFacts("use_open_to_anyone", "use_free_of_charge", "governance_on_published_conditions", "control_restricted_to_members", "dedicated_to_common_use"))
	if p.Use != 3 || p.Governance != 2 || p.Preservation != 1 || p.CommonInterest != 1 {
		t.Fatalf("profile %+v", p)
	}
	for _, a := range score.Axes {
		found := false
		for _, f := range p.Findings {
			if f.Axis == a && f.Level == p.Level(a) && len(f.Sources) > 0 {
				found = true
				for _, s := range f.Sources {
					if s.Pointer == "" || s.Evidence == nil {
						t.Errorf("source %+v has no pointer or evidence", s)
					}
				}
			}
		}
		if !found {
			t.Errorf("level %d of %s has no finding", p.Level(a), a)
		}
	}
	if p.Rubric != score.RubricID || p.Version != score.RubricVersion {
		t.Errorf("rubric %s %s", p.Rubric, p.Version)
	}
}

func TestCommonInterestNeedsABindingText(t *testing.T) {
	def := withFacts("dedicated_to_common_use", "common_management")
	def.Communality.Facts[1].Evidence = &partnership.Evidence{URL: "https://example.org"}
	p := score.Compute(def)
	if p.CommonInterest != 1 || len(p.Unbacked) != 1 || p.Unbacked[0].Fact != "common_management" {
		t.Errorf("common interest %d, unbacked %+v", p.CommonInterest, p.Unbacked)
	}
}

func TestDerivedFacts(t *testing.T) {
	def := &partnership.Definition{
		Licences: []partnership.Licence{{SPDX: "ODbL-1.0", AppliesTo: "data"}},
		Governance: &partnership.Governance{
			Colleges: []partnership.College{{ID: "usagers", Category: partnership.CollegeCitizens, Admission: "open", Seats: 3}},
			Vetoes:   []partnership.Veto{{College: "usagers", Domains: []string{"tarifs"}}},
		},
	}
	p := score.Compute(def)
	if p.Use != 3 || p.Governance != 3 {
		t.Errorf("an open licence and an open citizens' college with a veto give use %d, governance %d; want 3 and 3", p.Use, p.Governance)
	}
	def.Licences[0].SPDX = "LicenseRef-Proprietaire"
	if p := score.Compute(def); p.Use != 0 {
		t.Errorf("a proprietary licence gives use %d", p.Use)
	}
}

// TestExampleRanking assesses the example applications against the example call: the expected
// ranking, and the ineligible one rejected for the right reasons.
func TestExampleRanking(t *testing.T) {
	dir := "../../examples"
	callDoc, diags, err := validate.File(filepath.Join(dir, "appel-a-communs-2026.yaml"), partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	var apps []score.Application
	for _, name := range []string{"candidature-plateforme-fermee.yaml", "candidature-repair-cafe-mobile.json", "candidature-cartocommuns.yaml"} {
		doc, diags, err := validate.File(filepath.Join(dir, name), partnership.DefaultLimits)
		if err != nil || diags.HasErrors() {
			t.Fatal(name, err, diags)
		}
		apps = append(apps, score.AssessApplication(doc, callDoc.Definition))
	}
	a := score.Rank(callDoc.Definition, apps)
	var order []string
	for _, app := range a.Applications {
		order = append(order, fmt.Sprintf("%d:%s", app.Rank, app.ID))
	}
	want := []string{"1:candidature-cartocommuns", "2:candidature-repair-cafe-mobile", "0:candidature-plateforme-fermee"}
	if fmt.Sprint(order) != fmt.Sprint(want) {
		t.Errorf("ranking %v, want %v", order, want)
	}
	last := a.Applications[2]
	var failed []string
	for _, g := range last.Gates {
		if !g.Met {
			failed = append(failed, g.ID)
		}
	}
	if last.Eligible || fmt.Sprint(failed) != fmt.Sprint([]string{"licence", "community", "documentation", "communality"}) {
		t.Errorf("the closed platform fails %v (eligible %v); want licence, community, documentation, communality", failed, last.Eligible)
	}
}
