package golden

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
)

// GoValue writes v as a Go expression of the same type and value, for the source files tests
// generate: the values the YAML library reads a file into (strings, booleans, int and float64
// numbers, slices, maps with string keys, nil) and slices and maps of them, maps in key order. A
// type named in package pkg is written by its name alone, as the source is in that package.
func GoValue(v any, pkg string) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool:
		return strconv.FormatBool(x)
	case int:
		return fmt.Sprintf("int(%d)", x)
	case float64:
		return fmt.Sprintf("float64(%s)", strconv.FormatFloat(x, 'g', -1, 64))
	}
	rv := reflect.ValueOf(v)
	var b bytes.Buffer
	switch rv.Kind() {
	case reflect.String:
		return strconv.Quote(rv.String()) // a constant, which a named string type takes too
	case reflect.Slice:
		if rv.IsNil() {
			return "nil"
		}
		b.WriteString(typeName(rv.Type(), pkg) + "{")
		for i := range rv.Len() {
			b.WriteString(GoValue(rv.Index(i).Interface(), pkg))
			b.WriteString(", ")
		}
	case reflect.Map:
		if rv.IsNil() {
			return "nil"
		}
		b.WriteString(typeName(rv.Type(), pkg) + "{")
		keys := make([]string, 0, rv.Len())
		for _, k := range rv.MapKeys() {
			keys = append(keys, k.String())
		}
		slices.Sort(keys)
		for _, k := range keys {
			value := rv.MapIndex(reflect.ValueOf(k).Convert(rv.Type().Key()))
			fmt.Fprintf(&b, "\n%s: %s,", strconv.Quote(k), GoValue(value.Interface(), pkg))
		}
		if len(keys) > 0 {
			b.WriteString("\n")
		}
	default:
		panic(fmt.Sprintf("a value of type %T, which GoValue does not write", v))
	}
	b.WriteString("}")
	return b.String()
}

// typeName is how a source file of package pkg names t: []string, map[string]any, Kind…
func typeName(t reflect.Type, pkg string) string {
	switch {
	case t.Name() != "" && t.PkgPath() == pkg:
		return t.Name()
	case t.Name() != "":
		return t.String()
	case t.Kind() == reflect.Slice:
		return "[]" + typeName(t.Elem(), pkg)
	case t.Kind() == reflect.Map:
		return "map[" + typeName(t.Key(), pkg) + "]" + typeName(t.Elem(), pkg)
	case t.Kind() == reflect.Interface:
		return "any"
	}
	return t.String()
}
