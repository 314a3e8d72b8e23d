package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"github.com/commons-toolkit/commons/partnership/redline"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/commons-toolkit/commons/templates"
	"go.yaml.in/yaml/v3"
)

//go:embed assets
var assets embed.FS

// Options configures a Server.
type Options struct {
	// Addr is the address the server is reached at ("127.0.0.1:8080"): requests must name it
	// in their Host header.
	Addr string
	// Hosts are further names the server answers to, such as the public name a reverse proxy
	// forwards ("communs.example.org"), with the port when it is not the scheme's default.
	Hosts []string
	// PDF are the options PDF downloads are typeset with.
	PDF typeset.PDFOptions
	// Renderer renders the documents; nil uses the clause library built into the program.
	Renderer *render.Renderer
}

// Server serves the workspace of a directory: a page listing its definitions, and an editor
// with the rendered document beside the form. It is an http.Handler.
type Server struct {
	ws       *workspace
	opts     Options
	hosts    []string
	renderer *render.Renderer
	git      bool
	previews previews
	mux      *http.ServeMux
}

// New returns a server for the definitions of dir.
func New(dir string, opts Options) (*Server, error) {
	ws, err := openWorkspace(dir)
	if err != nil {
		return nil, fmt.Errorf("serve %s: %w", dir, err)
	}
	r := opts.Renderer
	if r == nil {
		if r, err = render.New(); err != nil {
			return nil, err
		}
	}
	s := &Server{ws: ws, opts: opts, hosts: allowedHosts(opts.Addr, opts.Hosts), renderer: r, git: partnership.InRepository(ws.dir)}
	s.routes()
	return s, nil
}

// ServeHTTP answers a request, once the guard has accepted it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.guard(s.mux).ServeHTTP(w, r) }

// ShutdownTimeout is how long Serve waits, once its context is done, for the requests in flight
// (a save among them) to finish.
const ShutdownTimeout = 5 * time.Second

// Serve answers requests on ln until ctx is done, then lets requests in flight finish, for
// ShutdownTimeout at the most.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// Close releases the workspace directory.
func (s *Server) Close() error { return s.ws.root.Close() }

func (s *Server) routes() {
	m := http.NewServeMux()
	page := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			data, err := assets.ReadFile("assets/" + name)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-cache")
			w.Write(data)
		}
	}
	m.HandleFunc("GET /{$}", page("index.html"))
	m.HandleFunc("GET /edit", page("edit.html"))
	m.HandleFunc("GET /assets/{file...}", s.asset)
	m.HandleFunc("GET /api/workspace", s.workspace)
	m.HandleFunc("GET /api/schema", func(w http.ResponseWriter, r *http.Request) {
		data, err := formSchema()
		if err != nil {
			fail(w, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(data)
	})
	m.HandleFunc("GET /api/labels", s.labels)
	m.HandleFunc("GET /api/formats", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, Formats) })
	m.HandleFunc("GET /api/file", s.open)
	m.HandleFunc("POST /api/new", s.create)
	m.HandleFunc("POST /api/check", s.check)
	m.HandleFunc("POST /api/save", s.save)
	m.HandleFunc("POST /api/export", s.export)
	m.HandleFunc("POST /api/score", s.score)
	m.HandleFunc("POST /api/redline", s.redline)
	m.HandleFunc("GET /preview/{id}", s.preview)
	s.mux = m
}

func (s *Server) asset(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	data, err := assets.ReadFile("assets/" + name)
	if err != nil || !fs.ValidPath(name) {
		http.NotFound(w, r)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if path.Ext(name) == ".js" {
		ctype = "text/javascript; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(data)
}

// writeJSON answers with a value as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// apiError is the body of every refusal of the API.
type apiError struct {
	Error       string                  `json:"error"`
	Diagnostics partnership.Diagnostics `json:"diagnostics,omitempty"`
}

func fail(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, errRefused):
		status = http.StatusForbidden
	case errors.Is(err, fs.ErrNotExist):
		status = http.StatusNotFound
	case errors.As(err, &mbe):
		status = http.StatusRequestEntityTooLarge
	}
	writeJSON(w, status, apiError{Error: err.Error()})
}

// decode reads a JSON request body into v.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("read the request: %w", err)
	}
	return nil
}

// entry is one definition of the workspace page.
type entry struct {
	Name     string `json:"name"`
	Kind     string `json:"kind,omitempty"`
	Title    string `json:"title,omitempty"`
	Lang     string `json:"lang,omitempty"`
	Errors   int    `json:"errors"`
	Warnings int    `json:"warnings"`
}

func (s *Server) workspace(w http.ResponseWriter, r *http.Request) {
	names, err := s.ws.files()
	if err != nil {
		fail(w, cleanErr(err))
		return
	}
	entries := make([]entry, 0, len(names))
	for _, name := range names {
		e := entry{Name: name}
		data, err := s.ws.read(name)
		if err != nil {
			e.Errors = 1
			entries = append(entries, e)
			continue
		}
		doc, diags := validate.Data(name, data, partnership.DefaultLimits, s.ws.callReader(name))
		e.Errors, e.Warnings = diags.Count()
		if doc != nil {
			e.Kind, e.Title, e.Lang = string(doc.Definition.Kind), doc.Definition.Title, doc.Definition.Lang
		}
		entries = append(entries, e)
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"dir": filepath.Base(s.ws.dir), "git": s.git, "kinds": partnership.Kinds, "files": entries, "formats": Formats,
	})
}

func (s *Server) labels(w http.ResponseWriter, r *http.Request) {
	out := map[string]map[string]map[string]string{}
	for _, lang := range []string{"fr", "en"} {
		data, err := templates.FS.ReadFile("common/" + lang + "/labels.yaml")
		if err != nil {
			fail(w, err)
			return
		}
		var labels map[string]map[string]string
		if err := yaml.Unmarshal(data, &labels); err != nil {
			fail(w, err)
			return
		}
		out[lang] = labels
	}
	writeJSON(w, http.StatusOK, out)
}

// snapshot is what the editor knows of a definition after each change: its text, the value
// the form shows, the diagnostics and the rendered document.
type snapshot struct {
	Name string `json:"name"`
	Text string `json:"text"`
	// Digest is the SHA-256 of the file as read from disk, which a save must still find there.
	Digest      string                  `json:"digest,omitempty"`
	Value       any                     `json:"value"`
	Kind        string                  `json:"kind,omitempty"`
	Lang        string                  `json:"lang,omitempty"`
	Title       string                  `json:"title,omitempty"`
	Diagnostics partnership.Diagnostics `json:"diagnostics"`
	Errors      int                     `json:"errors"`
	Warnings    int                     `json:"warnings"`
	// Preview is the id of the rendered page (GET /preview/ID); empty while errors prevent it.
	Preview string `json:"preview,omitempty"`
	// Scored says whether the document has a communality score to show.
	Scored bool `json:"scored"`
	Git    bool `json:"git"`
}

func formatOf(name string) partnership.Format {
	if strings.EqualFold(path.Ext(name), ".json") {
		return partnership.FormatJSON
	}
	return partnership.FormatYAML
}

// load validates text as the file name of the workspace.
func (s *Server) load(name string, text []byte) (*partnership.Document, partnership.Diagnostics) {
	return validate.Data(name, text, partnership.DefaultLimits, s.ws.callReader(name))
}

// checkLang accepts the language a document is asked in: empty for the definition's own, or
// one the clause library is written in.
func checkLang(lang string) error {
	if lang == "" || slices.Contains(render.Languages, lang) {
		return nil
	}
	return fmt.Errorf("language %q: the documents are written in %s", lang, strings.Join(render.Languages, " or "))
}

// rendererFor returns the renderer of the documents in lang, or in their own language when lang
// is empty. They share the server's clause library.
func (s *Server) rendererFor(lang string) (*render.Renderer, error) {
	if lang == "" {
		return s.renderer, nil
	}
	if err := checkLang(lang); err != nil {
		return nil, err
	}
	return render.New(render.WithLibrary(s.renderer.Library()), render.WithLang(lang))
}

// snapshotOf validates text and renders it, in lang (empty: the definition's language), when
// it is valid. The warnings of the render (a default the clause library applied, texts left
// in another language) join those of validation. Diagnostics are written in msg.
func (s *Server) snapshotOf(ctx context.Context, name string, text []byte, lang, msg string) snapshot {
	snap := s.snapshotIn(ctx, name, text, lang)
	snap.Diagnostics = snap.Diagnostics.In(msg)
	return snap
}

// langHeader is the header in which the editor's page sends the language of its interface,
// which it chooses (the definition's language, else the browser's): the server writes its
// messages in that language.
const langHeader = "Commons-Lang"

// msgLang is the language of the messages answering r: the one the page sends in langHeader,
// else, for a request without it, the first language of its Accept-Language header that
// messages are written in, else English.
func msgLang(r *http.Request) string {
	if l := partnership.LocaleLang(r.Header.Get(langHeader)); l != "" {
		return l
	}
	for _, part := range strings.Split(r.Header.Get("Accept-Language"), ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if l := partnership.LocaleLang(tag); l != "" {
			return l
		}
	}
	return partnership.English
}

func (s *Server) snapshotIn(ctx context.Context, name string, text []byte, lang string) snapshot {
	doc, diags := s.load(name, text)
	snap := snapshot{Name: name, Text: string(text), Diagnostics: diags, Git: s.git}
	if snap.Diagnostics == nil {
		snap.Diagnostics = partnership.Diagnostics{}
	}
	snap.Errors, snap.Warnings = diags.Count()
	if doc == nil {
		return snap
	}
	def := doc.Definition
	snap.Value, snap.Kind, snap.Lang, snap.Title = doc.Value, string(def.Kind), def.Lang, def.Title
	snap.Scored = def.Kind == partnership.KindConvention || def.Kind == partnership.KindApplication
	if diags.HasErrors() {
		return snap
	}
	r, err := s.rendererFor(lang)
	var out *render.Document
	if err == nil {
		out, err = r.RenderContext(ctx, doc)
	}
	if err != nil {
		pointer := ""
		if errors.Is(err, render.ErrIncompatibleLibrary) {
			pointer = "/templates"
		}
		d := doc.Diag(pointer, "step-render", name, partnership.ErrorArg{Err: err})
		snap.Diagnostics = append(snap.Diagnostics, d)
		snap.Errors++
		return snap
	}
	if len(out.Diagnostics) > 0 {
		snap.Diagnostics = append(snap.Diagnostics, out.Diagnostics...).Sorted()
		snap.Errors, snap.Warnings = snap.Diagnostics.Count()
	}
	page, err := typeset.HTML(out.Markdown)
	if err == nil {
		snap.Preview = s.previews.put(page)
	}
	return snap
}

func (s *Server) open(w http.ResponseWriter, r *http.Request) {
	name, lang := r.URL.Query().Get("name"), r.URL.Query().Get("lang")
	if err := checkLang(lang); err != nil {
		fail(w, err)
		return
	}
	data, err := s.ws.read(name)
	if err != nil {
		fail(w, err)
		return
	}
	snap := s.snapshotOf(r.Context(), name, data, lang, msgLang(r))
	snap.Digest = digest(data)
	writeJSON(w, http.StatusOK, snap)
}

// checkRequest asks for the snapshot of an edited text, after the form's ops.
type checkRequest struct {
	Name string `json:"name"`
	Text string `json:"text"`
	Ops  []Op   `json:"ops,omitempty"`
	// Lang is the language the document is shown in; empty for the definition's own.
	Lang string `json:"lang,omitempty"`
}

func (s *Server) check(w http.ResponseWriter, r *http.Request) {
	var req checkRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if err := s.ws.exists(req.Name); err != nil {
		fail(w, err)
		return
	}
	if err := checkLang(req.Lang); err != nil {
		fail(w, err)
		return
	}
	text := []byte(req.Text)
	if len(req.Ops) > 0 {
		edited, err := Edit(text, formatOf(req.Name), req.Ops)
		if err != nil {
			writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: err.Error()})
			return
		}
		text = edited
	}
	writeJSON(w, http.StatusOK, s.snapshotOf(r.Context(), req.Name, text, req.Lang, msgLang(r)))
}

type saveRequest struct {
	Name string `json:"name"`
	Text string `json:"text"`
	// Base is the digest of the file when the editor read it.
	Base string `json:"base"`
	// Overwrite replaces the file even when it changed on disk since.
	Overwrite bool `json:"overwrite"`
}

func (s *Server) save(w http.ResponseWriter, r *http.Request) {
	var req saveRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if int64(len(req.Text)) > partnership.DefaultLimits.MaxBytes {
		writeJSON(w, http.StatusRequestEntityTooLarge, apiError{Error: "the definition is larger than a definition may be"})
		return
	}
	disk, err := s.ws.read(req.Name)
	if err != nil {
		fail(w, err)
		return
	}
	if d := digest(disk); d != req.Base && !req.Overwrite {
		writeJSON(w, http.StatusConflict, map[string]any{
			"error":  "the file changed on disk since it was opened",
			"text":   string(disk),
			"digest": d,
		})
		return
	}
	if err := s.ws.write(req.Name, []byte(req.Text), false); err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"digest": digest([]byte(req.Text))})
}

type newRequest struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
	Lang string `json:"lang"`
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var req newRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	if !slices.Contains(partnership.Kinds, partnership.Kind(req.Kind)) {
		fail(w, fmt.Errorf("kind %q: choose charter, convention, call or application", req.Kind))
		return
	}
	if req.Lang != "fr" && req.Lang != "en" {
		fail(w, fmt.Errorf("language %q: choose fr or en", req.Lang))
		return
	}
	if formatOf(req.Name) == partnership.FormatJSON {
		fail(w, fmt.Errorf("%s: a new definition is written in YAML; name it .yaml", req.Name))
		return
	}
	if err := s.ws.write(req.Name, partnership.Scaffold(partnership.Kind(req.Kind), req.Lang), true); err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]string{"name": req.Name})
}

// valid loads the text of a request and refuses it while it has errors. It returns the
// renderer of the language the request asks for.
func (s *Server) valid(w http.ResponseWriter, req checkRequest) (*partnership.Document, *render.Renderer, bool) {
	if err := s.ws.exists(req.Name); err != nil {
		fail(w, err)
		return nil, nil, false
	}
	r, err := s.rendererFor(req.Lang)
	if err != nil {
		fail(w, err)
		return nil, nil, false
	}
	doc, diags := s.load(req.Name, []byte(req.Text))
	if doc == nil || diags.HasErrors() {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: "the definition has errors; correct them first", Diagnostics: diags})
		return nil, nil, false
	}
	return doc, r, true
}

type exportRequest struct {
	checkRequest
	Format string `json:"format"`
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	var req exportRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	f, ok := formatNamed(req.Format)
	if !ok {
		fail(w, fmt.Errorf("format %q is not one the editor offers", req.Format))
		return
	}
	doc, renderer, ok := s.valid(w, req.checkRequest)
	if !ok {
		return
	}
	out, err := renderer.RenderContext(r.Context(), doc)
	if err != nil {
		fail(w, fmt.Errorf("render %s: %w", req.Name, err))
		return
	}
	data, err := f.Typeset(r.Context(), out.Markdown, s.opts.PDF)
	if err != nil {
		fail(w, fmt.Errorf("typeset %s: %w", req.Name, err))
		return
	}
	// A document asked in a language is named as render --out-dir names the examples' own.
	base := strings.TrimSuffix(path.Base(req.Name), path.Ext(req.Name))
	if req.Lang != "" {
		base += "." + req.Lang
	}
	w.Header().Set("Content-Type", f.MIME)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": base + "." + f.Ext}))
	w.Write(data)
}

func (s *Server) score(w http.ResponseWriter, r *http.Request) {
	var req checkRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	doc, renderer, ok := s.valid(w, req)
	if !ok {
		return
	}
	var call *partnership.Definition
	if doc.Call != nil {
		call = doc.Call.Definition
	}
	res := score.Evaluate(doc.Definition, call)
	page, err := typeset.HTML(renderer.ScoreReport(doc, res, req.Lang))
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"preview": s.previews.put(page), "met": res.Met, "degree": res.Profile.Degree})
}

func (s *Server) redline(w http.ResponseWriter, r *http.Request) {
	var req checkRequest
	if err := decode(r, &req); err != nil {
		fail(w, err)
		return
	}
	doc, renderer, ok := s.valid(w, req)
	if !ok {
		return
	}
	p, _ := checkName(req.Name)
	old, err := partnership.ReadRevision(r.Context(), "HEAD", filepath.Join(s.ws.dir, p), partnership.DefaultLimits)
	if err != nil {
		writeJSON(w, http.StatusNotFound, apiError{Error: "no committed version to compare with: " + strings.ReplaceAll(err.Error(), s.ws.dir, ".")})
		return
	}
	oldDoc, diags := validate.Data("HEAD:"+req.Name, old, partnership.DefaultLimits, nil)
	if oldDoc == nil || diags.HasErrors() {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: "the committed version has errors and cannot be compared", Diagnostics: diags})
		return
	}
	before, err := renderer.RenderContext(r.Context(), oldDoc)
	if err == nil {
		var after *render.Document
		if after, err = renderer.RenderContext(r.Context(), doc); err == nil {
			var rl *redline.Redline
			if rl, err = redline.Compare(before, after); err == nil {
				var page []byte
				if page, err = typeset.HTML(rl.Markdown()); err == nil {
					writeJSON(w, http.StatusOK, map[string]any{"preview": s.previews.put(page), "summary": rl.Summary().String(), "identical": rl.Identical()})
					return
				}
			}
		}
	}
	fail(w, err)
}

// styleBlock finds the stylesheets of a rendered page, whose hashes its policy allows.
var styleBlock = lazyre.New(`(?s)<style>(.*?)</style>`)

func (s *Server) preview(w http.ResponseWriter, r *http.Request) {
	page, ok := s.previews.get(r.PathValue("id"))
	if !ok {
		http.NotFound(w, r)
		return
	}
	// The rendered page is the same bytes as render --format html, whose stylesheet is inline:
	// the policy allows exactly that stylesheet, by its hash, and nothing else.
	var hashes []string
	for _, m := range styleBlock().FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[1])
		hashes = append(hashes, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src "+strings.Join(hashes, " ")+"; img-src data:; frame-ancestors 'self'")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	io.Copy(w, bytes.NewReader(page))
}

// previews keeps the last rendered pages, named by their digest, for the editor's frame.
type previews struct {
	mu    sync.Mutex
	order []string
	pages map[string][]byte
}

const maxPreviews = 64

func (p *previews) put(page []byte) string {
	sum := sha256.Sum256(page)
	id := base64.RawURLEncoding.EncodeToString(sum[:18])
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.pages == nil {
		p.pages = map[string][]byte{}
	}
	if _, ok := p.pages[id]; ok {
		return id
	}
	p.pages[id] = page
	p.order = append(p.order, id)
	if len(p.order) > maxPreviews {
		delete(p.pages, p.order[0])
		p.order = p.order[1:]
	}
	return id
}

func (p *previews) get(id string) ([]byte, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	page, ok := p.pages[id]
	return page, ok
}
