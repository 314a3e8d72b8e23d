package render_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// unasked are sentences that earlier versions of the clause library wrote without the definition
// or a default asking for them, in both languages: no example may say them.
var unasked = []struct{ finding, fr, en string }{
	{"an exception to prior conciliation", "sauf urgence ou nécessité de préserver un droit", "save in an emergency or where necessary to preserve a right"},
	{"a court nobody named", "devant la juridiction compétente", "before the competent court"},
	{"a guarantor of last resort in the statement of the principle", "demeurent garantes, en dernier ressort", "remain guarantors of last resort of that general interest"},
	{"a reporting duty on the conditions of support", "fait état du respect de ces conditions", "reports on compliance with these conditions"},
	{"a power of the governing body over amendments", "peut proposer aux parties toute modification", "may propose to the parties any change"},
	{"the date an amendment takes effect", "L’avenant prend effet à la date de sa signature", "An amendment takes effect on the date"},
	{"an order of precedence of the contract documents", "En cas de contradiction entre", "In the event of any conflict between"},
	{"a breach qualified as serious", "constitue un manquement grave au sens", "is a serious breach within the meaning"},
	{"an accounting duty for support in kind", "valorisé et retracé dans les comptes", "valued and recorded in the accounts"},
	{"a duty to estimate support in kind", "l’estime et la communique au bénéficiaire", "estimates that value and notifies it"},
	{"checks on site and access to premises", "sur pièces et sur place, l’emploi du soutien", "documentary and on-site checks of the use made of the support"},
	{"a role of the governing body in the review", "avec le concours de l’instance", "with the assistance of the governing body"},
	{"a statement on the content of the winners' convention", "Ces obligations sont reprises dans la convention", "These obligations are restated in the convention"},
}

// TestExamplesSayNothingUnasked renders every example in both languages: none of them says a
// sentence that no definition asks for.
func TestExamplesSayNothingUnasked(t *testing.T) {
	for _, file := range examples(t) {
		doc := load(t, file)
		for _, lang := range render.Languages {
			t.Run(filepath.Base(file)+"."+lang, func(t *testing.T) {
				md := nbsp(string(mustRender(t, doc, render.WithLang(lang)).Markdown))
				for _, u := range unasked {
					w := u.en
					if lang == "fr" {
						w = u.fr
					}
					if strings.Contains(md, w) {
						t.Errorf("%s: the document says %q", u.finding, w)
					}
				}
			})
		}
	}
}

func nbsp(s string) string { return strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(s) }

// conventionUnder is a small convention; the first verb is its jurisdiction, the second the
// sections a test adds to it.
const conventionUnder = `kind: convention
lang: fr
jurisdiction: %s
id: convention
title: Convention
parties:
  - {id: commune, name: Commune de Valmont, designation: la Commune, role: public_authority, signs: false}
  - {id: asso, name: Les Amis du square, designation: l’Association, role: citizen_collective, signs: false}
commons: {name: Square, type: green_space, dedication: Usage de tous.}
duration: {start: 2026-05-01}
commitments: [{party: commune, items: [Fournir l’eau.]}]
%s`

// loadUnder loads and validates conventionUnder with its jurisdiction and sections.
func loadUnder(t *testing.T, jur, sections string) *partnership.Document {
	t.Helper()
	doc, diags := partnership.Load("convention.yaml", []byte(fmt.Sprintf(conventionUnder, jur, sections)), partnership.DefaultLimits)
	if diags.HasErrors() || validate.Validate(doc, nil).HasErrors() {
		t.Fatalf("%s: %v %v", jur, diags, validate.Validate(doc, nil))
	}
	return doc
}

// TestDisputesSayOnlyWhatTheDefinitionSays renders the disputes article of a convention under
// each jurisdiction, with and without a court and interim relief, in both languages. Conciliation
// always comes before the court; the exception for interim or protective measures appears only
// when the definition asks for it; a court appears only when the definition names one, or under
// French law, where the library's default names it with a warning and an entry of explain;
// no other jurisdiction receives the French court or any court at all.
func TestDisputesSayOnlyWhatTheDefinitionSays(t *testing.T) {
	prior := map[string]string{
		"fr": "La saisine du juge n’intervient qu’après l’échec de la conciliation.",
		"en": "A party may refer a dispute to the court only after conciliation has failed.",
	}
	interim := map[string]string{
		"fr": "Toutefois, chaque partie peut, sans attendre l’issue de la conciliation, demander au juge des mesures provisoires ou conservatoires lorsque l’urgence le justifie ou que la préservation de ses droits l’exige.",
		"en": "However, any party may, without waiting for the outcome of the conciliation, apply to the court for interim or protective measures where the matter is urgent or where necessary to preserve its rights.",
	}
	namedCourt := map[string]string{
		"fr": "À défaut de règlement amiable, le litige est porté devant la juridiction suivante : Tribunal de Valmont.",
		"en": "Failing an amicable settlement, the dispute is brought before the following court: Tribunal de Valmont.",
	}
	defaultCourt := map[string]string{
		"fr": "À défaut de règlement amiable, le litige est porté devant le tribunal administratif territorialement compétent.",
		"en": "Failing an amicable settlement, the dispute is brought before the administrative court with territorial jurisdiction.",
	}
	anyCourt := map[string]string{"fr": "À défaut de règlement amiable", "en": "Failing an amicable settlement"}
	for _, jur := range []string{"FR", "IT", "BE", "ES", "GB", "DE"} {
		for _, c := range []struct {
			name, extra     string
			court, relief   bool
			wantDefaultUsed bool
		}{
			{"conciliation only", "", false, false, jur == "FR"},
			{"interim relief", "  interim_relief: true\n", false, true, jur == "FR"},
			{"no interim relief", "  interim_relief: false\n", false, false, jur == "FR"},
			{"a court", "  court: Tribunal de Valmont\n", true, false, false},
			{"a court and interim relief", "  court: Tribunal de Valmont\n  interim_relief: true\n", true, true, false},
		} {
			doc := loadUnder(t, jur, "disputes:\n  conciliation: {body: Comité de suivi, days: 30}\n"+c.extra)
			for _, lang := range render.Languages {
				t.Run(jur+"/"+c.name+"/"+lang, func(t *testing.T) {
					out := mustRender(t, doc, render.WithLang(lang))
					article := nbsp(section(string(out.Markdown), "{#disputes}"))
					if !strings.Contains(article, prior[lang]) {
						t.Errorf("conciliation is not a prior step:\n%s", article)
					}
					if got := strings.Contains(article, interim[lang]); got != c.relief {
						t.Errorf("interim relief said %v, want %v:\n%s", got, c.relief, article)
					}
					switch {
					case c.court:
						if !strings.Contains(article, namedCourt[lang]) {
							t.Errorf("the court of the definition is missing:\n%s", article)
						}
					case jur == "FR":
						if !strings.Contains(article, defaultCourt[lang]) {
							t.Errorf("the default court of French law is missing:\n%s", article)
						}
					default:
						if strings.Contains(article, anyCourt[lang]) {
							t.Errorf("a court that neither the definition nor a default of %s names:\n%s", jur, article)
						}
					}
					if jur != "FR" {
						for _, w := range frenchLaw {
							if strings.Contains(strings.ToLower(article), w) {
								t.Errorf("%s receives French law: %q", jur, w)
							}
						}
					}
					var keys []string
					for _, a := range render.Explain(doc, out).Articles {
						if a.ID != "disputes" {
							continue
						}
						for _, d := range a.Defaults {
							keys = append(keys, d.Key)
						}
					}
					courtWarned := slices.ContainsFunc(out.Diagnostics, func(d partnership.Diagnostic) bool {
						return d.Pointer == "/disputes/court" && d.Severity == partnership.Warning
					})
					if used := slices.Contains(keys, "convention.FR.disputes.court"); used != c.wantDefaultUsed || courtWarned != c.wantDefaultUsed {
						t.Errorf("default court in explain %v, warned %v, want %v (explain: %v)", used, courtWarned, c.wantDefaultUsed, keys)
					}
				})
			}
		}
	}
}

// TestCharterInterimRelief renders the disputes article of a binding charter with and without
// interim relief, and of a charter that is not legally binding, which names no court.
func TestCharterInterimRelief(t *testing.T) {
	const charter = `kind: charter
lang: fr
id: charte
title: Charte
parties: [{id: ville, name: Ville de Valmont, designation: la Ville, role: public_authority, signs: false}]
charter: {adopted_by: [ville]}
disputes:
  conciliation: {body: Commission de conciliation}
  court: Tribunal de Valmont
%s`
	interim := map[string]string{"fr": "demander au juge des mesures provisoires ou conservatoires", "en": "apply to the court for interim or protective measures"}
	for _, c := range []struct {
		name, extra string
		want        bool
	}{
		{"without", "", false},
		{"with", "  interim_relief: true\n", true},
	} {
		doc, diags := partnership.Load("charte.yaml", []byte(fmt.Sprintf(charter, c.extra)), partnership.DefaultLimits)
		if diags.HasErrors() || validate.Validate(doc, nil).HasErrors() {
			t.Fatalf("%s: %v %v", c.name, diags, validate.Validate(doc, nil))
		}
		for _, lang := range render.Languages {
			article := nbsp(section(string(mustRender(t, doc, render.WithLang(lang)).Markdown), "{#disputes}"))
			if got := strings.Contains(article, interim[lang]); got != c.want {
				t.Errorf("%s/%s: interim relief said %v, want %v:\n%s", c.name, lang, got, c.want, article)
			}
		}
	}
}

// section returns the article whose heading ends with id, up to the next heading.
func section(md, id string) string {
	i := strings.Index(md, id)
	if i < 0 {
		return ""
	}
	rest := md[i:]
	if j := strings.Index(rest, "\n## "); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// TestControlCitesItsStatute renders the control article of a convention whose public authority
// supports an association, under French law and under other laws: the duty to provide budgets,
// accounts and reports of activity is stated only under French law, citing the statute that
// imposes it, which explain lists; elsewhere the article says only what the definition says.
func TestControlCitesItsStatute(t *testing.T) {
	const sections = `support:
  grants: [{funder: commune, amount: 5000, purpose: Entretien du square}]
reporting:
  frequency: annual
  control: Contrôle sur pièces une fois par an.
`
	for _, jur := range []string{"FR", "IT", "BE", "ES", "GB"} {
		doc := loadUnder(t, jur, sections)
		for _, lang := range render.Languages {
			t.Run(jur+"/"+lang, func(t *testing.T) {
				out := mustRender(t, doc, render.WithLang(lang))
				article := nbsp(section(string(out.Markdown), "{#control}"))
				budgets := map[string]string{"fr": "une copie certifiée de ses budgets", "en": "a certified copy of its budgets"}[lang]
				cites := strings.Contains(article, "L. 1611-4")
				var keys []string
				for _, a := range render.Explain(doc, out).Articles {
					if a.ID == "control" {
						for _, s := range a.Statutes {
							keys = append(keys, s.Key)
						}
					}
				}
				want := jur == "FR"
				if cites != want || strings.Contains(article, budgets) != want || slices.Contains(keys, "law.FR.subsidy_control") != want {
					t.Errorf("statute cited %v, duties stated %v, explained %v; want %v:\n%s", cites, strings.Contains(article, budgets), keys, want, article)
				}
				if !strings.Contains(article, "Contrôle sur pièces une fois par an.") {
					t.Errorf("the definition's control is missing:\n%s", article)
				}
			})
		}
	}
}

// TestNoticeFormIsTheDefinitionsOrADefault renders the termination article of a convention
// under each jurisdiction, with and without a form of notice. Whenever the definition writes the
// key, the form is the definition's, with no default. Without it, the library's default applies
// with a warning and an entry of explain: under French law a registered letter
// (convention.FR.notice), under any other law notices in writing (convention.any.notice), never
// the French formality.
func TestNoticeFormIsTheDefinitionsOrADefault(t *testing.T) {
	registered := map[string]string{"fr": "par lettre recommandée avec accusé de réception", "en": "by registered letter with acknowledgement of receipt"}
	writing := map[string]string{"fr": "par écrit", "en": "in writing"}
	for _, jur := range []string{"FR", "IT", "BE", "ES", "GB"} {
		for _, given := range []string{"", "writing", "registered_letter"} {
			sections := "termination: {notice_months: 3, cure_days: 30, general_interest: false}\n"
			if given != "" {
				sections += "notice: " + given + "\n"
			}
			doc := loadUnder(t, jur, sections)
			var wantKey string
			want := registered
			switch {
			case given == "" && jur == "FR":
				wantKey = "convention.FR.notice"
			case given == "":
				wantKey, want = "convention.any.notice", writing
			case given == "writing":
				want = writing
			}
			for _, lang := range render.Languages {
				t.Run(jur+"/"+given+"/"+lang, func(t *testing.T) {
					out := mustRender(t, doc, render.WithLang(lang))
					article := nbsp(section(string(out.Markdown), "{#termination}"))
					other := registered
					if want["fr"] == registered["fr"] {
						other = writing
					}
					if !strings.Contains(article, want[lang]) || strings.Contains(article, other[lang]) {
						t.Errorf("want notices %q:\n%s", want[lang], article)
					}
					var warned []string
					for _, d := range out.Diagnostics {
						if d.Pointer == "/notice" && d.Severity == partnership.Warning {
							warned = append(warned, d.Hint)
						}
					}
					var explained []string
					for _, a := range render.Explain(doc, out).Articles {
						for _, d := range a.Defaults {
							if d.Pointer == "/notice" && a.ID == "termination" {
								explained = append(explained, d.Key)
							}
						}
					}
					if wantKey == "" {
						if len(warned) > 0 || len(explained) > 0 {
							t.Errorf("the definition gives the form, yet a default is warned %q and explained %q", warned, explained)
						}
						return
					}
					if len(warned) != 1 || !strings.Contains(warned[0], wantKey) || !slices.Equal(explained, []string{wantKey}) {
						t.Errorf("default warned %q, explained %q, want %s", warned, explained, wantKey)
					}
				})
			}
		}
	}
}
