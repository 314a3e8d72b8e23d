package validate

import (
	_ "embed"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
	"github.com/xeipuuv/gojsonschema"
)

// preparedJSON is the embedded schema as compileSchema compiles it: written by prepareSchema,
// checked in, and kept in step with schema/partnership.schema.json by TestPreparedSchemaFresh
// (UPDATE_GOLDEN=1 writes it again). It is a fifth of the schema's size, and every command that
// validates reads it.
//
//go:embed prepared.schema.json
var preparedJSON []byte

// compileSchema compiles the prepared schema (preparedJSON). Every command that validates pays
// for the compilation once.
func compileSchema() (*gojsonschema.Schema, error) {
	v, err := partnership.DecodeJSON(preparedJSON, nil)
	if err != nil {
		return nil, err
	}
	return gojsonschema.NewSchema(gojsonschema.NewRawLoader(v))
}

// prepareSchema reads the embedded JSON Schema as compileSchema compiles it: without its
// annotations, its definitions moved and its patterns shared. Titles, descriptions, examples,
// comments and the x- keywords of our own take most of its bytes, play no part in validation,
// and would be parsed and kept for nothing (partnership.Schema reads them for messages and
// forms); they are passed over as the schema is read.
func prepareSchema() (any, error) {
	// The embedded schema is valid JSON (TestCompiledSchemaAsWritten reads it with
	// encoding/json), so it goes straight to the scanner.
	v, err := partnership.DecodeJSON(schema.JSON, inSchema)
	if err != nil {
		return nil, err
	}
	// gojsonschema parses every schema under "definitions" for nothing, and then each one again
	// where a $ref first names it; under another key only the second happens.
	if root, ok := v.(map[string]any); ok {
		if defs, ok := root["definitions"]; ok {
			delete(root, "definitions")
			root[definitions] = defs
			moveRefs(v)
		}
	}
	sharePatterns(v)
	return v, nil
}

// definitions is where prepareSchema moves the definitions, the name later drafts of JSON
// Schema give them, which draft-07 does not read.
const definitions = "$defs"

// moveRefs rewrites every "$ref" to a definition to its new place.
func moveRefs(v any) {
	switch v := v.(type) {
	case map[string]any:
		for key, sub := range v {
			if ref, ok := sub.(string); ok && key == "$ref" {
				if name, ok := strings.CutPrefix(ref, "#/definitions/"); ok {
					v[key] = "#/" + definitions + "/" + name
				}
				continue
			}
			moveRefs(sub)
		}
	case []any:
		for _, sub := range v {
			moveRefs(sub)
		}
	}
}

// inSchema reads a schema (draft-07) without its annotations. Keywords whose values are data
// (enum, const, default, required…) are read whole, so that a property called "title" or
// "description" is kept.
func inSchema(key string, index int) (bool, partnership.JSONFilter) {
	switch {
	case index >= 0: // a schema that is a list is not one: its elements are data
		return true, nil
	case key == "title" || key == "description" || key == "examples" || key == "$comment" || strings.HasPrefix(key, "x-"):
		return false, nil
	case key == "properties" || key == "patternProperties" || key == "definitions" || key == "dependencies":
		return true, inSchemaMap
	case key == "allOf" || key == "anyOf" || key == "oneOf" || key == "items":
		return true, inSchemaList
	case key == "additionalItems" || key == "additionalProperties" || key == "contains" || key == "propertyNames" ||
		key == "not" || key == "if" || key == "then" || key == "else":
		return true, inSchema
	}
	return true, nil
}

// inSchemaMap reads an object whose members are schemas, such as "properties".
func inSchemaMap(key string, index int) (bool, partnership.JSONFilter) {
	if index >= 0 {
		return true, nil
	}
	return true, inSchema
}

// inSchemaList reads a list of schemas, or a schema where one may stand for the list ("items").
func inSchemaList(key string, index int) (bool, partnership.JSONFilter) {
	if index >= 0 {
		return true, inSchema
	}
	return inSchema(key, index)
}

// sharePatterns makes every schema with a "pattern" refer, through allOf, to one definition per
// distinct pattern: gojsonschema compiles the regular expression of every "pattern" it meets,
// and the same few patterns (identifiers, dates, e-mail addresses) recur dozens of times, but it
// parses each referenced definition once. A value breaks the shared pattern where it broke the
// original, with the same error at the same place; the allOf adds an error of its own, which
// checkSchema leaves out as it does every summary of errors reported one by one.
func sharePatterns(v any) {
	root, ok := v.(map[string]any)
	if !ok {
		return
	}
	defs, _ := root[definitions].(map[string]any)
	if defs == nil {
		defs = map[string]any{}
		root[definitions] = defs
	}
	// The patterns are named in their sorted order, so that the prepared schema is the same
	// whatever order the maps are walked in.
	names := map[string]string{}
	eachSchema(root, func(m map[string]any) {
		if p, ok := m["pattern"].(string); ok {
			names[p] = ""
		}
	})
	for i, p := range slices.Sorted(maps.Keys(names)) {
		names[p] = fmt.Sprintf("pattern-%d", i)
	}
	eachSchema(root, func(m map[string]any) {
		p, ok := m["pattern"].(string)
		if !ok {
			return
		}
		delete(m, "pattern")
		all, _ := m["allOf"].([]any)
		m["allOf"] = append(all, map[string]any{"$ref": "#/" + definitions + "/" + names[p]})
	})
	for p, name := range names {
		defs[name] = map[string]any{"pattern": p}
	}
}

// eachSchema calls f with every object of a schema, inner ones first, leaving out the values of
// keywords that are data (enum, const, default, required).
func eachSchema(v any, f func(map[string]any)) {
	switch v := v.(type) {
	case map[string]any:
		for key, sub := range v {
			if key != "enum" && key != "const" && key != "default" && key != "required" {
				eachSchema(sub, f)
			}
		}
		f(v)
	case []any:
		for _, sub := range v {
			eachSchema(sub, f)
		}
	}
}
