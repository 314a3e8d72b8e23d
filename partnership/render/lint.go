package render

import (
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// Lint checks every clause of a library without rendering anything: each template must parse,
// call only documented functions, reach only fields the definition has, loop only over lists
// (not over a number written in the template) and never call itself. Problems are reported at
// the template's file, line and column.
func Lint(lib *Library) partnership.Diagnostics {
	var diags partnership.Diagnostics
	for _, c := range lib.Clauses() {
		diags = append(diags, lintClause(c)...)
	}
	return diags.Sorted()
}

// templateErrorPos finds "name:line:col:" or "name:line:" in an error from text/template.
var templateErrorPos = lazyre.New(`^template: ([^:]+):(\d+):(?:(\d+):)? ?(.*)$`)

func lintClause(c Clause) partnership.Diagnostics {
	file := templateName(c)
	t, err := template.New(file).Funcs(placeholderFuncs()).Parse(c.Text)
	if err != nil {
		d := partnership.At(file, partnership.Pos{Line: 1, Column: 1}, "").Say("template-error", err.Error())
		if m := templateErrorPos().FindStringSubmatch(err.Error()); m != nil {
			d.Line, _ = strconv.Atoi(m[2])
			if m[3] != "" {
				d.Column, _ = strconv.Atoi(m[3])
			}
			d = d.Say("template-error", m[4])
		}
		return partnership.Diagnostics{d}
	}
	l := &linter{file: file, funcs: placeholderFuncs()}
	root := reflect.TypeFor[*Data]()
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		l.tree = tt.Tree
		l.vars = []variable{{"$", root}}
		l.list(tt.Tree.Root, root)
	}
	if call, cycle, ok := recursion(t); ok {
		l.tree = call.tree
		l.report(call.node, "template-recursion", call.node.Name, cycle)
	}
	return l.diags
}

type variable struct {
	name string
	typ  reflect.Type
}

// linter walks a parse tree keeping track of the type of dot, as text/template would at run
// time. A nil type means "not known statically": checks stop there rather than guess.
type linter struct {
	file  string
	tree  *parse.Tree
	funcs template.FuncMap
	vars  []variable
	diags partnership.Diagnostics
}

func (l *linter) report(n parse.Node, code string, args ...any) {
	loc, _ := l.tree.ErrorContext(n)
	// loc is "name:line:col"; the name may itself contain colons, so read from the right.
	parts := strings.Split(loc, ":")
	line, col := 1, 1
	if len(parts) >= 3 {
		line, _ = strconv.Atoi(parts[len(parts)-2])
		col, _ = strconv.Atoi(parts[len(parts)-1])
	}
	// A field chain is positioned just before its last field; point at its first dot instead.
	var idents []string
	switch f := n.(type) {
	case *parse.FieldNode:
		idents = f.Ident
	case *parse.VariableNode:
		idents = f.Ident
	}
	if len(idents) > 0 {
		col += 1 - (len(n.String()) - len(idents[len(idents)-1]) - 1)
	}
	l.diags = append(l.diags, partnership.At(l.file, partnership.Pos{Line: line, Column: col}, "").Say(code, args...))
}

func (l *linter) list(n *parse.ListNode, dot reflect.Type) {
	if n == nil {
		return
	}
	for _, c := range n.Nodes {
		l.node(c, dot)
	}
}

func (l *linter) node(n parse.Node, dot reflect.Type) {
	switch n := n.(type) {
	case *parse.ActionNode:
		l.pipe(n.Pipe, dot)
	case *parse.IfNode:
		l.pipe(n.Pipe, dot)
		l.scoped(func() { l.list(n.List, dot) })
		l.scoped(func() { l.list(n.ElseList, dot) })
	case *parse.WithNode:
		t := l.pipe(n.Pipe, dot)
		l.scoped(func() { l.list(n.List, deref(t)) })
		l.scoped(func() { l.list(n.ElseList, dot) })
	case *parse.RangeNode:
		if what, ok := constantRange(n); ok {
			l.report(n, "range-constant", what)
		}
		t := deref(l.pipe(n.Pipe, dot))
		var elem reflect.Type
		if t != nil {
			switch t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				elem = t.Elem()
			case reflect.Int:
				elem = t
			default:
				l.report(n, "range-not-list", t.String())
			}
		}
		l.scoped(func() {
			if len(n.Pipe.Decl) == 2 {
				l.vars[len(l.vars)-1].typ = elem
				l.vars[len(l.vars)-2].typ = reflect.TypeFor[int]()
			} else if len(n.Pipe.Decl) == 1 {
				l.vars[len(l.vars)-1].typ = elem
			}
			l.list(n.List, elem)
		})
		l.scoped(func() { l.list(n.ElseList, dot) })
	case *parse.TemplateNode:
		if n.Pipe != nil {
			l.pipe(n.Pipe, dot)
		}
	}
}

// scoped runs f and then forgets the variables it declared.
func (l *linter) scoped(f func()) {
	n := len(l.vars)
	f()
	l.vars = l.vars[:n]
}

// pipe checks a pipeline and returns the type it produces.
func (l *linter) pipe(p *parse.PipeNode, dot reflect.Type) reflect.Type {
	if p == nil {
		return nil
	}
	var t reflect.Type
	for i, cmd := range p.Cmds {
		var final reflect.Type
		if i > 0 {
			final = t
		}
		t = l.command(cmd, dot, final, i > 0)
	}
	for _, v := range p.Decl {
		l.vars = append(l.vars, variable{v.Ident[0], t})
	}
	return t
}

// command returns the type of a command; piped tells that the previous command's value is its
// last argument.
func (l *linter) command(cmd *parse.CommandNode, dot, _ reflect.Type, piped bool) reflect.Type {
	for _, a := range cmd.Args[1:] {
		l.arg(a, dot)
	}
	return l.arg(cmd.Args[0], dot)
}

func (l *linter) arg(n parse.Node, dot reflect.Type) reflect.Type {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return l.fields(n, dot, n.Ident)
	case *parse.VariableNode:
		var t reflect.Type
		found := false
		for i := len(l.vars) - 1; i >= 0; i-- {
			if l.vars[i].name == n.Ident[0] {
				t, found = l.vars[i].typ, true
				break
			}
		}
		if !found {
			return nil // text/template's parser already rejects undefined variables
		}
		return l.fields(n, t, n.Ident[1:])
	case *parse.ChainNode:
		return l.fields(n, l.arg(n.Node, dot), n.Field)
	case *parse.PipeNode:
		return l.pipe(n, dot)
	case *parse.IdentifierNode:
		if f, ok := l.funcs[n.Ident]; ok {
			ft := reflect.TypeOf(f)
			if ft.NumOut() > 0 {
				return ft.Out(0)
			}
			return nil
		}
		switch n.Ident {
		case "len":
			return reflect.TypeFor[int]()
		case "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge":
			if n.Ident == "and" || n.Ident == "or" {
				return nil
			}
			return reflect.TypeFor[bool]()
		case "printf", "print", "println", "html", "js", "urlquery":
			return reflect.TypeFor[string]()
		}
		return nil
	case *parse.StringNode:
		return reflect.TypeFor[string]()
	case *parse.NumberNode:
		if n.IsInt {
			return reflect.TypeFor[int]()
		}
		return reflect.TypeFor[float64]()
	case *parse.BoolNode:
		return reflect.TypeFor[bool]()
	}
	return nil
}

// fields follows .A.B.C from type t, reporting the first name the type does not have.
func (l *linter) fields(n parse.Node, t reflect.Type, idents []string) reflect.Type {
	for _, name := range idents {
		if t == nil {
			return nil
		}
		if m, ok := t.MethodByName(name); ok {
			t = methodResult(m)
			continue
		}
		base := deref(t)
		if base.Kind() == reflect.Interface {
			return nil
		}
		if base.Kind() != reflect.Struct {
			l.report(n, "no-fields", name, typeName(base))
			return nil
		}
		if m, ok := reflect.PointerTo(base).MethodByName(name); ok {
			t = methodResult(m)
			continue
		}
		f, ok := base.FieldByName(name)
		if !ok || !f.IsExported() {
			l.report(n, "no-field", typeName(base), name, partnership.Opt(suggestField(base, name)))
			return nil
		}
		t = f.Type
	}
	return t
}

func methodResult(m reflect.Method) reflect.Type {
	if m.Type.NumOut() == 0 {
		return nil
	}
	return m.Type.Out(0)
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// typeName names a type the way a template author knows it: by its key in the definition.
func typeName(t reflect.Type) string {
	if t == reflect.TypeFor[Data]() {
		return "the definition"
	}
	return t.Name()
}

// suggestField proposes the closest field name, among the type's own and, for the dot of a
// clause, the definition's.
func suggestField(t reflect.Type, name string) partnership.Msg {
	var names []string
	for f := range t.Fields() {
		if f.IsExported() {
			names = append(names, f.Name)
		}
	}
	if t == reflect.TypeFor[Data]() {
		for f := range reflect.TypeFor[partnership.Definition]().Fields() {
			names = append(names, f.Name)
		}
	}
	if best := partnership.Closest(name, names); best != "" {
		return partnership.M("did-you-mean-field", best)
	}
	return partnership.Msg{}
}
