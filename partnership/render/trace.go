package render

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/commons-toolkit/commons/partnership"
)

// AppliedDefault is a value a clause took from the library's defaults because the definition
// left its key out.
type AppliedDefault struct {
	// Pointer is the JSON pointer of the definition's key the value stands for.
	Pointer string `json:"pointer"`
	// Key is the entry of the defaults file: kind.JURISDICTION.key.
	Key string `json:"key"`
	// Value is the value used, in the document's language when it is a text.
	Value any `json:"value"`
	// Source is the defaults file: templates/defaults.yaml, or a house directory's.
	Source string `json:"source"`
}

// Citation is a statute a clause cites under the law of the document's jurisdiction.
type Citation struct {
	// Key is the entry of the defaults file: law.JURISDICTION.statute.
	Key string `json:"key"`
	// Text is the citation as the document writes it.
	Text   string `json:"text"`
	Source string `json:"source"`
}

// trace is what one clause took from the definition and the defaults during a render.
type trace struct {
	// clause is the clause rendered, whose template tells the values it reads.
	clause   Clause
	used     []string
	defaults []AppliedDefault
	statutes []Citation
}

// use records a value of the definition a clause looked up through a function or a method.
func (st *state) use(pointer string) {
	if tr := st.trace[st.current]; tr != nil && !slices.Contains(tr.used, pointer) {
		tr.used = append(tr.used, pointer)
	}
}

// defaultValue is the template function default: the value given when it is set, else the
// library's default for the key under the document's kind and jurisdiction, which is recorded.
// Without either, it returns nil and the clause says nothing of the key.
func (st *state) defaultValue(key string, given any) (any, error) {
	if set(given) {
		if rv := reflect.ValueOf(given); rv.Kind() == reflect.Pointer {
			return rv.Elem().Interface(), nil
		}
		return given, nil
	}
	if partnership.Schema().At("/"+strings.ReplaceAll(key, ".", "/")) == nil {
		return nil, fmt.Errorf("default %q: a definition has no such key", key)
	}
	d, ok := st.r.lib.Defaults().Value(st.def.Kind, st.def.Country(), key)
	if !ok {
		return nil, nil
	}
	value := d.Text(st.lang)
	if tr := st.trace[st.current]; tr != nil && !slices.ContainsFunc(tr.defaults, func(a AppliedDefault) bool { return a.Key == d.Key }) {
		tr.defaults = append(tr.defaults, AppliedDefault{Pointer: d.Pointer(), Key: d.Key, Value: value, Source: d.Source})
	}
	return value, nil
}

// set reports whether a template value holds something: a non-nil pointer, a non-zero number,
// a non-empty text or list.
func set(v any) bool {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return false
	}
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		return !rv.IsNil()
	case reflect.Slice, reflect.Map, reflect.String:
		return rv.Len() > 0
	}
	return !rv.IsZero()
}

// statute is the template function law: the citation of a statute in the document's language
// when the library cites it under the document's jurisdiction, which is recorded; else "".
func (st *state) statute(key string) Markdown {
	d, ok := st.r.lib.Defaults().Statute(st.def.Country(), key)
	if !ok {
		return ""
	}
	text, _ := d.Text(st.lang).(string)
	if tr := st.trace[st.current]; tr != nil && !slices.ContainsFunc(tr.statutes, func(c Citation) bool { return c.Key == d.Key }) {
		tr.statutes = append(tr.statutes, Citation{Key: d.Key, Text: text, Source: d.Source})
	}
	return Markdown(escapeInline(text))
}

// defaultWarnings turns the defaults a clause applied into warnings at the position of the key
// each stands for, or of the nearest section the definition has.
func (st *state) defaultWarnings(applied []AppliedDefault) partnership.Diagnostics {
	var out partnership.Diagnostics
	for _, a := range applied {
		out = append(out, defaultWarning(st.doc, a))
	}
	return out
}

// defaultWarning is the warning for one default applied to a document.
func defaultWarning(doc *partnership.Document, a AppliedDefault) partnership.Diagnostic {
	node := partnership.Schema().At(a.Pointer)
	what := "value"
	var value any = formatValue(a.Value)
	if node != nil && node.Title != "" {
		what = strings.ToLower(node.Title[:1]) + node.Title[1:]
	}
	for _, unit := range []string{"days", "months", "years"} {
		if cut, ok := strings.CutSuffix(what, " in "+unit); ok {
			what, value = cut, partnership.M("value-"+unit, value)
		}
	}
	p := sectionPos(doc, a.Pointer)
	code := "default-applies"
	if _, isBool := a.Value.(bool); isBool {
		code = "default-applies-bool"
	}
	key := a.Pointer[strings.LastIndexByte(a.Pointer, '/')+1:]
	d := partnership.At(doc.File, p, a.Pointer).Say(code, what, key, value).WithHint("make-default-own", a.Pointer, a.Key, a.Source)
	d.Severity = partnership.Warning
	return d
}

func formatValue(v any) string {
	switch v := v.(type) {
	case float64:
		if v == math.Trunc(v) {
			return strconv.FormatInt(int64(v), 10)
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	case []any:
		items := make([]string, len(v))
		for i, x := range v {
			items[i] = formatValue(x)
		}
		return "[" + strings.Join(items, ", ") + "]"
	}
	return fmt.Sprint(v)
}

// Fields are worked out from the clause's template, so that what explain says a clause reads
// cannot drift from what the clause says: every chain of fields the template writes
// (.Termination.NoticeMonths, .Name inside range .Parties) becomes a pattern of JSON pointers
// (/termination/notice_months, /parties/*/name), later matched against the values the
// definition has.

// readers are the template functions and the methods of Data that read a value of the definition
// themselves, with the JSON pointer of that value: a clause that calls one reads the value, as if
// it wrote the field.
var readers = struct{ funcs, methods map[string]string }{
	funcs:   map[string]string{"notice": "/" + noticeKey},
	methods: map[string]string{"WrittenNotice": "/" + noticeKey},
}

// clauseFields returns the patterns of the definition's values a clause's templates read.
func clauseFields(c Clause, t *template.Template) []string {
	fw := &fieldWalker{seen: map[string]bool{}}
	root := reflect.TypeFor[*Data]()
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		fw.vars = []fieldVar{{"$", place{typ: root, path: []string{}}}}
		fw.list(tt.Tree.Root, place{typ: root, path: []string{}})
	}
	slices.Sort(fw.out)
	return fw.out
}

// place is where a value of a template comes from: its Go type, and its path in the definition
// (nil when the value is not a part of the definition, such as a function's result).
type place struct {
	typ  reflect.Type
	path []string
}

func (p place) field(name string) place {
	t := p.typ
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return place{}
	}
	f, ok := t.FieldByName(name)
	if !ok || !f.IsExported() {
		if m, ok := reflect.PointerTo(t).MethodByName(name); ok && m.Type.NumOut() > 0 {
			if pointer, reads := readers.methods[name]; reads && t == reflect.TypeFor[Data]() {
				return place{typ: m.Type.Out(0), path: strings.Split(pointer, "/")[1:]}
			}
			return place{typ: m.Type.Out(0)}
		}
		return place{}
	}
	tag := strings.Split(f.Tag.Get("json"), ",")[0]
	if p.path == nil || tag == "" || tag == "-" {
		return place{typ: f.Type}
	}
	return place{typ: f.Type, path: append(slices.Clone(p.path), tag)}
}

func (p place) elem() place {
	t := p.typ
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || (t.Kind() != reflect.Slice && t.Kind() != reflect.Array) {
		return place{}
	}
	if p.path == nil {
		return place{typ: t.Elem()}
	}
	return place{typ: t.Elem(), path: append(slices.Clone(p.path), "*")}
}

type fieldVar struct {
	name string
	at   place
}

type fieldWalker struct {
	vars []fieldVar
	out  []string
	seen map[string]bool
}

func (w *fieldWalker) record(p place) {
	if len(p.path) == 0 {
		return
	}
	s := "/" + strings.Join(p.path, "/")
	if !w.seen[s] {
		w.seen[s] = true
		w.out = append(w.out, s)
	}
}

func (w *fieldWalker) list(n *parse.ListNode, dot place) {
	if n == nil {
		return
	}
	for _, c := range n.Nodes {
		switch c := c.(type) {
		case *parse.ActionNode:
			w.pipe(c.Pipe, dot)
		case *parse.IfNode:
			w.pipe(c.Pipe, dot)
			w.scoped(func() { w.list(c.List, dot) })
			w.scoped(func() { w.list(c.ElseList, dot) })
		case *parse.WithNode:
			at := w.pipe(c.Pipe, dot)
			w.scoped(func() { w.list(c.List, at) })
			w.scoped(func() { w.list(c.ElseList, dot) })
		case *parse.RangeNode:
			at := w.pipe(c.Pipe, dot).elem()
			w.scoped(func() {
				if n := len(c.Pipe.Decl); n > 0 {
					w.vars[len(w.vars)-1].at = at
					if n == 2 {
						w.vars[len(w.vars)-2].at = place{}
					}
				}
				w.list(c.List, at)
			})
			w.scoped(func() { w.list(c.ElseList, dot) })
		case *parse.TemplateNode:
			if c.Pipe != nil {
				w.pipe(c.Pipe, dot)
			}
		}
	}
}

func (w *fieldWalker) scoped(f func()) {
	n := len(w.vars)
	f()
	w.vars = w.vars[:n]
}

// pipe walks a pipeline and returns where its value comes from; declared variables take it.
func (w *fieldWalker) pipe(p *parse.PipeNode, dot place) place {
	if p == nil {
		return place{}
	}
	var at place
	for _, c := range p.Cmds {
		at = w.command(c, dot)
	}
	for _, v := range p.Decl {
		if p.IsAssign {
			for i := len(w.vars) - 1; i >= 0; i-- {
				if w.vars[i].name == v.Ident[0] {
					w.vars[i].at = at
					break
				}
			}
			continue
		}
		w.vars = append(w.vars, fieldVar{v.Ident[0], at})
	}
	return at
}

func (w *fieldWalker) command(c *parse.CommandNode, dot place) place {
	if len(c.Args) == 0 {
		return place{}
	}
	for _, a := range c.Args[1:] {
		w.operand(a, dot)
	}
	return w.operand(c.Args[0], dot)
}

// operand returns where one argument comes from, recording the fields it reads.
func (w *fieldWalker) operand(n parse.Node, dot place) place {
	var at place
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		at = dot
		for _, id := range n.Ident {
			at = at.field(id)
		}
	case *parse.VariableNode:
		for i := len(w.vars) - 1; i >= 0; i-- {
			if w.vars[i].name == n.Ident[0] {
				at = w.vars[i].at
				break
			}
		}
		if len(n.Ident) == 1 {
			return at
		}
		for _, id := range n.Ident[1:] {
			at = at.field(id)
		}
	case *parse.ChainNode:
		at = w.operand(n.Node, dot)
		for _, id := range n.Field {
			at = at.field(id)
		}
	case *parse.PipeNode:
		return w.pipe(n, dot)
	case *parse.IdentifierNode:
		if pointer, reads := readers.funcs[n.Ident]; reads {
			w.record(place{path: strings.Split(pointer, "/")[1:]})
		}
		return place{}
	default:
		return place{}
	}
	w.record(at)
	return at
}

// matchPattern reports whether a JSON pointer matches a pattern whose "*" stand for list indexes.
func matchPattern(pattern, pointer string) bool {
	pt, pp := strings.Split(pattern, "/"), strings.Split(pointer, "/")
	if len(pt) != len(pp) {
		return false
	}
	for i := range pt {
		if pt[i] != pp[i] && (pt[i] != "*" || pp[i] == "") {
			return false
		}
	}
	return true
}

// sectionPos is where a warning about a key the definition leaves out goes: the key when it is
// there, else the key of the nearest section the definition has.
func sectionPos(doc *partnership.Document, pointer string) partnership.Pos {
	for p := pointer; p != ""; p = p[:strings.LastIndexByte(p, '/')] {
		if _, ok := doc.Spans[p]; ok {
			return doc.KeyPosOf(p)
		}
	}
	return doc.PosOf("")
}
