package partnership_test

import (
	"fmt"

	"github.com/commons-toolkit/commons/partnership"
)

// Load reads YAML or JSON and keeps the position of every value, so that later checks can say
// where a problem is.
func ExampleLoad() {
	src := []byte(`kind: charter
lang: fr
id: charte-valmont
title: Charte des communs de Valmont
parties:
  - id: commune
    name: Commune de Valmont
    role: public_authority
`)
	doc, diags := partnership.Load("charte.yaml", src, partnership.DefaultLimits)
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	fmt.Println(doc.Definition.Kind, doc.Definition.Title)
	fmt.Println(doc.Definition.Parties[0].Role, "at", doc.PosOf("/parties/0/role"))
	// Output:
	// charter Charte des communs de Valmont
	// public_authority at {8 11}
}

// A file that cannot be read as a definition gives a diagnostic at the place the parser stopped.
func ExampleLoad_syntaxError() {
	src := []byte("{\n  \"kind\": \"charter\"\n  \"lang\": \"fr\"\n}\n")
	_, diags := partnership.Load("charte.json", src, partnership.DefaultLimits)
	fmt.Println(diags)
	// Output:
	// charte.json:3:3: not valid JSON: invalid character '"' after object key:value pair; a comma or a closing } is missing before it
}
