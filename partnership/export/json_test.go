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
	if !strings.HasPrefix(string(raw), "{\n  \"format\": \"commons-definition\",") {
		t.Errorf("the JSON does not start with its format: %.60s", raw)
	}
}
