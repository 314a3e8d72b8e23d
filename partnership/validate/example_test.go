package validate_test

import (
	"fmt"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// Validate reports schema violations and broken rules of the domain together, sorted by
// position.
func ExampleValidate() {
	src := []byte(`kind: charter
lang: fr
id: charte-valmont
title: Charte des communs de Valmont
parties:
  - id: commune
    name: Commune de Valmont
    role: public_authority
    representative: {name: Annick Delorme, capacity: Maire}
  - id: reseau
    name: Réseau des communs valmontais
    rol: citizen_collective
    signs: false
charter:
  values: [Ouverture, Coopération]
commitments:
  - party: comune
    items: [Mettre à disposition des locaux.]
`)
	doc, diags := partnership.Load("charte.yaml", src, partnership.DefaultLimits)
	diags = append(diags, validate.Validate(doc, nil)...)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// charte.yaml:10:5: /parties/1: missing required key "role" (party role)
	// charte.yaml:12:5: /parties/1/rol: unknown key "rol"; did you mean "role"?
	// charte.yaml:17:12: /commitments/0/party: party "comune" does not exist; did you mean "commune"?
}
