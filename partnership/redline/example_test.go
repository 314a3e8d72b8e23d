package redline_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/redline"
	"github.com/commons-toolkit/commons/partnership/render"
)

// renderText renders a definition given as text.
func renderText(name, text string) *render.Document {
	doc, diags := partnership.Load(name, []byte(text), partnership.DefaultLimits)
	if diags.HasErrors() {
		panic(diags)
	}
	r, err := render.New(render.WithLang("en"))
	if err != nil {
		panic(err)
	}
	out, err := r.Render(doc)
	if err != nil {
		panic(err)
	}
	return out
}

// ExampleCompare compares two versions of a small convention: the second adds a commitment and
// a renewal clause. The summary names the articles by number, the text shows the words that
// changed.
func ExampleCompare() {
	v1, err := os.ReadFile("../render/testdata/minimal-convention.yaml")
	if err != nil {
		panic(err)
	}
	v2 := strings.Replace(string(v1), "items: [Fournir l’eau.]", "items: [Fournir l’eau., Prêter les outils.]", 1)
	v2 = strings.Replace(v2, "start: 2026-05-01", "start: 2026-05-01\n  months: 12", 1)

	rl, err := redline.Compare(renderText("v1.yaml", string(v1)), renderText("v2.yaml", v2))
	if err != nil {
		panic(err)
	}
	fmt.Println(rl.Summary())
	for _, a := range rl.Summary().Changed {
		fmt.Printf("%s: %s\n", a.ID, a.Status)
	}
	fmt.Print(string(rl.Text(false)[strings.Index(string(rl.Text(false)), "\n## Article 2"):]))
	// Output:
	// Article 2 modified, Article 3 modified.
	// duration: modified
	// commitments: modified
	//
	// ## Article 2 – Term and renewal
	//
	// This convention takes effect on 1 May 2026{+ for a term of one year+}.
	//
	// ## Article 3 – Undertakings of the parties
	//
	// Without prejudice to the other provisions of this convention, the parties give the following undertakings.
	//
	// Ville de Valmont undertakes to:
	//
	// - Fournir l’eau.
	// - {+Prêter les outils.+}
}
