package export_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/validate"
)

func TestNormalize(t *testing.T) {
	doc, diags, err := validate.File("../../examples/pacte-tiers-lieu-la-fabrique.yaml", partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	n, err := export.Normalize(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n.Format != export.NormalizedFormat || n.Version != export.NormalizedVersion || n.DefinitionSHA256 != doc.Digest {
		t.Errorf("header: %q %d %q", n.Format, n.Version, n.DefinitionSHA256)
	}
	for _, p := range n.Definition.Parties {
		if p.Signs == nil || !*p.Signs {
			t.Errorf("party %q: signs is not set to its default, true", p.ID)
		}
	}
	for i, g := range n.Definition.Support.Grants {
		if g.Recipient != "fabrique" {
			t.Errorf("grant %d: recipient %q, want the only collective, fabrique", i, g.Recipient)
		}
	}
	if doc.Definition.Support.Grants[0].Recipient != "" || doc.Definition.Parties[0].Signs != nil {
		t.Error("Normalize changed the document's own definition")
	}
	refs := map[string]export.Reference{}
	for _, r := range n.References {
		refs[r.Pointer] = r
	}
	for pointer, want := range map[string]export.Reference{
		"/support/grants/0/funder":          {Kind: "party", ID: "commune", Name: "Commune de Valmont"},
		"/support/grants/0/recipient":       {Kind: "party", ID: "fabrique", Name: "La Fabrique des Tilleuls", Default: true},
		"/governance/vetoes/1/college":      {Kind: "college", ID: "usagers", Name: "Collège des usagers et des associations hébergées"},
		"/governance/rules/0/domain":        {Kind: "domain", ID: "programmation", Name: "Programmation et usages des espaces"},
		"/support/payment_schedule/0/grant": {Kind: "grant", ID: "fonctionnement-2026", Name: "Fonctionnement du tiers-lieu du 1er juillet au 31 décembre 2026."},
	} {
		want.Pointer = pointer
		if got := refs[pointer]; got != want {
			t.Errorf("reference at %s is %+v, want %+v", pointer, got, want)
		}
	}
	for _, r := range n.References {
		if r.Name == "" {
			t.Errorf("reference at %s to %s %q has no name", r.Pointer, r.Kind, r.ID)
		}
	}
	if want := score.Evaluate(doc.Definition, nil); !reflect.DeepEqual(n.Communality, want) {
		t.Errorf("communality differs from score.Evaluate")
	}

	// The JSON keys of the definition are those of the schema, so that the normalised form
	// validates as a definition again.
	raw, _ := reload(t, n)
	if !strings.HasPrefix(string(raw), "{\n  \"format\": \"commons-definition\",") {
		t.Errorf("the JSON does not start with its format: %.60s", raw)
	}
}

// TestNormalizeKeepsEveryLanguage exports a definition whose texts are given in French and in
// English: each text keeps both languages in the JSON, in the place the definition gives it,
// and the normalised definition renders in either language as the original does.
func TestNormalizeKeepsEveryLanguage(t *testing.T) {
	doc, diags, err := validate.File("../../examples/concession-can-teixidor.yaml", partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		t.Fatal(err, diags)
	}
	n, err := export.Normalize(doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, again := reload(t, n)
	tests := []struct{ pointer, lang, want string }{
		{"/title", "fr", "Concession de gestion civique de l’ancienne fabrique Can Teixidor"},
		{"/title", "en", "Civic-management concession of the former Can Teixidor factory"},
		{"/place", "en", "Barcelona"},
		{"/parties/0/designation", "en", "the City Council"},
		{"/parties/0/designation", "fr", "la Ville"},
	}
	for _, tt := range tests {
		t.Run(tt.pointer+"/"+tt.lang, func(t *testing.T) {
			m, ok := valueAt(again.Value, tt.pointer).(map[string]any)
			if !ok {
				t.Fatalf("%s is %#v in the JSON, not a text per language", tt.pointer, valueAt(again.Value, tt.pointer))
			}
			if m[tt.lang] != tt.want {
				t.Errorf("%s in %s is %q, want %q", tt.pointer, tt.lang, m[tt.lang], tt.want)
			}
		})
	}
	// Every text the definition gives per language is given so in the JSON.
	for _, lang := range []string{"fr", "en"} {
		want, _ := doc.Localized(lang)
		got, _ := again.Localized(lang)
		for i := range got.Parties {
			got.Parties[i].Signs = want.Parties[i].Signs // a default the normalised form writes out
		}
		if !reflect.DeepEqual(got.Parties, want.Parties) || got.Title != want.Title || got.Summary != want.Summary {
			t.Errorf("the normalised definition does not read in %s as the original does", lang)
		}
	}
}

// reload writes the normalised form as JSON and loads its definition again, which must
// validate as a definition.
func reload(t *testing.T, n export.Normalized) ([]byte, *partnership.Document) {
	t.Helper()
	raw, err := json.MarshalIndent(n, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Definition json.RawMessage `json:"definition"`
	}
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	again, diags := partnership.Load("normalised.json", back.Definition, partnership.DefaultLimits)
	if again == nil {
		t.Fatal(diags)
	}
	if diags := validate.Validate(again, nil); len(diags) > 0 {
		t.Errorf("the normalised definition does not validate:\n%v", diags)
	}
	return raw, again
}

// valueAt returns the value of a tree at a JSON pointer without escapes, or nil.
func valueAt(v any, pointer string) any {
	for _, tok := range strings.Split(pointer, "/")[1:] {
		switch x := v.(type) {
		case map[string]any:
			v = x[tok]
		case []any:
			i := 0
			for _, c := range tok {
				i = i*10 + int(c-'0')
			}
			if i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}
