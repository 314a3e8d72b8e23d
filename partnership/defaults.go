package partnership

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"go.yaml.in/yaml/v3"
)

// DefaultsFile is the name of the defaults file in a clause library and in a house directory.
const DefaultsFile = "defaults.yaml"

// AnyJurisdiction keys, in a defaults file, the values that apply whatever the jurisdiction.
const AnyJurisdiction = "any"

// Defaults are the values a clause library uses when a definition leaves a key out, per kind of
// document and jurisdiction, and the statutes its clauses cite, per jurisdiction. They are data
// (templates/defaults.yaml), so that a lawyer can read them and a house directory override them,
// and every value used is reported: nothing a document says comes from a default the user
// cannot see.
type Defaults struct {
	// values maps kind → jurisdiction → key (the path of the definition's key, with dots) → value.
	values map[string]map[string]map[string]Default
	// law maps jurisdiction → statute key → citation.
	law map[string]map[string]Default
}

// Default is one entry of a defaults file.
type Default struct {
	// Key locates the entry in the file: "convention.FR.termination.notice_months",
	// "law.FR.republican_commitment".
	Key string
	// Field is the key of the definition the value stands for ("termination.notice_months"),
	// empty for a statute.
	Field string
	// Value is a number, true or false, or a text: a string or a mapping of languages.
	Value any
	// Source is the file the entry was read from.
	Source string
}

// Pointer is the JSON pointer of the definition's key the default stands for.
func (d Default) Pointer() string {
	if d.Field == "" {
		return ""
	}
	return "/" + strings.ReplaceAll(d.Field, ".", "/")
}

// Text returns the value in lang when it is a text given in several languages, else the value.
func (d Default) Text(lang string) any {
	m, ok := d.Value.(map[string]any)
	if !ok {
		return d.Value
	}
	if s, ok := m[lang].(string); ok {
		return s
	}
	for _, l := range TextLanguages {
		if s, ok := m[l].(string); ok {
			return s
		}
	}
	return ""
}

var (
	jurisdictionKey = lazyre.New(`^[A-Z]{2}$`)
	statuteKey      = lazyre.New(`^[a-z][a-z0-9_]*$`)
)

// DefaultsError is what is wrong with a defaults file. Its message names the file and the
// entry, and is written in the user's language (see Msg).
type DefaultsError struct {
	msg Msg
	err error
}

func (e *DefaultsError) Error() string { return e.msg.In(English) }

// Msg returns the message of the error.
func (e *DefaultsError) Msg() Msg { return e.msg }

func (e *DefaultsError) Unwrap() error { return e.err }

// ParseDefaults reads a defaults file. Every value must stand for a key the schema has, under a
// known kind and a jurisdiction written as an ISO 3166-1 alpha-2 code or "any"; texts are
// strings or mappings of languages. source names the file in messages and in the entries.
// Sections, jurisdictions and keys are checked in lexical order, so that a file with several
// mistakes is always reported at the same one.
func ParseDefaults(data []byte, source string) (*Defaults, error) {
	var raw map[string]map[string]map[string]any
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return nil, &DefaultsError{msg: M("defaults-syntax", source, Printable(err.Error())), err: err}
	}
	return DefaultsOf(raw, source)
}

// DefaultsOf is ParseDefaults for a file already read: kind (or "law") → jurisdiction → key →
// value, as the YAML library reads them into values of type any. It checks them as
// ParseDefaults does.
func DefaultsOf(raw map[string]map[string]map[string]any, source string) (*Defaults, error) {
	d := &Defaults{values: map[string]map[string]map[string]Default{}, law: map[string]map[string]Default{}}
	for _, section := range slices.Sorted(maps.Keys(raw)) {
		byJurisdiction := raw[section]
		if section != "law" && !slices.Contains(Kinds, Kind(section)) {
			return nil, &DefaultsError{msg: M("defaults-section", source, section)}
		}
		for _, jur := range slices.Sorted(maps.Keys(byJurisdiction)) {
			entries := byJurisdiction[jur]
			if !jurisdictionKey().MatchString(jur) && (jur != AnyJurisdiction || section == "law") {
				code := "defaults-jurisdiction-or-any"
				if section == "law" {
					code = "defaults-jurisdiction"
				}
				return nil, &DefaultsError{msg: M(code, source, section+"."+jur)}
			}
			for _, key := range slices.Sorted(maps.Keys(entries)) {
				value := entries[key]
				entry := Default{Key: section + "." + jur + "." + key, Value: value, Source: source}
				if problem := checkDefaultValue(value); problem != nil {
					return nil, &DefaultsError{msg: M(problem.Code, append([]any{source, entry.Key}, problem.Args...)...)}
				}
				if section == "law" {
					if !statuteKey().MatchString(key) {
						return nil, &DefaultsError{msg: M("defaults-statute-key", source, entry.Key)}
					}
					if d.law[jur] == nil {
						d.law[jur] = map[string]Default{}
					}
					d.law[jur][key] = entry
					continue
				}
				entry.Field = key
				node := Schema().At(entry.Pointer())
				if node == nil || strings.Contains(key, "/") {
					return nil, &DefaultsError{msg: M("defaults-no-key", source, entry.Key, entry.Pointer())}
				}
				if problem := checkDefaultList(value, node); problem != nil {
					return nil, &DefaultsError{msg: M(problem.Code, append([]any{source, entry.Key}, problem.Args...)...)}
				}
				if d.values[section] == nil {
					d.values[section] = map[string]map[string]Default{}
				}
				if d.values[section][jur] == nil {
					d.values[section][jur] = map[string]Default{}
				}
				d.values[section][jur][key] = entry
			}
		}
	}
	return d, nil
}

// checkDefaultValue accepts numbers, true or false, strings, mappings of languages to strings,
// and lists of words (for the keys whose value is a list of values of an enumeration, which
// checkDefaultList checks). It returns what is wrong, a message whose file and entry the caller
// puts first, or nil.
func checkDefaultValue(v any) *Msg {
	switch v := v.(type) {
	case int, float64, bool, string:
		return nil
	case []any:
		for _, item := range v {
			if _, ok := item.(string); !ok {
				return &Msg{Code: "defaults-value", Args: []any{fmt.Sprint(v)}}
			}
		}
		return nil
	case map[string]any:
		for lang, s := range v {
			if _, ok := s.(string); !ok || !slices.Contains(TextLanguages, lang) {
				return &Msg{Code: "defaults-text-languages", Args: []any{strings.Join(TextLanguages, ", ")}}
			}
		}
		return nil
	}
	return &Msg{Code: "defaults-value", Args: []any{fmt.Sprint(v)}}
}

// Merge returns the defaults of d with those of house in their place, entry by entry.
func (d *Defaults) Merge(house *Defaults) *Defaults {
	out := &Defaults{values: map[string]map[string]map[string]Default{}, law: map[string]map[string]Default{}}
	for _, src := range []*Defaults{d, house} {
		for kind, byJur := range src.values {
			if out.values[kind] == nil {
				out.values[kind] = map[string]map[string]Default{}
			}
			for jur, entries := range byJur {
				if out.values[kind][jur] == nil {
					out.values[kind][jur] = map[string]Default{}
				}
				for k, e := range entries {
					out.values[kind][jur][k] = e
				}
			}
		}
		for jur, entries := range src.law {
			if out.law[jur] == nil {
				out.law[jur] = map[string]Default{}
			}
			for k, e := range entries {
				out.law[jur][k] = e
			}
		}
	}
	return out
}

// Value returns the default of a definition key for a kind of document under a jurisdiction:
// the jurisdiction's own, else the one for any jurisdiction.
func (d *Defaults) Value(kind Kind, jurisdiction, field string) (Default, bool) {
	if d == nil {
		return Default{}, false
	}
	for _, jur := range []string{jurisdiction, AnyJurisdiction} {
		if e, ok := d.values[string(kind)][jur][field]; ok {
			return e, true
		}
	}
	return Default{}, false
}

// Statute returns the citation of a statute under a jurisdiction, when the clause library cites
// it there.
func (d *Defaults) Statute(jurisdiction, key string) (Default, bool) {
	if d == nil {
		return Default{}, false
	}
	e, ok := d.law[jurisdiction][key]
	return e, ok
}

// Entries lists every value and statute, sorted by key.
func (d *Defaults) Entries() []Default {
	var out []Default
	for _, byJur := range d.values {
		for _, entries := range byJur {
			for _, e := range entries {
				out = append(out, e)
			}
		}
	}
	for _, entries := range d.law {
		for _, e := range entries {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b Default) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// checkDefaultList accepts a list only for a key whose value is a list of words of an
// enumeration, each of them one of its values. It returns what is wrong, as checkDefaultValue
// does, or nil.
func checkDefaultList(v any, node *SchemaNode) *Msg {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	if node.Type != "array" || node.Items == nil || len(node.Items.Resolved().Enum) == 0 {
		return &Msg{Code: "defaults-value", Args: []any{fmt.Sprint(v)}}
	}
	enum := node.Items.Resolved().Enum
	for _, item := range list {
		if !slices.Contains(enum, item.(string)) {
			return &Msg{Code: "defaults-not-in-enum", Args: []any{item.(string), strings.Join(enum, ", ")}}
		}
	}
	return nil
}
