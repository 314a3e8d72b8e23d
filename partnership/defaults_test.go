package partnership_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/templates"
)

// TestLibraryDefaults reads the clause library's defaults file: every entry stands for a key a
// definition has, and every text is given in both languages of the library.
func TestLibraryDefaults(t *testing.T) {
	data, err := templates.FS.ReadFile(partnership.DefaultsFile)
	if err != nil {
		t.Fatal(err)
	}
	d, err := partnership.ParseDefaults(data, "templates/defaults.yaml")
	if err != nil {
		t.Fatal(err)
	}
	entries := d.Entries()
	if len(entries) < 8 {
		t.Fatalf("only %d entries", len(entries))
	}
	for _, e := range entries {
		if m, ok := e.Value.(map[string]any); ok {
			for _, lang := range partnership.TextLanguages {
				if s, _ := m[lang].(string); s == "" {
					t.Errorf("%s has no %s text", e.Key, lang)
				}
			}
		}
		if e.Field != "" && partnership.Schema().At(e.Pointer()) == nil {
			t.Errorf("%s stands for %s, which definitions do not have", e.Key, e.Pointer())
		}
	}
	if v, ok := d.Value(partnership.KindConvention, "IT", "termination.cure_days"); !ok || v.Key != "convention.any.termination.cure_days" {
		t.Errorf("a value for any jurisdiction does not apply under IT: %+v", v)
	}
	if _, ok := d.Value(partnership.KindConvention, "IT", "disputes.court"); ok {
		t.Error("the French court applies under Italian law")
	}
	if _, ok := d.Statute("GB", "non_discrimination"); ok {
		t.Error("the French criminal code is cited under English law")
	}
}

// TestParseDefaultsRefusesMistakes checks the messages a house directory's defaults file gets,
// in English and in French, and that a file with several mistakes is always reported at the same
// one, the first in lexical order.
func TestParseDefaultsRefusesMistakes(t *testing.T) {
	tests := []struct{ src, want, french string }{
		{"convention:\n  FR:\n    termination.notice_month: 2\n", "a definition has no key /termination/notice_month",
			"convention.FR.termination.notice_month : une définition n’a pas de clé /termination/notice_month"},
		{"pacte:\n  FR:\n    termination.notice_months: 2\n", `"pacte" is neither a kind of document nor "law"`,
			"« pacte » n’est ni une sorte de document ni « law »"},
		{"convention:\n  France:\n    termination.notice_months: 2\n", "a jurisdiction is an ISO 3166-1 alpha-2 code such as FR, or \"any\"",
			"convention.France : un territoire s’écrit par son code ISO 3166-1 alpha-2, comme FR, ou « any »"},
		{"law:\n  any:\n    x: y\n", "a jurisdiction is an ISO 3166-1 alpha-2 code such as FR\n",
			"law.any : un territoire s’écrit par son code ISO 3166-1 alpha-2, comme FR\n"},
		{"convention:\n  FR:\n    disputes.court: {fr: a, de: b}\n", "gives a text for each language, among fr, en",
			"un texte en plusieurs langues donne un texte pour chaque langue, parmi fr, en"},
		{"convention:\n  FR:\n    disputes.court: [a]\n", "a default is a number, true or false, or a text",
			"une valeur par défaut est un nombre, true ou false, ou un texte"},
		{"call:\n  any:\n    call.tie_break: [nope]\n", `"nope" is not one of marks_by_weight`,
			"« nope » n’est pas l’une des valeurs marks_by_weight"},
		{"convention:\n  FR:\n    zz: 1\n    aa: 1\n    mm: 1\n  DE:\n    b: 1\n", "convention.DE.b: a definition has no key /b",
			"convention.DE.b : une définition n’a pas de clé /b"},
		{"convention: [\n", "maison/defaults.yaml: not valid YAML: ", "maison/defaults.yaml : YAML non valide : "},
	}
	for _, tt := range tests {
		for range 5 { // map order differs from run to run; the message must not
			_, err := partnership.ParseDefaults([]byte(tt.src), "maison/defaults.yaml")
			if err == nil || !strings.Contains(err.Error()+"\n", tt.want) {
				t.Fatalf("%q: %v, want %q", tt.src, err, tt.want)
			}
			var de *partnership.DefaultsError
			if !errors.As(err, &de) {
				t.Fatalf("%q: %T is not a DefaultsError", tt.src, err)
			}
			if french := partnership.FrenchSpaces(de.Msg().In("fr")) + "\n"; !strings.Contains(french, partnership.FrenchSpaces(tt.french)) {
				t.Errorf("%q: in French %q, want %q", tt.src, french, tt.french)
			}
		}
	}
}

// FuzzParseDefaults reads arbitrary defaults files: never a panic, and whatever is accepted
// stands for keys definitions have.
func FuzzParseDefaults(f *testing.F) {
	data, _ := templates.FS.ReadFile(partnership.DefaultsFile)
	f.Add(data)
	f.Add([]byte("convention:\n  any:\n    termination.cure_days: 30\n"))
	f.Add([]byte("law:\n  FR:\n    x: {fr: a, en: b}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := partnership.ParseDefaults(data, "f.yaml")
		if err != nil {
			return
		}
		for _, e := range d.Entries() {
			if e.Field != "" && partnership.Schema().At(e.Pointer()) == nil {
				t.Errorf("%s accepted for %s", e.Key, e.Pointer())
			}
		}
	})
}
