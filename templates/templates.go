// Package templates holds the clause library, embedded in the binary: for each kind of document
// the plan of its clauses (KIND/clauses.yaml), one file per clause and language
// (KIND/LANG/CLAUSE-ID.md), clauses shared between kinds and the words for enumerated values
// (common/LANG/), the values clauses use when a definition leaves a key out and the statutes
// they cite (defaults.yaml), the library's VERSION and its CHANGELOG.md.
package templates

import (
	"embed"
	"strings"
)

// FS holds the clause library.
//
//go:embed VERSION CHANGELOG.md defaults.yaml charter convention call application common
var FS embed.FS

// Version returns the semantic version of the clause library.
func Version() string {
	v, err := FS.ReadFile("VERSION")
	if err != nil {
		panic("templates: VERSION is not embedded") // a build defect
	}
	return strings.TrimSpace(string(v))
}
