package render_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/commons-toolkit/commons/templates"
)

// frenchLaw are the words of French statutes, courts and formalities, in both languages of the
// library, that a document governed by another law must not contain unless its definition
// writes them.
var frenchLaw = []string{
	"code pénal", "criminal code", "code de justice administrative", "code of administrative justice",
	"collectivités territoriales", "general code of local authorities", "loi n°", "act no. 2000", "act no. 2021",
	"décret n°", "decree no. 2021", "décret-loi", "decree-law", "tribunal administratif", "administrative court with territorial",
	"lettre recommandée", "registered letter", "engagement républicain", "republican commitment",
	"compte rendu financier", "financial report required", "en droit français", "french law",
}

// foreignExamples are the examples governed by another law than French law, and whether they
// are legally binding.
var foreignExamples = map[string]bool{
	"pacte-vicolo-dei-tigli.yaml":        true,  // Bologna: ordinary pact with an informal group (IT)
	"declaration-manifattura-rossi.yaml": false, // Naples: civic-use declaration recognised by the city (IT)
	"compact-riverside.yaml":             false, // an English borough's compact (GB)
	"concession-can-teixidor.yaml":       true,  // Barcelona: civic-management concession, bilingual (ES)
}

// TestForeignExamplesSayNothingFrench renders the examples governed by Italian, English and
// Spanish law in both languages: no French statute, court or formality, no default of the
// clause library that the definition did not ask for, and, when the document is not legally
// binding, no court, sanction or guarantor.
func TestForeignExamplesSayNothingFrench(t *testing.T) {
	for file, binding := range foreignExamples {
		doc := load(t, filepath.Join(examplesDir, file))
		if doc.Definition.Country() == partnership.DefaultJurisdiction || doc.Definition.IsBinding() != binding {
			t.Fatalf("%s: jurisdiction %s, binding %v", file, doc.Definition.Country(), doc.Definition.IsBinding())
		}
		for _, lang := range render.Languages {
			t.Run(file+"."+lang, func(t *testing.T) {
				out := mustRender(t, doc, render.WithLang(lang))
				text := strings.ToLower(string(out.Markdown))
				for _, w := range frenchLaw {
					if strings.Contains(text, w) {
						t.Errorf("the document says %q", w)
					}
				}
				if !binding {
					for _, w := range []string{"dernier ressort", "last resort", "juridiction", "court", "juge", "tribunal", "sanction", "résilié", "terminated"} {
						if strings.Contains(text, w) {
							t.Errorf("a document that is not legally binding says %q", w)
						}
					}
				}
				for _, a := range out.Articles {
					if len(a.Defaults) > 0 {
						t.Errorf("article %s applies defaults the definition did not ask for: %+v", a.ID, a.Defaults)
					}
					for _, s := range a.Statutes {
						if !strings.HasPrefix(s.Key, "law."+doc.Definition.Country()+".") {
							t.Errorf("article %s cites %s, which is not the law of %s", a.ID, s.Key, doc.Definition.Country())
						}
					}
				}
				for _, d := range out.Diagnostics {
					if strings.Contains(d.Message, "default") {
						t.Errorf("warning: %s", d)
					}
				}
			})
		}
	}
}

// TestBilingualExampleIsWhole renders the bilingual example in both languages: every text has
// both versions, so no warning is given and no text of the other language appears.
func TestBilingualExampleIsWhole(t *testing.T) {
	doc := load(t, filepath.Join(examplesDir, "concession-can-teixidor.yaml"))
	fr := mustRender(t, doc, render.WithLang("fr"))
	en := mustRender(t, doc, render.WithLang("en"))
	for _, out := range []*render.Document{fr, en} {
		if len(out.Diagnostics) > 0 {
			t.Errorf("%s: %v", out.Meta.Lang, out.Diagnostics)
		}
	}
	if !strings.Contains(strings.ReplaceAll(string(fr.Markdown), "\u00a0", " "), "ci-après dénommée « la Ville »") || !strings.Contains(string(en.Markdown), "hereinafter “the City Council”") {
		t.Error("the designation is not taken in the language of the document")
	}
	for _, w := range []string{"Civic-management", "the Association", "Workshops are free"} {
		if strings.Contains(string(fr.Markdown), w) {
			t.Errorf("the French document contains the English %q", w)
		}
	}
	for _, w := range []string{"Concession de gestion", "l’Association", "Les ateliers sont gratuits"} {
		if strings.Contains(string(en.Markdown), w) {
			t.Errorf("the English document contains the French %q", w)
		}
	}
	if !strings.Contains(string(fr.Markdown), "pour une durée de 30 ans") || !strings.Contains(string(en.Markdown), "for a term of 30 years") {
		t.Error("360 months are not written as 30 years")
	}
}

// genericSection reports whether a pointer names something every article may read without
// saying anything of its own: the parties, the document's title, date, place, language…
func genericSection(pointer string) bool {
	top, _, _ := strings.Cut(strings.TrimPrefix(pointer, "/"), "/")
	switch top {
	case "parties", "title", "date", "place", "lang", "kind", "id", "variant", "jurisdiction", "binding", "summary", "templates":
		return true
	}
	return false
}

// boilerplate are the clauses whose text the library writes for every document of their kind:
// the front and back matter, and the amendment clause, which states how the document itself
// changes.
var boilerplate = []string{"title", "parties", "signatures", "amendment"}

// TestRemovingASectionNeverLeavesSilentText removes, one by one, every section of every example
// and renders what is left in both languages: an article that read only the removed section
// either disappears or says, by a warning and in explain, which default it applied. No article
// ever appears that reads nothing of the definition, applies no default and cites no statute.
func TestRemovingASectionNeverLeavesSilentText(t *testing.T) {
	checked := 0
	for _, file := range examples(t) {
		doc := load(t, file)
		root := doc.Value.(map[string]any)
		var sections []string
		for key := range root {
			if !genericSection("/"+key) && key != "$schema" {
				sections = append(sections, key)
			}
		}
		slices.Sort(sections)
		for _, lang := range render.Languages {
			full := mustRender(t, doc, render.WithLang(lang))
			before := render.Explain(doc, full)
			for _, section := range sections {
				reduced := without(t, doc, section)
				if reduced == nil {
					continue // the kind of document requires the section
				}
				checked++
				t.Run(filepath.Base(file)+"/"+lang+"/-"+section, func(t *testing.T) {
					out := mustRender(t, reduced, render.WithLang(lang))
					after := render.Explain(reduced, out)
					silentArticles(t, after)
					was := map[string]render.ArticleSource{}
					for _, a := range before.Articles {
						was[a.ID] = a
					}
					for _, a := range after.Articles {
						old, ok := was[a.ID]
						if !ok {
							t.Errorf("removing %q added the article %s", section, a.ID)
							continue
						}
						if slices.Contains(boilerplate, a.ID) || !onlyReads(old, "/"+section) {
							continue
						}
						if !slices.ContainsFunc(a.Defaults, func(d render.AppliedDefault) bool { return within(d.Pointer, "/"+section) }) {
							t.Errorf("article %s read only %s, which is gone, yet it stays without a default: %v", a.ID, section, a.Pointers)
						}
					}
				})
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d removals checked", checked)
	}
}

// silentArticles reports every article that reads nothing of its own from the definition,
// applies no default and cites no statute.
func silentArticles(t *testing.T, e *render.Explanation) {
	t.Helper()
	for _, a := range e.Articles {
		if slices.Contains(boilerplate, a.ID) || len(a.Defaults) > 0 || len(a.Statutes) > 0 {
			continue
		}
		if !slices.ContainsFunc(a.Pointers, func(p string) bool { return !genericSection(p) }) {
			t.Errorf("article %s reads nothing of its own from the definition: %v", a.ID, a.Pointers)
		}
	}
}

// onlyReads reports whether an article read, besides generic values, only values under section.
func onlyReads(a render.ArticleSource, section string) bool {
	own := false
	for _, p := range a.Pointers {
		switch {
		case genericSection(p):
		case within(p, section):
			own = true
		default:
			return false
		}
	}
	return own && len(a.Statutes) == 0
}

func within(p, q string) bool { return p == q || strings.HasPrefix(p, q+"/") }

// without returns the document without one top-level section, or nil when the definition is
// no longer valid without it.
func without(t *testing.T, doc *partnership.Document, section string) *partnership.Document {
	t.Helper()
	var tree map[string]any
	raw, _ := json.Marshal(doc.Value)
	if err := json.Unmarshal(raw, &tree); err != nil {
		t.Fatal(err)
	}
	delete(tree, section)
	data, _ := json.Marshal(tree)
	d, diags := partnership.Load(strings.TrimSuffix(doc.File, filepath.Ext(doc.File))+".json", data, partnership.DefaultLimits)
	if d == nil || diags.HasErrors() || validate.Validate(d, nil).HasErrors() {
		return nil
	}
	return d
}

// TestDefaultsAreWarnedAndExplained leaves out a cure period and the court of a convention:
// the library's defaults apply, each with a warning at the position of the section, and
// explain names the entry of the defaults file. A house directory's defaults replace them.
func TestDefaultsAreWarnedAndExplained(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(src), "  cure_days: 30\n", "", 1)
	text = strings.Replace(text, "  court: Tribunal administratif territorialement compétent\n", "", 1)
	doc, diags := partnership.Load("pacte.yaml", []byte(text), partnership.DefaultLimits)
	if diags.HasErrors() || validate.Validate(doc, nil).HasErrors() {
		t.Fatalf("%v", diags)
	}
	out := mustRender(t, doc)
	warnings := map[string]partnership.Diagnostic{}
	for _, d := range out.Diagnostics {
		warnings[d.Pointer] = d
	}
	cure, court := warnings["/termination/cure_days"], warnings["/disputes/court"]
	if cure.Severity != partnership.Warning || cure.Message != `no cure period given; the default "30 days" applies` ||
		cure.Line != doc.KeyPosOf("/termination").Line || !strings.Contains(cure.Hint, "convention.any.termination.cure_days in templates/defaults.yaml") {
		t.Errorf("cure period: %v", cure)
	}
	if court.Message != `no court given; the default "le tribunal administratif territorialement compétent" applies` {
		t.Errorf("court: %v", court)
	}
	md := string(out.Markdown)
	if !strings.Contains(md, "délai de 30 jours") || !strings.Contains(md, "porté devant le tribunal administratif territorialement compétent.") {
		t.Error("the defaults are not in the text")
	}
	e := render.Explain(doc, out)
	var keys []string
	for _, a := range e.Articles {
		for _, d := range a.Defaults {
			keys = append(keys, a.ID+":"+d.Key+"="+strings.TrimSpace(strings.Trim(jsonString(d.Value), `"`)))
		}
	}
	want := []string{"termination:convention.any.termination.cure_days=30", "disputes:convention.FR.disputes.court=le tribunal administratif territorialement compétent"}
	if !slices.Equal(keys, want) {
		t.Errorf("explain lists the defaults %q, want %q", keys, want)
	}

	house := fstest.MapFS{"defaults.yaml": {Data: []byte("convention:\n  any:\n    termination.cure_days: 45\n")}}
	lib, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: house, Name: "maison"})
	if err != nil {
		t.Fatal(err)
	}
	housed := mustRender(t, doc, render.WithLibrary(lib))
	if !strings.Contains(string(housed.Markdown), "délai de 45 jours") {
		t.Error("the house default is not used")
	}
	for _, a := range housed.Articles {
		for _, d := range a.Defaults {
			if d.Key == "convention.any.termination.cure_days" && d.Source != "maison/defaults.yaml" {
				t.Errorf("source %q", d.Source)
			}
		}
	}
	bad := fstest.MapFS{"defaults.yaml": {Data: []byte("convention:\n  any:\n    termination.cure_dayz: 45\n")}}
	if _, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: bad, Name: "maison"}); err == nil || !strings.Contains(err.Error(), "termination.cure_dayz") {
		t.Errorf("a default for a key definitions do not have: %v", err)
	}
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// grammarDefinition has parties whose designations cover the cases of French agreement: la, le,
// l’ with a noun the toolkit knows, l’ with a gender given, les, and no article.
const grammarDefinition = `kind: convention
lang: fr
id: grammaire
title: Grammaire
parties:
  - {id: commune, name: Commune de Valmont, designation: la Commune, role: public_authority, signs: false}
  - {id: metropole, name: Valmont Métropole, designation: la Métropole, role: public_authority, signs: false}
  - {id: groupe, name: Groupe du square, designation: le Groupe, role: citizen_collective, legal_status: informal_group, signs: false}
  - {id: asso, name: Les Amis du square, designation: l’Association, role: citizen_collective, signs: false}
  - {id: office, name: Office de l’habitat, designation: l’Office, gender: masculine, role: operator, signs: false}
  - {id: habitants, name: Habitants du square, designation: les Habitants, role: citizen_collective, legal_status: informal_group, signs: false}
  - {id: associations, name: Associations du quartier, designation: les Associations, role: citizen_collective, signs: false}
  - {id: cvs, name: Riverside CVS, role: citizen_collective, gender: feminine, signs: false}
commons: {name: Square, type: green_space, dedication: Usage de tous.}
duration: {start: 2026-05-01}
commitments: [{party: commune, items: [Fournir l’eau.]}]
`

// grammarClause exercises the grammar functions on every party, in the place of the amendment
// clause.
const grammarClause = `{{define "title"}}Grammaire{{end -}}
{{range .Parties}}
- {{.ID}} = {{agree . "représenté"}} / {{agree . "dénommé"}} / {{verb . "s’engage" "s’engagent"}} / {{de .}} / {{to .}}
{{- end}}
- publiques = {{subject (.PartiesWithRole "public_authority") "reconnaît" "reconnaissent"}} / {{agree (.PartiesWithRole "public_authority") "tenu"}}
- mixtes = {{names (.PartiesWithRole "operator" "public_authority")}} / {{agree (.PartiesWithRole "operator" "public_authority") "représenté"}}
- nombres = {{count 1 "renouvellement" "renouvellements"}} / {{count 1 "relève" "relèves"}} / {{count 3 "mois" "mois"}} / {{count 30 "jour" "jours"}} / {{count 0 "siège" "sièges"}}
- durées = {{duration 12}} / {{duration 360}} / {{duration 18}} / {{duration 96}} / {{duration 1}}
- élisions = {{de (duration 12)}} / {{de (duration 96)}} / {{de (count 11 "mois" "mois")}} / {{de (count 2 "ans" "ans")}}
`

// TestGrammar renders the grammar clause in both languages and checks each agreement, elision,
// contraction and number.
func TestGrammar(t *testing.T) {
	house := fstest.MapFS{
		"convention/fr/amendment.md": {Data: []byte(grammarClause)},
		"convention/en/amendment.md": {Data: []byte(grammarClause)},
	}
	lib, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: house, Name: "house"})
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := partnership.Load("grammaire.yaml", []byte(grammarDefinition), partnership.DefaultLimits)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if d := validate.Validate(doc, nil); d.HasErrors() {
		t.Fatal(d)
	}
	tests := map[string][]string{
		"fr": {
			"- commune = représentée / dénommée / s’engage / de la Commune / à la Commune",
			"- groupe = représenté / dénommé / s’engage / du Groupe / au Groupe",
			"- asso = représentée / dénommée / s’engage / de l’Association / à l’Association",
			"- office = représenté / dénommé / s’engage / de l’Office / à l’Office",
			"- habitants = représentés / dénommés / s’engagent / des Habitants / aux Habitants",
			"- associations = représentées / dénommées / s’engagent / des Associations / aux Associations",
			"- cvs = représentée / dénommée / s’engage / de Riverside CVS / à Riverside CVS",
			"- publiques = la Commune et la Métropole reconnaissent / tenues",
			"- mixtes = la Commune, la Métropole et l’Office / représentés",
			"- nombres = un renouvellement / une relève / trois mois / 30 jours / zéro siège",
			"- durées = un an / 30 ans / 18 mois / huit ans / un mois",
			"- élisions = d’un an / de huit ans / de 11 mois / de deux ans",
		},
		"en": {
			"- commune = représenté / dénommé / s’engage / of la Commune / to la Commune",
			"- habitants = représenté / dénommé / s’engagent / of les Habitants / to les Habitants",
			"- publiques = la Commune and la Métropole reconnaissent / tenu",
			"- nombres = one renouvellement / one relève / three mois / 30 jours / zero sièges",
			"- durées = one year / 30 years / 18 months / eight years / one month",
		},
	}
	for lang, want := range tests {
		r, err := render.New(render.WithLibrary(lib), render.WithLang(lang))
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		md := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(string(out.Markdown))
		for _, line := range want {
			if !strings.Contains(md, line+"\n") {
				t.Errorf("%s: no line %q in\n%s", lang, line, md[strings.Index(md, "- commune"):])
			}
		}
	}
}

// TestTypographyLeavesLinksAlone renders a French document whose annex is a web address with a
// bracket and a question mark, and whose texts hold the same address, an e-mail address and
// sums: the address comes out byte for byte in the Markdown, the HTML link and its text, while
// French spacing still applies to the words around it.
func TestTypographyLeavesLinksAlone(t *testing.T) {
	const url = "https://fr.wikipedia.org/wiki/Verger_(agriculture)?action=history"
	src := strings.Replace(grammarDefinition, "commitments: [{party: commune, items: [Fournir l’eau.]}]\n", "", 1) +
		"commitments: [{party: commune, items: [\"Écrire à jardins@valmont.fr ; voir " + url + " !\", \"Verser 5 € ou 10 % du coût : c’est tout ?\"]}]\n" +
		"annexes: [{id: verger, title: Verger, url: \"" + url + "\"}]\n"
	doc, diags := partnership.Load("liens.yaml", []byte(src), partnership.DefaultLimits)
	if diags.HasErrors() || validate.Validate(doc, nil).HasErrors() {
		t.Fatal(diags, validate.Validate(doc, nil))
	}
	out := mustRender(t, doc)
	md := string(out.Markdown)
	if !strings.Contains(md, "<"+url+">") {
		t.Errorf("the link is not in the Markdown as written:\n%s", md[strings.Index(md, "### Annexe"):])
	}
	html, err := typeset.HTML(out.Markdown)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `href="`+url+`">`+url+`</a>`) {
		t.Errorf("the HTML link is not the address as written")
	}
	nn := "\u202f"
	for _, want := range []string{
		"Écrire à jardins@valmont.fr" + nn + "; voir https://fr.wikipedia.org/wiki/Verger\\_(agriculture)?action=history" + nn + "!",
		"Verser 5" + nn + "€ ou 10" + nn + "% du coût\u00a0: c’est tout" + nn + "?",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no line %q in the commitments", want)
		}
	}
}

// Explain says, article by article, what a document takes from its definition, from the
// library's defaults and from the law of its jurisdiction.
func ExampleExplain() {
	src := []byte(`kind: convention
lang: fr
id: pacte
title: Pacte
parties:
  - {id: ville, name: Ville de Valmont, designation: la Ville, role: public_authority, signs: false}
  - {id: asso, name: Association du jardin, designation: l’Association, role: citizen_collective, signs: false}
commons: {name: Jardin, type: green_space, dedication: Usage de tous.}
duration: {start: 2026-05-01}
commitments: [{party: ville, items: [Fournir l’eau.]}]
access: {equal_access: true, non_discrimination: true, inalienable: false}
termination: {notice_months: 2}
`)
	doc, _ := partnership.Load("pacte.yaml", src, partnership.DefaultLimits)
	r, _ := render.New()
	out, _ := r.Render(doc)
	for _, a := range render.Explain(doc, out).Articles {
		if a.ID == "access" || a.ID == "termination" {
			fmt.Println(a.Heading)
			fmt.Println("  reads", a.Pointers)
			for _, d := range a.Defaults {
				fmt.Println("  default", d.Pointer, d.Value, "from", d.Key)
			}
			for _, s := range a.Statutes {
				fmt.Println("  cites", s.Text)
			}
		}
	}
	for _, d := range out.Diagnostics {
		fmt.Println(d)
	}
	// Output:
	// Article 4 – Garanties d’accès
	//   reads [/access /access/equal_access /access/non_discrimination]
	//   cites l’article 225-1 du code pénal
	// Article 6 – Résiliation
	//   reads [/parties/0/designation /parties/0/role /termination /termination/notice_months]
	//   default /termination/general_interest true from convention.FR.termination.general_interest
	//   default /notice registered_letter from convention.FR.notice
	//   default /termination/cure_days 30 from convention.any.termination.cure_days
	// pacte.yaml:1:1: /notice: warning: no form of notice given; the default "registered_letter" applies; write /notice in the definition to make it its own (default: convention.FR.notice in templates/defaults.yaml)
	// pacte.yaml:12:1: /termination/cure_days: warning: no cure period given; the default "30 days" applies; write /termination/cure_days in the definition to make it its own (default: convention.any.termination.cure_days in templates/defaults.yaml)
	// pacte.yaml:12:1: /termination/general_interest: warning: termination on grounds of general interest not set; the default "true" applies; write /termination/general_interest in the definition to make it its own (default: convention.FR.termination.general_interest in templates/defaults.yaml)
}
