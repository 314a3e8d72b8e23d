package validate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/xeipuuv/gojsonschema"
)

// compiled is the JSON Schema compiled once per process, when it is first needed.
var compiled = sync.OnceValues(compileSchema)

// checkSchema validates the document's value tree against the JSON Schema and turns every
// violation into a positioned diagnostic in plain words.
func checkSchema(doc *partnership.Document) partnership.Diagnostics {
	s, err := compiled()
	if err != nil {
		panic(fmt.Sprintf("embedded schema does not compile: %v", err)) // a build defect, caught by the tests
	}
	return checkSchemaWith(doc, s)
}

// checkSchemaWith is checkSchema with a compiled schema.
func checkSchemaWith(doc *partnership.Document, s *gojsonschema.Schema) partnership.Diagnostics {
	// The value tree already has the shape gojsonschema decodes JSON into (json.Number for
	// numbers), so it is handed over as it is rather than encoded and decoded again.
	res, err := s.Validate(gojsonschema.NewRawLoader(doc.Value))
	if err != nil {
		return partnership.Diagnostics{doc.Diag("", "cannot check the definition against the schema: %v", err)}
	}
	var diags partnership.Diagnostics
	for _, e := range res.Errors() {
		if d, ok := schemaDiagnostic(doc, e); ok {
			diags = append(diags, d)
		}
	}
	return diags
}

// pointerOf rebuilds the RFC 6901 pointer of an error's location. gojsonschema joins path
// segments with dots, which is ambiguous for keys that contain one; asking for a separator that
// cannot appear in keys keeps the segments apart.
func pointerOf(ctx *gojsonschema.JsonContext) string {
	const sep = "\x00"
	parts := strings.Split(ctx.String(sep), sep)
	var b strings.Builder
	for _, p := range parts[1:] { // parts[0] is "(root)"
		b.WriteString("/")
		b.WriteString(partnership.EscapePointerToken(p))
	}
	return b.String()
}

func schemaDiagnostic(doc *partnership.Document, e gojsonschema.ResultError) (partnership.Diagnostic, bool) {
	pointer := pointerOf(e.Context())
	details := e.Details()
	model := partnership.Schema()
	node := model.At(pointer)
	value := valueAt(doc.Value, pointer)
	d := doc.Diag(pointer, "")

	switch e.Type() {
	case "condition_then", "condition_else", "number_any_of", "number_one_of", "number_all_of":
		// Summaries of errors reported one by one.
		return d, false
	case "required":
		key, _ := details["property"].(string)
		d.Message = fmt.Sprintf("missing required key %q", key)
		if p := node.Property(key); p != nil && p.Title != "" && !strings.EqualFold(p.Title, strings.ReplaceAll(key, "_", " ")) {
			d.Message += fmt.Sprintf(" (%s)", lowerFirst(p.Title))
		}
		if pointer == "" {
			if kind, ok := value.(map[string]any)["kind"].(string); ok {
				d.Message += fmt.Sprintf(", which every %s needs", kind)
			}
		}
	case "additional_property_not_allowed":
		key, _ := details["property"].(string)
		child := pointer + "/" + partnership.EscapePointerToken(key)
		p := doc.KeyPosOf(child)
		d.Line, d.Column, d.Pointer = p.Line, p.Column, child
		d.Message = fmt.Sprintf("unknown key %q", key)
		d.Hint = suggest(key, node.PropertyNames())
	case "invalid_type":
		expected, _ := details["expected"].(string)
		d.Message = fmt.Sprintf("must be %s; got %s", typeWords(expected), partnership.Describe(value))
		if _, isNumber := value.(json.Number); isNumber && (expected == "string" || expected == textTypes) {
			// Identifiers such as SIRET numbers are digits that YAML reads as a number.
			d.Hint = fmt.Sprintf(`write it in quotes: "%s"`, value)
		}
	case "enum", "const":
		allowed := node.Enum
		d.Message = fmt.Sprintf("must be one of %s; got %s", quoteList(allowed), partnership.Describe(value))
		if s, ok := value.(string); ok {
			d.Hint = didYouMean(s, allowed)
		}
	case "pattern":
		d.Message = patternMessage(node, value)
	case "format":
		d.Message = formatMessage(details["format"], value)
	case "string_gte":
		d.Message = "must not be empty"
		if n := details["min"]; fmt.Sprint(n) != "1" {
			d.Message = fmt.Sprintf("must be at least %v characters long", n)
		}
	case "string_lte":
		d.Message = fmt.Sprintf("must be at most %v characters long", details["max"])
	case "number_gte":
		d.Message = fmt.Sprintf("must be at least %v; got %s", details["min"], partnership.Describe(value))
	case "number_gt":
		d.Message = fmt.Sprintf("must be more than %v; got %s", details["min"], partnership.Describe(value))
	case "number_lte":
		d.Message = fmt.Sprintf("must be at most %s; got %s", maximumOf(node, details["max"]), partnership.Describe(value))
	case "multiple_of":
		d.Message = fmt.Sprintf("an amount in euros has at most two decimals (cents); got %s", partnership.Describe(value))
	case "number_lt":
		d.Message = fmt.Sprintf("must be less than %v; got %s", details["max"], partnership.Describe(value))
	case "array_min_items":
		d.Message = fmt.Sprintf("must list at least %v %s", details["min"], plural(details["min"], "item", "items"))
	case "array_max_items":
		d.Message = fmt.Sprintf("must list at most %v items", details["max"])
	case "unique":
		d.Message = "must not list the same item twice"
	case "array_min_properties":
		d.Message = fmt.Sprintf("must give at least one of: %s", strings.Join(node.PropertyNames(), ", "))
	default:
		d.Message = lowerFirst(strings.TrimSuffix(e.Description(), "."))
	}
	return d, true
}

// maximumOf writes the maximum of a node in full (1000000000000, not 1e+12), as the reader of a
// message types it.
func maximumOf(node *partnership.SchemaNode, fallback any) string {
	if node == nil || node.Maximum == nil {
		return fmt.Sprint(fallback)
	}
	return strconv.FormatFloat(*node.Maximum, 'f', -1, 64)
}

// valueAt returns the value at a JSON pointer in a generic tree, or nil.
func valueAt(v any, pointer string) any {
	if pointer == "" {
		return v
	}
	for _, tok := range strings.Split(pointer[1:], "/") {
		switch x := v.(type) {
		case map[string]any:
			v = x[partnership.UnescapePointerToken(tok)]
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// textTypes is how gojsonschema names the type of a free text: a string, or a mapping of
// languages.
const textTypes = "[string,object]"

func typeWords(t string) string {
	switch t {
	case textTypes:
		return "a text, or a mapping of languages to texts such as {fr: …, en: …}"
	case "string":
		return "text"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "a mapping of keys to values"
	case "null":
		return "empty"
	}
	return t
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return joinWords(q, "or")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if len(r) > 1 && r[1] >= 'A' && r[1] <= 'Z' {
		return s // an acronym such as "SPDX id"
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

func plural(n any, one, many string) string {
	if fmt.Sprint(n) == "1" {
		return one
	}
	return many
}

// patternWords explains, for each pattern the schema uses, what the value should look like.
var patternWords = map[string]string{
	`^[a-z][a-z0-9_-]{0,63}$`:      "must be a short identifier: lower-case letters, digits, - or _, starting with a letter (such as \"collectif-glycines\")",
	`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`: "must be a date written YYYY-MM-DD, such as 2026-03-01",
	`^[0-9]{14}$`:                  "must be a SIRET number: 14 digits, without spaces",
	`^W[0-9A-Z]{9}$`:               "must be an RNA number: W followed by 9 digits or capital letters, such as W691234567",
	`^https?://`:                   "must be a web address starting with http:// or https://",
	`^[A-Za-z0-9][A-Za-z0-9.+-]*$`: "must be an SPDX licence identifier, such as CC-BY-SA-4.0 or EUPL-1.2",
	`^[<>=~^ 0-9.x*|-]+$`:          "must be a clause library version or range, such as 1.2 or ^1.0",
}

func patternMessage(node *partnership.SchemaNode, value any) string {
	msg := ""
	if s, ok := value.(string); ok {
		if r, bad := partnership.InvisibleRune(s); bad {
			// An identifier that looks right but holds an invisible character: say which.
			return fmt.Sprintf("holds the invisible character %s, which an identifier may not hold; got %q", r, s)
		}
	}
	if node != nil {
		msg = patternWords[node.Pattern]
		if msg == "" {
			msg = fmt.Sprintf("must match the pattern %s", node.Pattern)
		}
	}
	return fmt.Sprintf("%s; got %s", msg, partnership.Describe(value))
}

func formatMessage(format any, value any) string {
	switch format {
	case "date":
		return fmt.Sprintf("%s; got %s", patternWords[`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`], partnership.Describe(value))
	case "uri":
		return fmt.Sprintf("%s; got %s", patternWords[`^https?://`], partnership.Describe(value))
	}
	return fmt.Sprintf("must be a valid %v; got %s", format, partnership.Describe(value))
}
