package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

// TestDefaultsGiveEveryFormOfNotice finds, from the clauses' templates, the kinds of document
// whose clauses write the form of notice, and checks that the library's defaults give one for
// each of them under French law, under every law the defaults file names and under a law it
// does not name: the template function notice then never lacks a form, and every form a
// document states without its definition's notice is a default, reported.
func TestDefaultsGiveEveryFormOfNotice(t *testing.T) {
	lib, err := EmbeddedLibrary()
	if err != nil {
		t.Fatal(err)
	}
	enum := partnership.Schema().At("/" + noticeKey).Resolved().Enum
	jurisdictions := []string{partnership.DefaultJurisdiction, "DE"}
	for _, d := range lib.Defaults().Entries() {
		// A key is kind.JURISDICTION.field, or law.JURISDICTION.statute.
		if j := strings.Split(d.Key, ".")[1]; j != partnership.AnyJurisdiction && !slices.Contains(jurisdictions, j) {
			jurisdictions = append(jurisdictions, j)
		}
	}
	var writers []partnership.Kind
	for _, kind := range partnership.Kinds {
		for _, lang := range Languages {
			for _, id := range lib.Manifest(kind).Clauses() {
				c, ok := lib.Lookup(kind, lang, id)
				if !ok {
					t.Fatalf("%s/%s: no clause %s", kind, lang, id)
				}
				tmpl, err := parseClause(c)
				if err != nil {
					t.Fatal(err)
				}
				if slices.Contains(clauseFields(c, tmpl), "/"+noticeKey) && !slices.Contains(writers, kind) {
					writers = append(writers, kind)
				}
			}
		}
	}
	if !slices.Contains(writers, partnership.KindConvention) || !slices.Contains(writers, partnership.KindCharter) {
		t.Fatalf("the clauses of %v write the form of notice; conventions and charters do", writers)
	}
	for _, kind := range writers {
		for _, jur := range jurisdictions {
			d, ok := lib.Defaults().Value(kind, jur, noticeKey)
			if !ok {
				t.Errorf("a %s under %s: no default form of notice", kind, jur)
				continue
			}
			if form, _ := d.Value.(string); !slices.Contains(enum, form) {
				t.Errorf("a %s under %s: the default form of notice %v is none of %q", kind, jur, d.Value, enum)
			}
		}
	}
}
