// Package validate checks partnership definitions in two layers reported together: the JSON
// Schema of package schema, then the rules of the domain the schema cannot express (references
// between parts, the three colleges of a multi-stakeholder governance, weights of a call's
// criteria, order of dates, funding band and rate cap). Every problem becomes a
// partnership.Diagnostic at the line and column of the value concerned.
package validate
