// Package schema holds the JSON Schema of partnership definitions, embedded in the binary.
package schema

import _ "embed"

// JSON is the JSON Schema (draft-07) that every partnership definition must satisfy.
//
//go:embed partnership.schema.json
var JSON []byte

// ID is the stable identifier of the schema, also the address editors fetch it from.
const ID = "https://commons-toolkit.org/schema/partnership.schema.json"
