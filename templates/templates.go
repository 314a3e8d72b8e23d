// Package templates holds the clause library, embedded in the binary: one file per clause,
// per kind of document and per language, and the library's version.
package templates

import (
	"embed"
	"strings"
)

// FS holds the clause library.
//
//go:embed VERSION
var FS embed.FS

// Version returns the semantic version of the clause library.
func Version() string {
	v, err := FS.ReadFile("VERSION")
	if err != nil {
		panic("templates: VERSION is not embedded") // a build defect
	}
	return strings.TrimSpace(string(v))
}
