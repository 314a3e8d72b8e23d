// Package partnership is the domain of public–commons partnerships: the types of a definition
// (parties, the commons, governance, support, calls and applications), loading definitions from
// YAML or JSON with the position of every value, and the Diagnostic type every layer reports
// problems with.
//
// Sub-packages do one job each and import this package, never the reverse: validate checks a
// definition against the JSON Schema and the rules of the domain.
package partnership
