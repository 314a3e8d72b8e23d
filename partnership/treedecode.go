package partnership

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// decodeTree fills the Definition def from a value tree exactly as encoding/json's Unmarshal
// fills it from the tree's JSON (appendTreeJSON): the same fields, keys matched the same way
// (exactly, else regardless of letter case), values of the wrong type left as they were, empty
// lists made empty rather than nil, pointers allocated for any value but null. It goes without
// the JSON text and without encoding/json's first use, which prepares an encoder for every type
// of a Definition before it decodes one; a command decodes one or two definitions, so that first
// use was most of the cost. It reports false, having changed def or not, for a tree it does not
// read as Unmarshal would (a text that is not UTF-8, a number JSON does not write, a value of
// another type): the caller then decodes the JSON (TestDecodeTreeAsJSON compares the two).
func decodeTree(v any, def *Definition) bool {
	p := definitionPlan()
	if p == nil {
		return false
	}
	return p.decode(v, reflect.ValueOf(def).Elem())
}

// typePlan is how decodeTree fills a value of one Go type.
type typePlan struct {
	kind reflect.Kind
	// elem is the plan of a pointer's or a slice's element.
	elem *typePlan
	// fields are a struct's fields in declaration order, which is encoding/json's order of
	// preference among names that differ only in letter case; index finds one by its exact name.
	fields []fieldPlan
	index  map[string]int
}

// fieldPlan is one field of a struct and the key that fills it.
type fieldPlan struct {
	name string
	at   int
	plan *typePlan
}

// definitionPlan is the plan of a Definition, made at first use; nil if a Definition holds a
// type decodeTree does not fill as encoding/json would.
var definitionPlan = sync.OnceValue(func() *typePlan {
	return planOf(reflect.TypeFor[Definition](), map[reflect.Type]*typePlan{})
})

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// planOf makes the plan of type t, or returns nil when t is not one decodeTree fills: a type
// with its own way of decoding, a map, an interface, an embedded struct or two fields with one
// name.
func planOf(t reflect.Type, seen map[reflect.Type]*typePlan) *typePlan {
	if p, ok := seen[t]; ok {
		return p
	}
	if t.Implements(jsonUnmarshalerType) || t.Implements(textUnmarshalerType) ||
		reflect.PointerTo(t).Implements(jsonUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return nil
	}
	p := &typePlan{kind: t.Kind()}
	seen[t] = p
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Float32, reflect.Float64:
		if t == reflect.TypeFor[json.Number]() {
			return nil
		}
	case reflect.Pointer:
		if p.elem = planOf(t.Elem(), seen); p.elem == nil {
			return nil
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // encoding/json reads a text into it as base64
		}
		if p.elem = planOf(t.Elem(), seen); p.elem == nil {
			return nil
		}
	case reflect.Struct:
		p.index = map[string]int{}
		for i := range t.NumField() {
			f := t.Field(i)
			if f.Anonymous {
				return nil
			}
			if !f.IsExported() {
				continue
			}
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			if opts != "" && opts != "omitempty" {
				return nil
			}
			if !validTagName(name) {
				name = f.Name
			}
			if _, dup := p.index[name]; dup {
				return nil
			}
			fp := planOf(f.Type, seen)
			if fp == nil {
				return nil
			}
			p.index[name] = len(p.fields)
			p.fields = append(p.fields, fieldPlan{name: name, at: i, plan: fp})
		}
	default:
		return nil
	}
	return p
}

// validTagName reports whether encoding/json takes name from a tag as a field's key.
func validTagName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range name {
		if !strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c) && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return false
		}
	}
	return true
}

// field returns the field a key fills: the one of that exact name, else the first whose name
// matches regardless of letter case, else nil.
func (p *typePlan) field(key string) *fieldPlan {
	if i, ok := p.index[key]; ok {
		return &p.fields[i]
	}
	for i := range p.fields {
		if strings.EqualFold(p.fields[i].name, key) {
			return &p.fields[i]
		}
	}
	return nil
}

// decode fills rv from the tree value v.
func (p *typePlan) decode(v any, rv reflect.Value) bool {
	switch v.(type) {
	case nil:
		switch p.kind {
		case reflect.Pointer, reflect.Slice:
			rv.SetZero()
		}
		return true
	case bool, string, json.Number, []any, map[string]any:
	default:
		return false
	}
	if p.kind == reflect.Pointer {
		if rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		return p.elem.decode(v, rv.Elem())
	}
	switch v := v.(type) {
	case bool:
		if p.kind == reflect.Bool {
			rv.SetBool(v)
		}
	case string:
		if !utf8.ValidString(v) {
			return false
		}
		if p.kind == reflect.String {
			rv.SetString(v)
		}
	case json.Number:
		return p.number(string(v), rv)
	case []any:
		return p.list(v, rv)
	case map[string]any:
		return p.object(v, rv)
	}
	return true
}

// number fills rv from a number as encoding/json does: a whole number within range into an
// integer, a number within range into a float.
func (p *typePlan) number(s string, rv reflect.Value) bool {
	if !isJSONNumber(s) {
		return false
	}
	switch p.kind {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && !rv.OverflowInt(n) {
			rv.SetInt(n)
		}
	case reflect.Float32, reflect.Float64:
		if f, err := strconv.ParseFloat(s, rv.Type().Bits()); err == nil && !rv.OverflowFloat(f) {
			rv.SetFloat(f)
		}
	}
	return true
}

// list fills a slice as encoding/json does: into the elements it already has, growing it as
// needed, truncating it after the last item, empty but not nil for an empty list.
func (p *typePlan) list(items []any, rv reflect.Value) bool {
	if p.kind != reflect.Slice {
		return valid(items)
	}
	i := 0
	for _, item := range items {
		if i >= rv.Cap() {
			rv.Grow(1)
		}
		if i >= rv.Len() {
			rv.SetLen(i + 1)
		}
		if !p.elem.decode(item, rv.Index(i)) {
			return false
		}
		i++
	}
	if i < rv.Len() {
		rv.SetLen(i)
	}
	if i == 0 {
		rv.Set(reflect.MakeSlice(rv.Type(), 0, 0))
	}
	return true
}

// object fills a struct from a mapping, taking the keys in the order of their bytes, as the
// mapping's JSON lists them.
func (p *typePlan) object(m map[string]any, rv reflect.Value) bool {
	if p.kind != reflect.Struct {
		return valid(m)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !utf8.ValidString(k) {
			return false
		}
		f := p.field(k)
		if f == nil {
			if !valid(m[k]) {
				return false
			}
			continue
		}
		if !f.plan.decode(m[k], rv.Field(f.at)) {
			return false
		}
	}
	return true
}

// valid reports whether the tree value v, which fills nothing, is one whose JSON encoding/json
// reads as appendTreeJSON writes it.
func valid(v any) bool {
	switch v := v.(type) {
	case nil, bool:
		return true
	case string:
		return utf8.ValidString(v)
	case json.Number:
		return isJSONNumber(string(v))
	case []any:
		for _, x := range v {
			if !valid(x) {
				return false
			}
		}
		return true
	case map[string]any:
		for k, x := range v {
			if !utf8.ValidString(k) || !valid(x) {
				return false
			}
		}
		return true
	}
	return false
}
