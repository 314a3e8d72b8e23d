package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
)

// TemplateLimits bound what the clause templates of one document may take. The clauses of the
// library stay far below them; they stop a house clause that loops without end or writes without
// end, and a definition whose texts would make a document no reader could open.
type TemplateLimits struct {
	// Time is the longest the clauses of one document may run.
	Time time.Duration
	// Output is the most Markdown the clauses of one document may write.
	Output int64
}

// DefaultTemplateLimits are the limits of every renderer unless WithTemplateLimits says
// otherwise. The largest example renders in a few milliseconds to 40 KiB.
var DefaultTemplateLimits = TemplateLimits{Time: 3 * time.Second, Output: 4 << 20}

// WithTemplateLimits sets the limits of template execution.
func WithTemplateLimits(l TemplateLimits) Option {
	return func(c *config) error {
		if l.Time <= 0 || l.Output <= 0 {
			return fmt.Errorf("template limits must be positive; got %v and %d bytes", l.Time, l.Output)
		}
		c.limits = l
		return nil
	}
}

// RenderContext is Render that stops when ctx is done (an interruption, a deadline): template
// execution checks it at every step of a loop and at every write, so a render stops within
// moments of a Ctrl-C. The error is then ctx's.
func (r *Renderer) RenderContext(ctx context.Context, doc *partnership.Document) (*Document, error) {
	return r.render(ctx, doc)
}

// LimitError says which limit of template execution a document reached.
type LimitError struct {
	// Clause is the clause being executed when the limit was reached.
	Clause string
	msg    partnership.Msg
}

func (e *LimitError) Error() string { return e.Msg().In(partnership.English) }

// Msg is the message of the error, in the catalogue.
func (e *LimitError) Msg() partnership.Msg { return partnership.M("limit-clause", e.Clause, e.msg) }

// guard enforces the limits of one render: a deadline, the context, and the size of what the
// clauses write. Every clause writes through it, and every loop of a clause calls it at each
// step (see addTicks), so that no template can run or grow past the limits.
type guard struct {
	ctx      context.Context
	limits   TemplateLimits
	deadline time.Time
	// sizes is what each clause wrote at its last execution (clauses that number articles are
	// executed twice) but the current one, which has written written so far; total is their
	// sum: the size of the document.
	sizes   map[string]int64
	total   int64
	current string
	written int64
	// failed is the first limit reached; template errors that follow from it are not reported.
	failed error
	// steps counts the calls of check.
	steps uint
}

// checkEvery is how often check reads the clock and the context: at one step in checkEvery,
// the first included. Reading them at every write of a clause cost more than the writing; a
// limit is then noticed a few steps late, which is a few microseconds.
const checkEvery = 16

func newGuard(ctx context.Context, limits TemplateLimits) *guard {
	if limits == (TemplateLimits{}) {
		limits = DefaultTemplateLimits
	}
	return &guard{ctx: ctx, limits: limits, deadline: time.Now().Add(limits.Time), sizes: map[string]int64{}}
}

// start begins an execution of a clause, which replaces what its previous execution wrote.
func (g *guard) start(clause string) {
	if g.current != "" {
		g.sizes[g.current] = g.written
	}
	g.total -= g.sizes[clause]
	g.current, g.written = clause, 0
}

// check is called at every step: it fails once the context is done or the time is up.
func (g *guard) check() error {
	if g.failed != nil {
		return g.failed
	}
	if g.steps++; g.steps%checkEvery != 1 {
		return nil
	}
	if err := g.ctx.Err(); err != nil {
		g.failed = err
	} else if time.Now().After(g.deadline) {
		g.failed = &LimitError{Clause: g.current, msg: partnership.M("limit-time", g.limits.Time.String())}
	}
	return g.failed
}

// writer returns a writer into b that counts what the clause writes against the limit.
func (g *guard) writer(b *bytes.Buffer) io.Writer { return guardedWriter{g, b} }

type guardedWriter struct {
	g *guard
	b *bytes.Buffer
}

func (w guardedWriter) Write(p []byte) (int, error) {
	g := w.g
	if err := g.check(); err != nil {
		return 0, err
	}
	if g.total+int64(len(p)) > g.limits.Output {
		g.failed = &LimitError{Clause: g.current, msg: partnership.M("limit-output", size(g.limits.Output))}
		return 0, g.failed
	}
	g.total += int64(len(p))
	g.written += int64(len(p))
	return w.b.Write(p)
}

// err returns the error of an execution: the limit reached, if any, rather than the template
// error it caused; the refusal of a function that would build a text without bound, with the
// place of its call.
func (g *guard) err(execErr error) error {
	if g.failed != nil {
		return g.failed
	}
	// text/template wraps the error of a function it calls, so a refusal is found in the chain.
	var refusal limitProblem
	if errors.As(execErr, &refusal) {
		return refusedCall(execErr, refusal.msg)
	}
	return execErr
}

// sizeWords writes a number of bytes in KiB or MiB, in English.
func sizeWords(n int64) string { return size(n).In(partnership.English) }

// size is a number of bytes, written in KiB or MiB.
type size int64

func (n size) In(lang string) string {
	if n%(1<<20) == 0 {
		return partnership.M("size-mib", int64(n>>20)).In(lang)
	}
	return partnership.M("size-kib", int64(n>>10)).In(lang)
}

// limitProblem is an error of the catalogue: a limit of the clauses, or the reason of one.
type limitProblem struct{ msg partnership.Msg }

func (e limitProblem) Error() string        { return e.msg.In(partnership.English) }
func (e limitProblem) Msg() partnership.Msg { return e.msg }

// callError is text/template's error for a function of the guard that refused to build a text:
// "template: FILE:LINE:COL: executing NAME at <ACTION>: error calling FUNC: REASON".
var callError = lazyre.New(`^template: (.+?): executing ("(?:[^"\\]|\\.)*") at <(.*)>: error calling ([^:]+): `)

// refusedCall returns the error of an execution stopped by a function that refused to build a
// text, as a message of the catalogue that keeps where the call is; execErr as it is when it
// does not read as such an error.
func refusedCall(execErr error, reason partnership.Msg) error {
	text := execErr.Error()
	m := callError().FindStringSubmatch(text)
	if m == nil || text[len(m[0]):] != reason.In(partnership.English) {
		return execErr
	}
	name, err := strconv.Unquote(m[2])
	if err != nil {
		return execErr
	}
	return limitProblem{partnership.M("limit-call-failed", m[1], name, m[3], m[4], reason)}
}

// tickFuncName is the function every loop of a clause calls at each step; like the escaping
// function, its name is not one an author can write.
const tickFuncName = "_tick"

// maxFormatted bounds what printf, print and println may return: as much as a text of a
// definition may hold.
const maxFormatted = 64 << 10

// funcs are the functions of one render that enforce its limits: the tick of loops, and the
// builtins that could build a text without bound (printf "%0999999999d", a string doubled in a
// loop), replaced by versions that refuse to.
func (g *guard) funcs() template.FuncMap {
	bounded := func(s string) (string, error) {
		if len(s) > maxFormatted {
			return "", limitProblem{partnership.M("limit-text", len(s), maxFormatted)}
		}
		return s, nil
	}
	return template.FuncMap{
		tickFuncName: func() (Markdown, error) { return "", g.check() },
		"printf": func(format string, args ...any) (string, error) {
			if err := checkFormat(format); err != nil {
				return "", err
			}
			return bounded(fmt.Sprintf(format, args...))
		},
		"print":   func(args ...any) (string, error) { return bounded(fmt.Sprint(args...)) },
		"println": func(args ...any) (string, error) { return bounded(fmt.Sprintln(args...)) },
	}
}

// checkFormat refuses the formats whose output a printf cannot bound by its arguments: a width or
// a precision read from an argument (*), or written with more than three digits, and a format
// longer than any clause needs.
func checkFormat(format string) error {
	if len(format) > 1024 {
		return limitProblem{partnership.M("limit-format-length", len(format))}
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		digits := 0
		for i++; i < len(format); i++ {
			c := format[i]
			switch {
			case c == '*':
				return limitProblem{partnership.M("limit-format-star")}
			case c >= '0' && c <= '9':
				digits++
				if digits > 3 {
					return limitProblem{partnership.M("limit-format-digits")}
				}
				continue
			case c == '.' || c == '[' || c == ']' || strings.IndexByte("+-# ", c) >= 0:
				digits = 0
				continue
			}
			break
		}
	}
	return nil
}

// addTicks makes every loop of a template call the tick at each step, and every template call
// it once, so that time and cancellation are checked however the template is written. It runs
// after addEscaping: the tick prints nothing and needs no escaping.
func addTicks(tree *parse.Tree) {
	if tree.Root == nil {
		return
	}
	tick := func(pos parse.Pos) parse.Node {
		return &parse.ActionNode{NodeType: parse.NodeAction, Pos: pos, Pipe: &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos,
			Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{&parse.IdentifierNode{NodeType: parse.NodeIdentifier, Pos: pos, Ident: tickFuncName}}}}}}
	}
	var loops []*parse.RangeNode
	walkNodes(tree.Root, func(n parse.Node) {
		if r, ok := n.(*parse.RangeNode); ok && r.List != nil {
			loops = append(loops, r)
		}
	})
	for _, r := range loops {
		r.List.Nodes = append([]parse.Node{tick(r.Position())}, r.List.Nodes...)
	}
	tree.Root.Nodes = append([]parse.Node{tick(tree.Root.Position())}, tree.Root.Nodes...)
}

// templateCall is a call of a template by name ({{template "x"}}) and the template it is in.
type templateCall struct {
	node *parse.TemplateNode
	tree *parse.Tree
}

// templateCalls lists, for each template defined in a clause file, the templates it calls.
func templateCalls(t *template.Template) map[string][]templateCall {
	calls := map[string][]templateCall{}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		name := tt.Name()
		calls[name] = nil
		walkNodes(tt.Tree.Root, func(n parse.Node) {
			if c, ok := n.(*parse.TemplateNode); ok {
				calls[name] = append(calls[name], templateCall{c, tt.Tree})
			}
		})
	}
	return calls
}

// walkNodes calls f on every node of a template, in order.
func walkNodes(n parse.Node, f func(parse.Node)) {
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkNodes(c, f)
		}
	case *parse.IfNode:
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.WithNode:
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.RangeNode:
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	}
}

// recursion finds a template of a clause file that calls itself, directly or through others,
// and returns the call that closes the cycle and the cycle in words ("a → b → a"). Template
// names are constants, so the calls found are all the calls there can be: a clause without a
// cycle cannot recurse.
func recursion(t *template.Template) (templateCall, string, bool) {
	calls := templateCalls(t)
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var path []string
	var found templateCall
	var cycle string
	var visit func(name string) bool
	visit = func(name string) bool {
		state[name] = visiting
		path = append(path, name)
		for _, call := range calls[name] {
			switch state[call.node.Name] {
			case visiting:
				start := 0
				for i, p := range path {
					if p == call.node.Name {
						start = i
					}
				}
				found, cycle = call, strings.Join(append(append([]string{}, path[start:]...), call.node.Name), " → ")
				return true
			case unvisited:
				if _, defined := calls[call.node.Name]; defined && visit(call.node.Name) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		state[name] = done
		return false
	}
	names := make([]string, 0, len(calls))
	for name := range calls {
		names = append(names, name)
	}
	slices.Sort(names) // t.Templates() comes in map order; the report must not
	for _, name := range names {
		if state[name] == unvisited && visit(name) {
			return found, cycle, true
		}
	}
	return templateCall{}, "", false
}

// errRecursion is the error of a clause whose templates call themselves.
var errRecursion = limitProblem{partnership.M("limit-recursion-never")}

// recursionError is the error of a clause file whose templates call themselves.
type recursionError struct{ msg partnership.Msg }

func (e recursionError) Error() string        { return e.msg.In(partnership.English) }
func (e recursionError) Msg() partnership.Msg { return e.msg }
func (e recursionError) Unwrap() error        { return errRecursion }

// checkRecursion refuses a clause file whose templates call themselves.
func checkRecursion(c Clause, t *template.Template) error {
	if call, cycle, ok := recursion(t); ok {
		loc, _ := call.tree.ErrorContext(call.node)
		return recursionError{partnership.M("limit-recursion", c.ID, loc, call.node.Name, cycle, errRecursion.msg)}
	}
	return nil
}

// constantRange reports whether a range loops over a constant (a number written in the
// template, or arithmetic on numbers only), which no clause needs: clauses loop over the lists of
// the definition.
func constantRange(r *parse.RangeNode) (string, bool) {
	if r.Pipe == nil || len(r.Pipe.Cmds) != 1 {
		return "", false
	}
	constant := true
	var check func(n parse.Node)
	check = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.NumberNode, *parse.StringNode, *parse.BoolNode:
		case *parse.IdentifierNode:
			// A function applied to constants only gives a constant (add 1000000 1).
		case *parse.PipeNode:
			for _, c := range n.Cmds {
				for _, a := range c.Args {
					check(a)
				}
			}
		default:
			constant = false
		}
	}
	for _, a := range r.Pipe.Cmds[0].Args {
		check(a)
	}
	words := strings.TrimFunc(r.Pipe.String(), unicode.IsSpace)
	return words, constant
}
