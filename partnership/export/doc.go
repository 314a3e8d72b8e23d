// Package export turns validated definitions into data for other tools: the open data on
// subsidies French public bodies must publish (the SCDL « subventions » schema, as CSV), and a
// normalised JSON form of a definition with its defaults applied, its references resolved and its
// communality profile computed.
//
// Both work on a definition that has passed validation; what the definition lacks for a given
// output is reported as diagnostics located in the definition, never papered over.
package export
