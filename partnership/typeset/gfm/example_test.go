package gfm_test

import (
	"os"

	"github.com/yuin/goldmark"

	"github.com/commons-toolkit/commons/partnership/typeset/gfm"
)

func Example() {
	md := goldmark.New(goldmark.WithExtensions(gfm.Table, gfm.Strikethrough))
	src := "| Poste | Montant |\n| :-- | --: |\n| Loyer | ~~1 200 €~~ 900 € |\n| Code `a\\|b` |\n"
	if err := md.Convert([]byte(src), os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// <table>
	// <thead>
	// <tr>
	// <th style="text-align:left">Poste</th>
	// <th style="text-align:right">Montant</th>
	// </tr>
	// </thead>
	// <tbody>
	// <tr>
	// <td style="text-align:left">Loyer</td>
	// <td style="text-align:right"><del>1 200 €</del> 900 €</td>
	// </tr>
	// <tr>
	// <td style="text-align:left">Code <code>a|b</code></td>
	// <td></td>
	// </tr>
	// </tbody>
	// </table>
}
