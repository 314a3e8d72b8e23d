package export_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// ExampleSubsidies writes the SCDL open data of a convention's grants.
func ExampleSubsidies() {
	doc, diags, err := validate.File("../../examples/water-board.yaml", partnership.DefaultLimits)
	if err != nil || diags.HasErrors() {
		fmt.Println(err, diags)
		return
	}
	rows, diags := export.Subsidies(doc)
	if len(diags) > 0 {
		fmt.Println(diags)
		return
	}
	export.WriteSCDL(os.Stdout, rows)
	// Output:
	// nomAttribuant,idAttribuant,dateConvention,referenceDecision,nomBeneficiaire,idBeneficiaire,rnaBeneficiaire,objet,montant,nature,conditionsVersement,datesPeriodeVersement,idRAE,notificationUE,pourcentageSubvention,dispositifAide
	// Valmont Métropole,20004637100012,2026-02-20,C-2026-0007,Valmont Water Users' Association,,W423001982,"Training of citizen members, independent expertise on tariffs and accounts, and organisation of public hearings of users.",18000,aide en numéraire,échelonné,2026-04-15/2026-10-15,,non,1.00,
}

// ExampleNormalize shows the references a definition makes, resolved to names.
func ExampleNormalize() {
	doc, _, _ := validate.File("../../examples/water-board.yaml", partnership.DefaultLimits)
	n, err := export.Normalize(doc, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range n.References {
		if r.Kind == "party" && strings.HasPrefix(r.Pointer, "/support/grants/") {
			fmt.Printf("%s: %s (%s)\n", r.Pointer, r.ID, r.Name)
		}
	}
	fmt.Println("degree of communality:", n.Communality.Profile.Degree)
	// Output:
	// /support/grants/0/funder: metropole (Valmont Métropole)
	// /support/grants/0/recipient: usagers (Valmont Water Users' Association)
	// degree of communality: 75
}
