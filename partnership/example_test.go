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

// Every free text may be given in several languages. Localized reads the definition as it is
// written in one of them, and says where a text lacks that language.
func ExampleDocument_Localized() {
	src := []byte(`kind: charter
lang: fr
id: charte-valmont
title: {fr: Charte des communs de Valmont, en: Valmont Charter of the Commons}
summary: {fr: La ville et les habitants prennent soin des communs.}
parties:
  - {id: commune, name: Commune de Valmont, designation: {fr: la Commune, en: the Town}, role: public_authority}
`)
	doc, _ := partnership.Load("charte.yaml", src, partnership.DefaultLimits)
	def, diags := doc.Localized("en")
	fmt.Println(def.Title, "/", def.Parties[0].Designation)
	fmt.Println(diags)
	fmt.Println(doc.Definition.Title)
	// Output:
	// Valmont Charter of the Commons / the Town
	// charte.yaml:5:10: /summary: warning: this text has no "en" version; it is shown in "fr"; add en: … to the mapping
	// Charte des communs de Valmont
}

// The article of a French designation tells how participles and verbs agree with it; where it
// is elided, the party says it, or the toolkit knows the noun.
func ExampleDesignationAgreement() {
	for _, d := range []string{"la Commune", "le Groupe", "les Habitants", "l’Association", "l’Ourson"} {
		a := partnership.DesignationAgreement(d, "", false)
		fmt.Printf("%-15s feminine=%v plural=%v known=%v\n", d, a.Feminine, a.Plural, a.Known)
	}
	// Output:
	// la Commune      feminine=true plural=false known=true
	// le Groupe       feminine=false plural=false known=true
	// les Habitants   feminine=false plural=true known=true
	// l’Association   feminine=true plural=false known=true
	// l’Ourson        feminine=false plural=false known=false
}
