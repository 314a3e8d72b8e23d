package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"github.com/commons-toolkit/commons/templates"
	"go.yaml.in/yaml/v3"
)

// Renderer turns validated definitions into Markdown through a clause library. It is safe for
// concurrent use: every call to Render keeps its state in values of its own.
type Renderer struct {
	lib    *Library
	lang   string
	limits TemplateLimits
	// parsed caches each clause's parsed template; each render binds its own functions to the
	// template's trees (templateFor).
	parsed sync.Map // path → *parsedClause
	// fields caches the patterns of the definition's values each clause reads.
	fields sync.Map // path → []string
}

// clauseFields returns the patterns of JSON pointers of the values a clause's templates read,
// from the clause as parsed for rendering.
func (r *Renderer) clauseFields(c Clause) []string {
	key := c.Source + ":" + c.Path
	if f, ok := r.fields.Load(key); ok {
		return f.([]string)
	}
	t, err := r.parse(c)
	if err != nil {
		return nil // it never rendered, so it read nothing
	}
	f, _ := r.fields.LoadOrStore(key, clauseFields(c, t))
	return f.([]string)
}

// Option configures a Renderer.
type Option func(*config) error

type config struct {
	overrides []Override
	lang      string
	lib       *Library
	limits    TemplateLimits
}

// WithHouseClauses lets the clause files of dir replace those of the same path in the library.
func WithHouseClauses(dir string) Option {
	return func(c *config) error {
		st, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("house clauses: %w", err)
		}
		if !st.IsDir() {
			return fmt.Errorf("house clauses: %s is not a directory", dir)
		}
		c.overrides = append(c.overrides, Override{FS: houseFS(dir), Name: partnership.DisplayPath(dir)})
		return nil
	}
}

// WithLang renders the clauses in another language than the definition's own ("fr" or "en").
// The definition's free text stays as written.
func WithLang(lang string) Option {
	return func(c *config) error {
		if lang != "" && lang != "fr" && lang != "en" {
			return fmt.Errorf("language %q: the clause library is written in fr and en", lang)
		}
		c.lang = lang
		return nil
	}
}

// WithLibrary uses a library already loaded, for example to share one between renderers.
func WithLibrary(lib *Library) Option {
	return func(c *config) error { c.lib = lib; return nil }
}

// embedded is the embedded library, read once.
var embedded = sync.OnceValues(func() (*Library, error) {
	return loadEmbedded()
})

// loadEmbedded reads the embedded library, with the given house directories.
func loadEmbedded(overrides ...Override) (*Library, error) {
	return loadLibrary(templates.FS, "templates", true, overrides...)
}

// EmbeddedLibrary returns the clause library built into the program.
func EmbeddedLibrary() (*Library, error) { return embedded() }

// New returns a Renderer.
func New(opts ...Option) (*Renderer, error) {
	var c config
	for _, o := range opts {
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	lib := c.lib
	if lib == nil {
		var err error
		if len(c.overrides) > 0 {
			lib, err = loadEmbedded(c.overrides...)
		} else {
			lib, err = embedded()
		}
		if err != nil {
			return nil, err
		}
	}
	return &Renderer{lib: lib, lang: c.lang, limits: c.limits}, nil
}

// Library returns the clause library the renderer uses.
func (r *Renderer) Library() *Library { return r.lib }

// Article is a clause present in a rendered document.
type Article struct {
	ID string
	// Number is the article's number, 0 for an unnumbered clause (parties, signatures…).
	Number int
	// Heading is the heading as rendered, without the Markdown marks.
	Heading string
	// Defaults are the values the clause took from the library's defaults because the
	// definition left them out, in the order the clause used them.
	Defaults []AppliedDefault
	// Statutes are the statutes the clause cites because the law of the jurisdiction applies
	// to what the definition says.
	Statutes []Citation
	// fields gives the definition's values the clause reads: patterns of JSON pointers from the
	// clause's template ("/parties/*/name") and the pointers its functions looked up. Only an
	// explanation reads them, so the template is walked when one asks.
	fields func() []string
}

// Meta is the provenance of a rendered document: what was rendered, with which library.
type Meta struct {
	Title            string           `yaml:"title"`
	Kind             partnership.Kind `yaml:"kind"`
	KindLabel        string           `yaml:"kind_label"`
	Lang             string           `yaml:"lang"`
	Definition       string           `yaml:"definition"`
	Date             string           `yaml:"date,omitempty"`
	DefinitionSHA256 string           `yaml:"definition_sha256"`
	Templates        string           `yaml:"templates"`
	// Parties are the names of the parties, in the order of the definition.
	Parties []string `yaml:"parties,omitempty"`
}

// Document is a rendered document.
type Document struct {
	Meta     Meta
	Articles []Article
	// Markdown is the whole document: a front-matter block with Meta, then the text.
	Markdown []byte
	// Diagnostics are the warnings of the render: one per default applied, at the position of
	// the key it stands for (or of the nearest section the definition has), and one per text
	// shown in another language than the document's.
	Diagnostics partnership.Diagnostics
}

// Render writes the document a definition describes. The definition must be valid: rendering
// an invalid one may fail on the first missing value.
func (r *Renderer) Render(doc *partnership.Document) (*Document, error) {
	return r.render(context.Background(), doc)
}

func (r *Renderer) render(ctx context.Context, doc *partnership.Document) (*Document, error) {
	if err := checkPin(doc.Definition.Templates, r.lib.Version); err != nil {
		return nil, err
	}
	lang := doc.Definition.Lang
	if r.lang != "" {
		lang = r.lang
	}
	// Another processor, when there is one, works ahead of the execution of the clauses (see
	// ahead), from here: the kind of document, which says what to parse, does not wait for the
	// definition's texts to be localized.
	var helper chan *state
	if runtime.GOMAXPROCS(0) > 1 {
		helper = make(chan *state, 1)
		defer close(helper)
		go r.ahead(ctx, doc.Definition.Kind, lang, helper)
	}
	// The definition as it reads in the document's language; texts shown in another language
	// are marked, so that the document's typography leaves them alone.
	def, diags := doc.LocalizedWith(lang, markForeign)
	manifest := r.lib.Manifest(def.Kind)
	clauses := manifest.Clauses()
	if len(clauses) == 0 {
		return nil, fmt.Errorf("the clause library has no plan for a %q", def.Kind)
	}
	st := &state{r: r, doc: doc, def: def, lang: lang, loc: newLocale(lang).withCurrency(def.Currency), manifest: manifest, clauses: clauses, numbers: map[string]int{}, numbered: map[string]bool{},
		diags: diags, trace: map[string]*trace{}, guard: newGuard(ctx, r.limits)}
	st.funcMap = st.funcs()
	maps.Copy(st.funcMap, st.guard.funcs())
	st.prepared = make([]preparedClause, len(st.clauses))
	if helper != nil {
		st.finals = make(chan settled, len(st.clauses))
		st.tidied = make([]tidied, len(st.clauses))
		st.tidiedAll = make(chan struct{})
		defer st.endFinals()
		helper <- st
	}
	st.data = newData(doc, def, r.lib, lang)
	st.data.use = st.use
	st.data.applyDefault = st.defaultValue
	st.data.notice = st.notice
	// First pass: find which clauses have something to say, so that articles can be numbered
	// and cross-references resolved.
	bodies, err := st.renderAll(nil)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, id := range manifest.Articles {
		if strings.TrimSpace(bodies[id].body) != "" {
			n++
			st.numbers[id] = n
		}
	}
	st.final = true
	bodies, err = st.renderAll(bodies)
	if err != nil {
		return nil, err
	}
	return st.assemble(bodies)
}

// state is what one call to Render works with.
type state struct {
	r   *Renderer
	doc *partnership.Document
	// def is the definition as it reads in the document's language.
	def      *partnership.Definition
	lang     string
	loc      locale
	manifest Manifest
	numbers  map[string]int
	// final is false during the first pass, when article numbers are not known yet.
	final bool
	// current is the clause being rendered, for error messages.
	current string
	// data is the dot of every clause of this render.
	data *Data
	// numbered lists the clauses that asked for article numbers (ref, has) in the first pass:
	// only they are rendered again once the numbers are known.
	numbered map[string]bool
	// diags are the warnings of the render so far.
	diags partnership.Diagnostics
	// trace records, per clause, what the clause took from the definition and the defaults.
	trace map[string]*trace
	// guard enforces the limits of template execution (limits.go).
	guard *guard
	// out receives what a clause writes, one clause after the other, so that its memory
	// serves them all.
	out bytes.Buffer
	// clauses are the manifest's clauses in document order.
	clauses []string
	// funcMap is this render's function map; prepared are the clauses of the manifest, in its
	// order, looked up and bound to it, so that each clause is bound once, not once per pass.
	funcMap  template.FuncMap
	prepared []preparedClause
	// finals, when another processor helps the render, receives each clause's text once it is
	// final; that processor puts it in tidied, in the manifest's order, and closes tidiedAll when
	// finals is closed and all is tidied.
	finals       chan settled
	finalsClosed sync.Once
	tidied       []tidied
	tidiedAll    chan struct{}
	// stopped tells the goroutine that prepares clauses ahead that the render is over.
	stopped atomic.Bool
}

// settled is the text of a clause that no later pass renders again: the i-th of the manifest.
type settled struct {
	i int
	rendered
}

// tidied is a clause's title and body as normalize makes them.
type tidied struct{ title, body string }

// preparedClause is a clause of a render looked up in the library and its template bound to
// the render's functions, by whichever goroutine comes to it first.
type preparedClause struct {
	once   sync.Once
	clause Clause
	found  bool
	t      *template.Template
	err    error
}

type rendered struct {
	title string
	body  string
}

func (st *state) renderAll(first map[string]rendered) (map[string]rendered, error) {
	out := map[string]rendered{}
	for i, id := range st.clauses {
		if first != nil && !st.numbered[id] {
			out[id] = first[id]
			continue
		}
		p := st.prepare(i)
		if !p.found {
			return nil, fmt.Errorf("the clause library has no clause %q for a %s in %q", id, st.doc.Definition.Kind, st.lang)
		}
		if p.err != nil {
			return nil, p.err
		}
		st.current = id
		st.trace[id] = &trace{}
		title, body, err := st.execute(p.clause, p.t)
		if err != nil {
			return nil, err
		}
		out[id] = rendered{title: title, body: body}
		if first != nil || !st.numbered[id] {
			st.settle(i, out[id])
		}
	}
	return out, nil
}

// prepare returns the i-th clause of the manifest, looked up in the library and bound to this
// render's functions, doing the work unless it is done or under way.
func (st *state) prepare(i int) *preparedClause {
	p := &st.prepared[i]
	p.once.Do(func() {
		p.clause, p.found = st.r.lib.Lookup(st.doc.Definition.Kind, st.lang, st.clauses[i])
		if p.found {
			p.t, p.err = st.templateFor(p.clause)
		}
	})
	return p
}

// ahead is the work another processor does for a render while the definition is localized and
// the clauses execute, so that a process that renders one document does not wait for it: it
// reads the library's labels and defaults and compiles the regular expressions of escaping,
// which the first clause to use them would do otherwise, and parses the clauses of the kind of
// document. Then, given the render's state (none when the render ends first), it prepares the
// clauses in order unless the render is over, and tidies the clauses' texts as they become
// final, in whatever order, each into its place.
func (r *Renderer) ahead(ctx context.Context, kind partnership.Kind, lang string, states <-chan *state) {
	// The labels are read, not looked up: Label panics on labels that do not parse, and here
	// nothing would recover; the clause that first uses a label reports the error.
	if read, ok := r.lib.labels[lang]; ok {
		read()
	}
	r.lib.Defaults()
	sentenceEnd()
	blankLine()
	var st *state
	ok := true
	for _, id := range r.lib.Manifest(kind).Clauses() {
		if ctx.Err() != nil {
			break
		}
		// Once the state is there, clauses are parsed and bound together, below.
		select {
		case st, ok = <-states:
		default:
		}
		if st != nil || !ok {
			break
		}
		if c, found := r.lib.Lookup(kind, lang, id); found {
			r.parse(c) // an error is the render's to report, when it comes to the clause
		}
	}
	if st == nil && ok {
		st, ok = <-states
	}
	if !ok {
		return
	}
	for i := range st.clauses {
		if st.stopped.Load() || st.guard.ctx.Err() != nil {
			break
		}
		st.prepare(i)
	}
	for f := range st.finals {
		st.tidied[f.i] = tidied{title: st.normalize(f.title), body: st.normalize(f.body)}
	}
	close(st.tidiedAll)
}

// settle hands the text of the i-th clause, which no later pass renders again, to be tidied.
func (st *state) settle(i int, r rendered) {
	if st.finals != nil {
		st.finals <- settled{i, r}
	}
}

// endFinals says that no more clause text comes, and stops the preparation of clauses.
func (st *state) endFinals() {
	st.stopped.Store(true)
	st.finalsClosed.Do(func() { close(st.finals) })
}

// tidy returns the i-th clause's title and body normalized: as tidied ahead when another
// processor helps, once every clause is, else now.
func (st *state) tidy(i int, r rendered) tidied {
	if st.finals == nil {
		return tidied{title: st.normalize(r.title), body: st.normalize(r.body)}
	}
	st.endFinals()
	<-st.tidiedAll
	return st.tidied[i]
}

// parsedClause is a clause file parsed once per renderer.
type parsedClause struct {
	once sync.Once
	t    *template.Template
	// funcs are the functions its templates call, which a render binds (templateFor).
	funcs []string
	err   error
}

// parse returns a clause's template parsed, parsing it unless it is parsed or being parsed.
func (r *Renderer) parse(c Clause) (*template.Template, error) {
	p := r.parsedClause(c)
	return p.t, p.err
}

// parsedClause returns the clause parsed, parsing it unless it is parsed or being parsed.
func (r *Renderer) parsedClause(c Clause) *parsedClause {
	key := c.Source + ":" + c.Path
	v, ok := r.parsed.Load(key)
	if !ok {
		v, _ = r.parsed.LoadOrStore(key, &parsedClause{})
	}
	p := v.(*parsedClause)
	p.once.Do(func() {
		if p.t, p.err = parseClause(c); p.err == nil {
			p.funcs = calledFuncs(p.t)
		}
	})
	return p
}

// templateFor returns a clause's templates bound to this render's functions. The templates are
// new, their trees those the renderer parsed, and only the functions they call are bound: a
// clone of the parsed template would copy every function the library has, twice, for every
// clause of every render.
func (st *state) templateFor(c Clause) (*template.Template, error) {
	p := st.r.parsedClause(c)
	if p.err != nil {
		return nil, p.err
	}
	funcs := make(template.FuncMap, len(p.funcs))
	for _, name := range p.funcs {
		if f, ok := st.funcMap[name]; ok {
			funcs[name] = f
		} else if f, ok := placeholders()[name]; ok {
			funcs[name] = f
		} // else one of text/template's own (and, len, printf…)
	}
	bound := template.New(p.t.Name()).Option("missingkey=error").Funcs(funcs)
	for _, t := range p.t.Templates() {
		if t.Tree == nil {
			continue
		}
		if _, err := bound.AddParseTree(t.Name(), t.Tree); err != nil {
			return nil, err
		}
	}
	return bound, nil
}

// calledFuncs lists the functions the templates of t call, each once, sorted: those of the
// library and text/template's own.
func calledFuncs(t *template.Template) []string {
	called := map[string]bool{}
	var pipe func(p *parse.PipeNode)
	var arg func(n parse.Node)
	arg = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.IdentifierNode:
			called[n.Ident] = true
		case *parse.PipeNode:
			pipe(n)
		case *parse.ChainNode:
			arg(n.Node)
		}
	}
	pipe = func(p *parse.PipeNode) {
		if p == nil {
			return
		}
		for _, c := range p.Cmds {
			for _, a := range c.Args {
				arg(a)
			}
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		walkNodes(tt.Tree.Root, func(n parse.Node) {
			switch n := n.(type) {
			case *parse.ActionNode:
				pipe(n.Pipe)
			case *parse.IfNode:
				pipe(n.Pipe)
			case *parse.RangeNode:
				pipe(n.Pipe)
			case *parse.WithNode:
				pipe(n.Pipe)
			case *parse.TemplateNode:
				pipe(n.Pipe)
			}
		})
	}
	return slices.Sorted(maps.Keys(called))
}

// clauseParser has the library's functions, for parsing: each clause is parsed in a clone of
// it, which copies the functions as they are, where a template given them (Funcs) would first
// make a reflected value of each of the 41, for every clause. The templates are bound to a
// render's own functions anyway (templateFor).
var clauseParser = sync.OnceValue(func() *template.Template {
	return template.New("").Option("missingkey=error").Funcs(placeholders())
})

// templateName is how a clause is named in template errors: its file inside its library.
func templateName(c Clause) string { return c.Source + "/" + c.Path }

// parseClause parses a clause file with the documented functions and secures every action.
func parseClause(c Clause) (*template.Template, error) {
	parser, err := clauseParser().Clone()
	if err != nil {
		return nil, err
	}
	t, err := parser.New(templateName(c)).Parse(c.Text)
	if err != nil {
		return nil, fmt.Errorf("clause %s: %w", c.ID, err)
	}
	if err := checkRecursion(c, t); err != nil {
		return nil, err
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			addEscaping(tt.Tree.Root)
			addTicks(tt.Tree)
		}
	}
	return t, nil
}

func (st *state) execute(c Clause, t *template.Template) (title, body string, err error) {
	st.trace[st.current].clause = c
	data := st.data
	st.guard.start(c.ID)
	b := &st.out
	b.Reset()
	if err := t.Execute(st.guard.writer(b), data); err != nil {
		return "", "", st.guard.err(cleanExecError(err))
	}
	body = b.String()
	if tt := t.Lookup("title"); tt != nil {
		b.Reset()
		if err := tt.Execute(st.guard.writer(b), data); err != nil {
			return "", "", st.guard.err(cleanExecError(err))
		}
		title = strings.TrimSpace(b.String())
	}
	return title, body, nil
}

// cleanExecError keeps text/template's "template: file:line:col: …" and drops the internal name
// of the escaping function, which means nothing to a template author.
func cleanExecError(err error) error {
	var ee template.ExecError
	if errors.As(err, &ee) {
		msg := strings.ReplaceAll(ee.Err.Error(), " | "+escapeFuncName, "")
		return cleanedError{msg, ee.Err}
	}
	return err
}

// cleanedError is an execution error with a message fit for the author of the clause, which
// keeps the error it reports in its chain (the refusal of a function, say).
type cleanedError struct {
	msg string
	err error
}

func (e cleanedError) Error() string { return e.msg }
func (e cleanedError) Unwrap() error { return e.err }

var blankLines = lazyre.New(`\n{3,}`)

// normalize makes a clause's output diff-friendly: no trailing spaces, one blank line between
// blocks, no blank line inside a list, French spacing where the language is French.
func (st *state) normalize(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	out := lines[:0]
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" && i > 0 && i+1 < len(lines) && isListItem(out[len(out)-1]) && isListItem(lines[i+1]) {
			continue
		}
		if st.lang == "fr" {
			l = frenchSpacing(l)
		}
		out = append(out, unmark(l))
	}
	return blankLines().ReplaceAllString(strings.Join(out, "\n"), "\n\n")
}

// tableDelimiter matches the row under a table's header, whose colons set the alignment.
var tableDelimiter = lazyre.New(`^\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$`)

// isTableDelimiter reports whether a line is the row under a table's header; a line without a
// pipe and a hyphen cannot be, and most lines have no pipe.
func isTableDelimiter(line string) bool {
	return strings.IndexByte(line, '|') >= 0 && strings.IndexByte(line, '-') >= 0 && tableDelimiter().MatchString(line)
}

var listItem = lazyre.New(`^\s*(- |\d+\. )`)

func isListItem(line string) bool { return listItem().MatchString(line) }

func (st *state) assemble(bodies map[string]rendered) (*Document, error) {
	def := st.def
	out := &Document{Meta: Meta{
		Title:            oneLine(unmark(def.Title)),
		Kind:             def.Kind,
		Lang:             st.lang,
		Definition:       def.ID,
		Date:             def.Date,
		DefinitionSHA256: st.doc.Digest,
		Templates:        st.r.lib.Version,
	}}
	out.Meta.KindLabel, _ = st.r.lib.Label(st.lang, "kind", string(def.Kind))
	if def.Instrument != "" {
		out.Meta.KindLabel, _ = st.r.lib.Label(st.lang, "instrument", def.Instrument)
	}
	for _, p := range def.Parties {
		out.Meta.Parties = append(out.Meta.Parties, oneLine(unmark(p.Name)))
	}
	if st.lang == "fr" {
		// The cover page shows the title and the names as the text writes them.
		out.Meta.Title = frenchSpacing(out.Meta.Title)
		for i, name := range out.Meta.Parties {
			out.Meta.Parties[i] = frenchSpacing(name)
		}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	front, err := yaml.Marshal(out.Meta)
	if err != nil {
		return nil, err
	}
	b.Write(front)
	b.WriteString("---\n")
	for i, id := range st.clauses {
		c := st.tidy(i, bodies[id])
		body := c.body
		if body == "" {
			continue
		}
		b.WriteString("\n")
		heading := c.title
		switch n := st.numbers[id]; {
		case n > 0:
			heading = st.numberedHeading(n, heading)
			fallthrough
		case heading != "":
			fmt.Fprintf(&b, "## %s {#%s}\n\n", heading, id)
		}
		tr := st.trace[id]
		r, clause, used := st.r, tr.clause, tr.used
		out.Articles = append(out.Articles, Article{ID: id, Number: st.numbers[id], Heading: heading, Defaults: tr.defaults, Statutes: tr.statutes,
			fields: func() []string { return slices.Concat(r.clauseFields(clause), used) }})
		out.Diagnostics = append(out.Diagnostics, st.defaultWarnings(tr.defaults)...)
		b.WriteString(body)
		b.WriteString("\n")
	}
	out.Markdown = b.Bytes()
	out.Diagnostics = append(out.Diagnostics, st.diags...).Sorted()
	return out, nil
}

func (st *state) numberedHeading(n int, title string) string {
	if st.manifest.Numbering == "section" {
		return fmt.Sprintf("%d. %s", n, title)
	}
	word := "Article"
	return fmt.Sprintf("%s %s – %s", word, st.loc.articleNumber(n), title)
}
