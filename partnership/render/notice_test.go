package render_test

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/templates"
)

// houseTermination is a house termination clause, in each language, that writes the form of
// notice with the given action: the template function or the method older house clauses call.
func houseTermination(action string) fstest.MapFS {
	return fstest.MapFS{
		"convention/fr/termination.md": {Data: []byte("{{define \"title\"}}Résiliation{{end -}}\n{{with .Termination}}Toute partie peut résilier la convention en le notifiant aux autres parties " + action + ".{{end}}\n")},
		"convention/en/termination.md": {Data: []byte("{{define \"title\"}}Termination{{end -}}\n{{with .Termination}}Any party may terminate the convention by notifying the other parties " + action + ".{{end}}\n")},
	}
}

// TestHouseClausesWriteTheFormOfNotice renders house clauses that write the form of notice,
// with the template function notice and with the method WrittenNotice that house clauses
// called before it, under French law and another law, with and without the definition's
// notice: the form is the definition's, else the library's default for the jurisdiction,
// reported by a warning and by explain; never a form chosen from the jurisdiction alone.
func TestHouseClausesWriteTheFormOfNotice(t *testing.T) {
	words := map[string]map[string]string{
		"registered_letter": {"fr": "par lettre recommandée avec accusé de réception", "en": "by registered letter with acknowledgement of receipt"},
		"writing":           {"fr": "par écrit", "en": "in writing"},
	}
	for _, action := range []string{"{{$.WrittenNotice}}", "{{notice}}"} {
		lib, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: houseTermination(action), Name: "maison"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			jur, given string
			// want is the form written; key the entry of the defaults file applied, if any.
			want, key string
		}{
			{"FR", "", "registered_letter", "convention.FR.notice"},
			{"FR", "writing", "writing", ""},
			{"FR", "registered_letter", "registered_letter", ""},
			{"GB", "", "writing", "convention.any.notice"},
			{"IT", "", "writing", "convention.any.notice"},
			{"GB", "registered_letter", "registered_letter", ""},
		} {
			sections := "termination: {notice_months: 3}\n"
			if c.given != "" {
				sections += "notice: " + c.given + "\n"
			}
			doc := loadUnder(t, c.jur, sections)
			for _, lang := range render.Languages {
				t.Run(action+"/"+c.jur+"/"+c.given+"/"+lang, func(t *testing.T) {
					out := mustRender(t, doc, render.WithLibrary(lib), render.WithLang(lang))
					article := nbsp(section(string(out.Markdown), "{#termination}"))
					if !strings.Contains(article, "parties "+words[c.want][lang]+".") {
						t.Errorf("want notices %q:\n%s", words[c.want][lang], article)
					}
					for form, w := range words {
						if form != c.want && strings.Contains(article, w[lang]) {
							t.Errorf("the article also says %q:\n%s", w[lang], article)
						}
					}
					var warnings []partnership.Diagnostic
					for _, d := range out.Diagnostics {
						if d.Pointer == "/notice" {
							warnings = append(warnings, d)
						}
					}
					var article0 render.ArticleSource
					for _, a := range render.Explain(doc, out).Articles {
						if a.ID == "termination" {
							article0 = a
						}
					}
					var keys []string
					for _, d := range article0.Defaults {
						if d.Pointer == "/notice" {
							keys = append(keys, d.Key)
							if d.Value != c.want || d.Source != "templates/defaults.yaml" {
								t.Errorf("explain: default %+v, want the value %q from templates/defaults.yaml", d, c.want)
							}
						}
					}
					if c.key == "" {
						if len(warnings) > 0 || len(keys) > 0 {
							t.Errorf("the definition gives the form, yet warnings %v and defaults %q", warnings, keys)
						}
						if !slices.Contains(article0.Pointers, "/notice") {
							t.Errorf("explain does not list /notice among what the article reads: %q", article0.Pointers)
						}
						return
					}
					if len(warnings) != 1 || warnings[0].Severity != partnership.Warning ||
						warnings[0].Message != `no form of notice given; the default "`+c.want+`" applies` || !strings.Contains(warnings[0].Hint, c.key+" in templates/defaults.yaml") {
						t.Errorf("warnings %v, want one for the default %s", warnings, c.key)
					}
					if !slices.Equal(keys, []string{c.key}) {
						t.Errorf("explain lists the defaults %q, want %s", keys, c.key)
					}
				})
			}
		}
	}
}

// TestExplainListsTheFormOfNotice renders every example whose definition gives its form of
// notice: each article whose clause writes it with the template function notice lists /notice
// among the values it reads, as an article that wrote the field would.
func TestExplainListsTheFormOfNotice(t *testing.T) {
	lib, err := render.EmbeddedLibrary()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, file := range examples(t) {
		doc := load(t, file)
		if doc.Definition.Notice == "" {
			continue
		}
		for _, lang := range render.Languages {
			out := mustRender(t, doc, render.WithLang(lang))
			for _, a := range render.Explain(doc, out).Articles {
				clause, ok := lib.Lookup(doc.Definition.Kind, lang, a.ID)
				if !ok || !strings.Contains(clause.Text, "{{notice}}") {
					continue
				}
				checked++
				if !slices.Contains(a.Pointers, "/notice") {
					t.Errorf("%s.%s: article %s writes the form of notice, yet explain lists %q", file, lang, a.ID, a.Pointers)
				}
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d articles that write the form of notice checked", checked)
	}
}

// TestNoFormOfNoticeWithoutADefault renders a call, whose definition has no form of notice and
// whose kind the library's defaults give none, with a house clause that writes one: the render
// stops rather than state a form nothing gives. A house directory's defaults may give one, which
// is then reported as every default is.
func TestNoFormOfNoticeWithoutADefault(t *testing.T) {
	doc := load(t, "testdata/minimal-call.yaml")
	clause := fstest.MapFS{"call/fr/context.md": {Data: []byte("{{define \"title\"}}Contexte{{end -}}\nLes lauréats sont informés {{notice}}.\n")}}
	lib, err := render.LoadLibrary(templates.FS, "templates", render.Override{FS: clause, Name: "maison"})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := render.New(render.WithLibrary(lib))
	want := `notice: no form of notice: the definition gives none, and the defaults give none for kind "call" under jurisdiction "FR"`
	if _, err := r.Render(doc); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("render: %v, want the error %q", err, want)
	}

	clause["defaults.yaml"] = &fstest.MapFile{Data: []byte("call:\n  any:\n    notice: writing\n")}
	lib, err = render.LoadLibrary(templates.FS, "templates", render.Override{FS: clause, Name: "maison"})
	if err != nil {
		t.Fatal(err)
	}
	out := mustRender(t, doc, render.WithLibrary(lib))
	if md := nbsp(string(out.Markdown)); !strings.Contains(md, "Les lauréats sont informés par écrit.") {
		t.Errorf("the house default is not written:\n%s", md)
	}
	if !slices.ContainsFunc(out.Diagnostics, func(d partnership.Diagnostic) bool {
		return d.Pointer == "/notice" && strings.Contains(d.Hint, "call.any.notice in maison/defaults.yaml")
	}) {
		t.Errorf("the house default is not reported: %v", out.Diagnostics)
	}
}
