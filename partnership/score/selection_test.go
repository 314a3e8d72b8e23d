package score_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// assessExamples assesses the named example applications against the example call.
func assessExamples(t *testing.T, call *partnership.Definition, names ...string) []score.Application {
	t.Helper()
	var apps []score.Application
	for _, name := range names {
		doc, diags, err := validate.File(filepath.Join("../../examples", name), partnership.DefaultLimits)
		if err != nil || diags.HasErrors() {
			t.Fatal(name, err, diags)
		}
		apps = append(apps, score.AssessApplication(doc, call))
	}
	return apps
}

func loadCall(t *testing.T, name string) *partnership.Definition {
	t.Helper()
	doc, diags, err := validate.File(filepath.Join("../../examples", name), partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	return doc.Definition
}

func order(a score.Assessment) string {
	var out []string
	for _, app := range a.Applications {
		out = append(out, fmt.Sprintf("%d:%s:%s", app.Rank, app.ID, app.Tie))
	}
	return strings.Join(out, " ")
}

// TestContinuousCallFollowsItsRules assesses the applications to the continuous call: the one
// filed after its round closed is ineligible, with its reason; the two tied ones are ordered
// as the call's tie-break rule says (the earlier filed first), and the other way round under
// the library's default rule, which looks at the heaviest criterion first.
func TestContinuousCallFollowsItsRules(t *testing.T) {
	call := loadCall(t, "appel-communs-numeriques-2027.yaml")
	names := []string{"candidature-fabrique-des-ombres.yaml", "candidature-atlas-sols-vivants.yaml", "candidature-velo-cargo-libre.yaml"}
	apps := assessExamples(t, call, names...)
	a := score.Rank(call, apps)
	want := "1:candidature-velo-cargo-libre: 2:candidature-atlas-sols-vivants:earliest_filed 0:candidature-fabrique-des-ombres:"
	if got := order(a); got != want {
		t.Errorf("ranking %s\nwant    %s", got, want)
	}
	if *a.Applications[0].Total != 75.5 || *a.Applications[1].Total != 75.5 {
		t.Errorf("the two applications are not tied: %v and %v", *a.Applications[0].Total, *a.Applications[1].Total)
	}
	if fmt.Sprint(a.TieBreak) != "[earliest_filed marks_by_weight reference]" || a.TieBreakDefault != "" {
		t.Errorf("tie-break %v (default %q), want the call's own", a.TieBreak, a.TieBreakDefault)
	}
	if a.ObjectionDays != 7 || len(a.ToCheck) != 2 {
		t.Errorf("objection period %d and conditions to check %v", a.ObjectionDays, a.ToCheck)
	}
	late := a.Applications[2]
	var failed []score.Gate
	for _, g := range late.Gates {
		if !g.Met {
			failed = append(failed, g)
		}
	}
	if late.Eligible || len(failed) != 1 || failed[0].ID != "calendar" || failed[0].Found != "2027-04-03" ||
		failed[0].Required != "2027-01-04/2027-03-31" || late.Round != "releve-mars" {
		t.Errorf("the late application: eligible %v, round %q, failed gates %+v", late.Eligible, late.Round, failed)
	}

	// The same applications under the library's default rule.
	own := call.Call.TieBreak
	call.Call.TieBreak = nil
	defer func() { call.Call.TieBreak = own }()
	a = score.Rank(call, apps)
	want = "1:candidature-atlas-sols-vivants: 2:candidature-velo-cargo-libre:marks_by_weight 0:candidature-fabrique-des-ombres:"
	if got := order(a); got != want {
		t.Errorf("under the default rule, ranking %s\nwant    %s", got, want)
	}
	if a.TieBreakDefault != "call.any.call.tie_break" || a.TieBreak[0] != partnership.TieMarksByWeight {
		t.Errorf("default tie-break %v from %q", a.TieBreak, a.TieBreakDefault)
	}
}

// TestTiesTheRuleCannotBreakShareTheirRank gives two applications the same marks, degree and
// date: a rule that ends before the reference leaves them on the same rank.
func TestTiesTheRuleCannotBreakShareTheirRank(t *testing.T) {
	total := 80.0
	app := func(id string) score.Application {
		return score.Application{ID: id, Valid: true, Eligible: true, Date: "2027-02-01", Total: &total, Marks: map[string]float64{"impact": 16}}
	}
	call := &partnership.Definition{ID: "c", Kind: partnership.KindCall, Call: &partnership.Call{
		Criteria: []partnership.WeightedCriterion{{ID: "impact", Weight: 100}}, TieBreak: []string{"communality", "earliest_filed"}}}
	a := score.Rank(call, []score.Application{app("b"), app("a"), app("c")})
	if got := order(a); got != "1:b: 1:a:shared 1:c:shared" {
		t.Errorf("ranking %s; want the three on rank 1, in file order", got)
	}
	call.Call.TieBreak = append(call.Call.TieBreak, "reference")
	if got := order(score.Rank(call, []score.Application{app("b"), app("a"), app("c")})); got != "1:a: 2:b:reference 3:c:reference" {
		t.Errorf("with the reference as the last step, ranking %s", got)
	}
}

// TestCalendarGate checks the date of an application against its round and the call's dates.
func TestCalendarGate(t *testing.T) {
	call := &partnership.Call{Opens: "2027-01-04", Closes: "2027-09-30", Rounds: []partnership.Round{
		{ID: "mars", Opens: "2027-01-04", Closes: "2027-03-31"},
		{ID: "juin", Opens: "2027-01-04", Closes: "2027-06-30"},
	}}
	tests := []struct {
		name, date, round string
		met               bool
		assigned          string
	}{
		{"filed within its round", "2027-03-31", "mars", true, "mars"},
		{"filed after its round closed", "2027-04-01", "mars", false, "mars"},
		{"filed before the call opens", "2027-01-03", "mars", false, "mars"},
		{"no round named: the first open on that date", "2027-04-10", "", true, "juin"},
		{"no round named and none open", "2027-07-01", "", false, ""},
		{"not dated", "", "mars", false, "mars"},
		{"a round the call does not have", "2027-02-01", "decembre", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			def := &partnership.Definition{Kind: partnership.KindApplication, Date: tt.date, Application: &partnership.Application{Round: tt.round}}
			a := score.AssessApplication(&partnership.Document{Definition: def}, &partnership.Definition{Kind: partnership.KindCall, Call: call})
			i := slices.IndexFunc(a.Gates, func(g score.Gate) bool { return g.ID == "calendar" })
			if i < 0 || a.Gates[i].Met != tt.met || a.Round != tt.assigned {
				t.Errorf("gates %+v, round %q; want met %v and round %q", a.Gates, a.Round, tt.met, tt.assigned)
			}
		})
	}
}

// TestMachineCheckableEligibility applies the kinds of commons a call accepts and where it
// wants their documentation.
func TestMachineCheckableEligibility(t *testing.T) {
	call := &partnership.Definition{Kind: partnership.KindCall, Call: &partnership.Call{Eligibility: &partnership.Eligibility{
		CommonsTypes: []string{"digital", "data"}, DocumentationSites: []string{"https://framagit.org/", "https://forge.example.org"},
	}}}
	tests := []struct {
		kind, url    string
		kindMet, doc bool
	}{
		{"data", "https://framagit.org/groupe/projet", true, true},
		{"building", "https://FRAMAGIT.org/groupe", false, true},
		{"digital", "https://forge.example.org/x", true, true},
		{"digital", "https://forge.example.org.evil.test/x", true, false},
		{"digital", "", true, false},
	}
	for _, tt := range tests {
		def := &partnership.Definition{Kind: partnership.KindApplication, Commons: &partnership.Commons{Type: tt.kind},
			Application: &partnership.Application{Documentation: &partnership.Documentation{URL: tt.url, Public: true}}}
		a := score.AssessApplication(&partnership.Document{Definition: def}, call)
		got := map[string]bool{}
		for _, g := range a.Gates {
			got[g.ID] = g.Met
		}
		if got["commons_type"] != tt.kindMet || got["documentation_site"] != tt.doc || a.Eligible != (tt.kindMet && tt.doc) {
			t.Errorf("%s at %q: gates %+v", tt.kind, tt.url, a.Gates)
		}
	}
}

// TestTheScaleAppliesToCommons: a call and a charter without facts are not scored; a charter
// that covers one commons and declares its facts is.
func TestTheScaleAppliesToCommons(t *testing.T) {
	for _, tt := range []struct {
		file, notApplicable string
	}{
		{"appel-communs-numeriques-2027.yaml", "call"},
		{"charte-des-communs-valmont.yaml", "charter"},
		{"declaration-manifattura-rossi.yaml", ""},
	} {
		def := loadCall(t, tt.file)
		r := score.Evaluate(def, nil)
		if r.Applies != (tt.notApplicable == "") || r.NotApplicable != tt.notApplicable {
			t.Errorf("%s: applies %v (%q)", tt.file, r.Applies, r.NotApplicable)
		}
		if tt.notApplicable == "" && (r.Profile.Degree == 0 || r.Profile.CommonInterest == 0) {
			t.Errorf("%s is not scored: %+v", tt.file, r.Profile)
		}
	}
}

// sortInputs reads what assess is given as assess reads it, through Inputs and Read, and
// sorts it: the applications taken, the files skipped and the problems.
func sortInputs(t *testing.T, call *partnership.Definition, callFile string, paths ...string) (files []string, skipped []score.Skipped, problems partnership.Diagnostics) {
	t.Helper()
	inputs, err := score.Inputs(callFile, paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range inputs {
		c := score.Read(call, in, nil, partnership.DefaultLimits)
		switch {
		case c.Err != nil:
			t.Fatal(c.Err)
		case c.Skip.Code != "":
			skipped = append(skipped, score.SkippedFile(c.Path, c.Skip))
		case c.Problem != nil:
			problems = append(problems, *c.Problem)
		default:
			files = append(files, c.Path)
		}
	}
	return files, skipped, problems.Sorted()
}

// TestApplicationsInADirectory sorts what assess is given: the applications to the call are
// taken, everything else found in a directory is skipped with its reason, and a file named
// on the command line that is not an application to the call is an error.
func TestApplicationsInADirectory(t *testing.T) {
	callFile := "../../examples/appel-communs-numeriques-2027.yaml"
	call := loadCall(t, "appel-communs-numeriques-2027.yaml")
	files, skipped, problems := sortInputs(t, call, callFile, "../../examples")
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if fmt.Sprint(names) != "[candidature-atlas-sols-vivants.yaml candidature-fabrique-des-ombres.yaml candidature-velo-cargo-libre.yaml]" {
		t.Errorf("applications taken: %v", names)
	}
	reasons := map[string]string{}
	for _, s := range skipped {
		reasons[filepath.Base(s.File)] = s.Reason
	}
	for file, reason := range map[string]string{
		"charte-des-communs-valmont.yaml": "a charter, not an application",
		"water-board.yaml":                "a convention, not an application",
		"appel-a-communs-2026.yaml":       `another call for commons, "appel-a-communs-2026"`,
		"candidature-cartocommuns.yaml":   `an application to another call, "appel-a-communs-2026"`,
		"syntax-yaml.yaml":                "cannot be read as a definition: line 5: not valid YAML",
	} {
		if !strings.HasPrefix(reasons[file], reason) {
			t.Errorf("%s skipped for %q, want %q", file, reasons[file], reason)
		}
	}
	// A file that is no definition, such as a rendered document, is passed over without a word.
	for file := range reasons {
		if !partnership.IsDefinitionFile(file) {
			t.Errorf("%s is skipped with a reason, %q", file, reasons[file])
		}
	}
	if len(reasons) < 30 {
		t.Errorf("only %d files skipped in the examples: %v", len(reasons), reasons)
	}
	if _, ok := reasons["appel-communs-numeriques-2027.yaml"]; ok {
		t.Error("the call itself is reported as skipped")
	}

	// Named on the command line, a file must be an application to the call.
	_, _, problems = sortInputs(t, call, callFile,
		"../../examples/candidature-velo-cargo-libre.yaml", "../../examples/charte-des-communs-valmont.yaml",
		"../../examples/candidature-cartocommuns.yaml", "../../examples/candidature-velo-cargo-libre.fr.md", callFile)
	var got []string
	for _, d := range problems {
		got = append(got, filepath.Base(d.File)+" "+d.Pointer+": "+d.Message)
	}
	want := []string{
		`candidature-cartocommuns.yaml /application/call/id: this application answers the call "appel-a-communs-2026", not "appel-communs-numeriques-2027"`,
		"candidature-velo-cargo-libre.fr.md : not a definition file (.yaml, .yml or .json): assess takes the applications to the call",
		`charte-des-communs-valmont.yaml /kind: expected an application to the call "appel-communs-numeriques-2027"; this is a charter`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
