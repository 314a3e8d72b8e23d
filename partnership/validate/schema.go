package validate

import (
	"encoding/json"
	"fmt"
	"slices"
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
		return partnership.Diagnostics{doc.Diag("", "schema-failed", err.Error())}
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
	d := partnership.At(doc.File, doc.PosOf(pointer), pointer)
	got := partnership.Value{V: value}

	switch e.Type() {
	case "condition_then", "condition_else", "number_any_of", "number_one_of", "number_all_of":
		// Summaries of errors reported one by one.
		return d, false
	case "required":
		key, _ := details["property"].(string)
		title := ""
		if p := node.Property(key); p != nil && p.Title != "" && !strings.EqualFold(p.Title, strings.ReplaceAll(key, "_", " ")) {
			title = " (" + lowerFirst(p.Title) + ")"
		}
		var kind partnership.Msg
		if pointer == "" {
			if k, ok := value.(map[string]any)["kind"].(string); ok && slices.Contains(partnership.Kinds, partnership.Kind(k)) {
				kind = partnership.M("needed-by-kind", partnership.M("every-"+k))
			}
		}
		// The schema's titles are English: a French message names the key alone.
		d = d.Say("missing-key", key, partnership.EnglishOnly(title), partnership.Opt(kind))
	case "additional_property_not_allowed":
		key, _ := details["property"].(string)
		child := pointer + "/" + partnership.EscapePointerToken(key)
		p := doc.KeyPosOf(child)
		d.Line, d.Column, d.Pointer = p.Line, p.Column, child
		d = d.Say("unknown-key", key)
		d.SetHintMsg(suggest(key, node.PropertyNames()))
	case "invalid_type":
		expected, _ := details["expected"].(string)
		d = d.Say("must-be-type", typeWords(expected), got)
		if _, isNumber := value.(json.Number); isNumber && (expected == "string" || expected == textTypes) {
			// Identifiers such as SIRET numbers are digits that YAML reads as a number.
			d.SetHint("write-in-quotes", fmt.Sprint(value))
		}
		if s, isText := value.(string); isText && expected == "boolean" {
			// "oui", "non": YAML reads true and false only in English.
			if b := partnership.Synonym(s, []string{"true", "false"}); b != "" {
				d.SetHint("did-you-mean", b)
			}
		}
	case "enum", "const":
		allowed := node.Enum
		d = d.Say("must-be-one-of", partnership.QuotedOr(allowed), got)
		if s, ok := value.(string); ok {
			d.SetHintMsg(enumHint(s, allowed))
		}
	case "pattern":
		d = d.Say("must-match", patternMessage(node, value), got)
		if s, ok := value.(string); ok {
			if r, bad := partnership.InvisibleRune(s); bad {
				// An identifier that looks right but holds an invisible character: say which.
				d = d.Say("id-invisible", r, s)
			}
		}
	case "format":
		d = d.Say("must-match", formatMessage(details["format"]), got)
	case "string_gte":
		d = d.Say("must-not-be-empty")
		if n := details["min"]; fmt.Sprint(n) != "1" {
			d = d.Say("min-length", number(n))
		}
	case "string_lte":
		d = d.Say("max-length", number(details["max"]))
	case "number_gte":
		d = d.Say("min-number", number(details["min"]), got)
	case "number_gt":
		d = d.Say("more-than", number(details["min"]), got)
	case "number_lte":
		d = d.Say("max-number", maximumOf(node, details["max"]), got)
	case "multiple_of":
		d = d.Say("cents", got)
	case "number_lt":
		d = d.Say("less-than", number(details["max"]), got)
	case "array_min_items":
		n, _ := strconv.Atoi(fmt.Sprint(details["min"]))
		d = d.Say("min-items", partnership.Count{N: n, Code: "n-items"})
	case "array_max_items":
		n, _ := strconv.Atoi(fmt.Sprint(details["max"]))
		d = d.Say("max-items", partnership.Count{N: n, Code: "n-items"})
	case "unique":
		d = d.Say("unique-items")
	case "array_min_properties":
		d = d.Say("min-properties", strings.Join(node.PropertyNames(), ", "))
	default:
		d = d.Say("schema-other", lowerFirst(strings.TrimSuffix(e.Description(), ".")))
	}
	return d, true
}

// number is a bound of the schema as a message writes it: with a decimal comma in French.
func number(v any) any {
	f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	if err != nil {
		return fmt.Sprint(v)
	}
	return partnership.Decimal(f)
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

// typeWords names a type of the schema as a message writes it.
func typeWords(t string) partnership.Msg {
	switch t {
	case textTypes:
		return partnership.M("type-text-or-mapping")
	case "string", "integer", "number", "boolean", "array", "object", "null":
		return partnership.M("type-" + t)
	}
	return partnership.M("type-other", t)
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

// patternWords names, for each pattern the schema uses, the message that explains what the
// value should look like.
var patternWords = map[string]string{
	`^[a-z][a-z0-9_-]{0,63}$`:      "pattern-id",
	`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`: "pattern-date",
	`^[0-9]{14}$`:                  "pattern-siret",
	`^W[0-9A-Z]{9}$`:               "pattern-rna",
	`^https?://`:                   "pattern-url",
	`^[A-Za-z0-9][A-Za-z0-9.+-]*$`: "pattern-spdx",
	`^[<>=~^ 0-9.x*|-]+$`:          "pattern-version",
}

// patternMessage says what a value of a node with a pattern should look like.
func patternMessage(node *partnership.SchemaNode, value any) partnership.Msg {
	if node == nil {
		return partnership.M("pattern-other", "")
	}
	if code := patternWords[node.Pattern]; code != "" {
		return partnership.M(code)
	}
	return partnership.M("pattern-other", node.Pattern)
}

// formatMessage says what a value of a format should look like.
func formatMessage(format any) partnership.Msg {
	switch format {
	case "date":
		return partnership.M("pattern-date")
	case "uri":
		return partnership.M("pattern-url")
	}
	return partnership.M("pattern-format", fmt.Sprint(format))
}
