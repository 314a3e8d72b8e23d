package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

const testAddr = "127.0.0.1:8080"

// copyExamples writes examples into dir.
func copyExamples(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, f := range names {
		data, err := os.ReadFile(filepath.Join("..", "..", "examples", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newTestServer serves a copy of some examples from a directory that lies inside another, so
// that the tests can check nothing is ever written beside it.
func newTestServer(t *testing.T, examples ...string) (*Server, string) {
	t.Helper()
	outside := t.TempDir()
	dir := filepath.Join(outside, "workspace")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	copyExamples(t, dir, examples...)
	s, err := New(dir, Options{Addr: testAddr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

// request sends a request as the editor's own page does, unless the headers say otherwise.
func request(s *Server, method, target string, body any, headers map[string]string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != nil {
		data, _ := json.Marshal(body)
		r = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, "http://"+testAddr+target, r)
	if method == http.MethodPost {
		req.Header.Set("Origin", "http://"+testAddr)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
		} else if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	return w
}

func TestForeignHostIsRefused(t *testing.T) {
	s, _ := newTestServer(t, "water-board.yaml")
	for _, tt := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:8080", http.StatusOK},
		{"localhost:8080", http.StatusOK},
		{"LOCALHOST:8080", http.StatusOK},
		{"attacker.example", http.StatusMisdirectedRequest},
		{"attacker.example:8080", http.StatusMisdirectedRequest},
		{"127.0.0.1:9090", http.StatusMisdirectedRequest},
		{"127.0.0.1", http.StatusMisdirectedRequest},
	} {
		t.Run(tt.host, func(t *testing.T) {
			for _, target := range []string{"/", "/api/workspace", "/api/file?name=water-board.yaml"} {
				w := request(s, http.MethodGet, target, nil, map[string]string{"Host": tt.host})
				if w.Code != tt.want {
					t.Errorf("GET %s with Host %s: %d, want %d", target, tt.host, w.Code, tt.want)
				}
				if tt.want != http.StatusOK && strings.Contains(w.Body.String(), "Water") {
					t.Errorf("GET %s with Host %s leaks the definition", target, tt.host)
				}
			}
		})
	}
}

func TestProxyHostIsAccepted(t *testing.T) {
	s, err := New(t.TempDir(), Options{Addr: testAddr, Hosts: []string{"communs.example.org"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w := request(s, http.MethodGet, "/api/workspace", nil, map[string]string{"Host": "communs.example.org"})
	if w.Code != http.StatusOK {
		t.Errorf("the proxy's host: %d", w.Code)
	}
	w = request(s, http.MethodPost, "/api/new", newRequest{Name: "a.yaml", Kind: "charter", Lang: "fr"},
		map[string]string{"Host": "communs.example.org", "Origin": "https://communs.example.org"})
	if w.Code != http.StatusCreated {
		t.Errorf("a change through the proxy: %d %s", w.Code, w.Body)
	}
}

func TestForeignOriginIsRefused(t *testing.T) {
	s, dir := newTestServer(t, "water-board.yaml")
	before, _ := os.ReadFile(filepath.Join(dir, "water-board.yaml"))
	save := saveRequest{Name: "water-board.yaml", Text: "kind: charter\n", Base: digest(before)}
	for _, tt := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"another site", map[string]string{"Origin": "http://attacker.example"}, http.StatusForbidden},
		{"another port", map[string]string{"Origin": "http://127.0.0.1:9090"}, http.StatusForbidden},
		{"the null origin of a sandboxed page", map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"no origin", map[string]string{"Origin": ""}, http.StatusForbidden},
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"a form post", map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType},
		{"a text post", map[string]string{"Content-Type": "text/plain"}, http.StatusUnsupportedMediaType},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := request(s, http.MethodPost, "/api/save", save, tt.headers)
			if w.Code != tt.want {
				t.Errorf("%d, want %d: %s", w.Code, tt.want, w.Body)
			}
		})
	}
	after, _ := os.ReadFile(filepath.Join(dir, "water-board.yaml"))
	if !bytes.Equal(before, after) {
		t.Fatal("a refused request changed the file")
	}
	if w := request(s, http.MethodPost, "/api/save", save, nil); w.Code != http.StatusOK {
		t.Errorf("the page's own save: %d %s", w.Code, w.Body)
	}
}

// snapshotFiles records every file below dir with its content.
func snapshotFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			files[p] = "-> " + target
		} else if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[p] = string(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestPathsOutsideTheWorkspaceAreRefused(t *testing.T) {
	s, dir := newTestServer(t, "water-board.yaml")
	outside := filepath.Dir(dir)
	secret := filepath.Join(outside, "secret.yaml")
	if err := os.WriteFile(secret, []byte("kind: charter\ntitle: Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"link-out.yaml": secret, "dir-out": outside} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range map[string]string{"notes.txt": "kind: charter\n", ".hidden.yaml": "kind: charter\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	before := snapshotFiles(t, outside)
	for _, name := range []string{
		"../secret.yaml",
		"sub/../../secret.yaml",
		"./../secret.yaml",
		secret,
		"/etc/passwd.yaml",
		`..\secret.yaml`,
		"C:/secret.yaml",
		"link-out.yaml",
		"dir-out/secret.yaml",
		"notes.txt",
		".hidden.yaml",
		"water-board.yaml/..",
		"",
		"water-board.yaml\x00.txt",
	} {
		t.Run(name, func(t *testing.T) {
			q := "/api/file?name=" + url.QueryEscape(name)
			if w := request(s, http.MethodGet, q, nil, nil); w.Code == http.StatusOK || strings.Contains(w.Body.String(), "Secret") {
				t.Errorf("read: %d %s", w.Code, w.Body)
			}
			w := request(s, http.MethodPost, "/api/save", saveRequest{Name: name, Text: "kind: charter\n", Overwrite: true}, nil)
			if w.Code == http.StatusOK {
				t.Errorf("save: %d %s", w.Code, w.Body)
			}
			w = request(s, http.MethodPost, "/api/new", newRequest{Name: name, Kind: "charter", Lang: "fr"}, nil)
			if w.Code == http.StatusCreated {
				t.Errorf("new: %d %s", w.Code, w.Body)
			}
			w = request(s, http.MethodPost, "/api/check", checkRequest{Name: name, Text: "kind: application\napplication:\n  call:\n    file: ../secret.yaml\n"}, nil)
			if w.Code == http.StatusOK {
				t.Errorf("check: %d %s", w.Code, w.Body)
			}
		})
	}
	// An application inside the workspace may not read a call outside it either.
	w := request(s, http.MethodPost, "/api/check", checkRequest{Name: "water-board.yaml", Text: "kind: application\nlang: fr\napplication:\n  call:\n    file: ../secret.yaml\n"}, nil)
	if w.Code != http.StatusOK || strings.Contains(w.Body.String(), "Secret") || !strings.Contains(w.Body.String(), "leads outside the workspace") {
		t.Errorf("a call outside the workspace: %d %s", w.Code, w.Body)
	}
	if after := snapshotFiles(t, outside); len(after) != len(before) {
		t.Errorf("files changed: before %d, after %d", len(before), len(after))
	} else {
		for p, c := range before {
			if after[p] != c {
				t.Errorf("%s changed", p)
			}
		}
	}
	// The workspace page lists definitions only, never the symbolic link out.
	w = request(s, http.MethodGet, "/api/workspace", nil, nil)
	if strings.Contains(w.Body.String(), "link-out") || strings.Contains(w.Body.String(), "notes.txt") || strings.Contains(w.Body.String(), "hidden") {
		t.Errorf("the workspace lists %s", w.Body)
	}
}

// countingReader is a body of n bytes that counts what the server reads of it.
type countingReader struct {
	n, read int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.read >= c.n {
		return 0, io.EOF
	}
	k := min(int64(len(p)), c.n-c.read)
	for i := range p[:k] {
		p[i] = ' '
	}
	c.read += k
	return int(k), nil
}

func TestLargeBodyIsRefusedEarly(t *testing.T) {
	s, _ := newTestServer(t, "water-board.yaml")
	const size = 100 << 20
	for _, declared := range []bool{true, false} {
		body := &countingReader{n: size}
		req := httptest.NewRequest(http.MethodPost, "http://"+testAddr+"/api/check", body)
		req.Header.Set("Origin", "http://"+testAddr)
		req.Header.Set("Content-Type", "application/json")
		req.ContentLength = -1 // sent in chunks, without a length
		if declared {
			req.ContentLength = size
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("declared %v: %d, want 413", declared, w.Code)
		}
		if body.read > maxBody+64<<10 {
			t.Errorf("declared %v: the server read %d bytes of a 100 MB body", declared, body.read)
		}
		if declared && body.read != 0 {
			t.Errorf("a body whose length says it is too large was read (%d bytes)", body.read)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	s, _ := newTestServer(t, "pacte-parc-des-glycines.yaml")
	for _, target := range []string{"/", "/edit?name=pacte-parc-des-glycines.yaml", "/assets/editor.js", "/api/workspace"} {
		w := request(s, http.MethodGet, target, nil, nil)
		csp := w.Header().Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: the policy %q lacks %q", target, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe") || strings.Contains(csp, "http") {
			t.Errorf("%s: the policy allows too much: %q", target, csp)
		}
		if w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", target)
		}
	}
	var snap snapshot
	w := request(s, http.MethodGet, "/api/file?name=pacte-parc-des-glycines.yaml", nil, nil)
	if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil || snap.Preview == "" {
		t.Fatalf("no preview: %v %s", err, w.Body)
	}
	w = request(s, http.MethodGet, "/preview/"+snap.Preview, nil, nil)
	style := regexp.MustCompile(`(?s)<style>(.*?)</style>`).FindSubmatch(w.Body.Bytes())
	if style == nil {
		t.Fatal("the preview has no stylesheet")
	}
	sum := sha256.Sum256(style[1])
	want := "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, want) || strings.Contains(csp, "script") || !strings.HasPrefix(csp, "default-src 'none'") {
		t.Errorf("the preview's policy %q does not allow exactly its own stylesheet", csp)
	}
}

// TestEverythingIsServedFromTheBinary checks that the pages load nothing from elsewhere: every
// script and stylesheet they name is embedded, and no asset names another site.
func TestEverythingIsServedFromTheBinary(t *testing.T) {
	s, _ := newTestServer(t)
	ref := regexp.MustCompile(`(?:src|href)="([^"#]+)"|from "([^"]+)"|import\("([^"]+)"\)`)
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := assets.ReadFile(p)
		if regexp.MustCompile(`(?i)\b(https?:)?//[a-z0-9.-]+\.[a-z]{2,}`).Match(data) {
			t.Errorf("%s names another site", p)
		}
		for _, m := range ref.FindAllSubmatch(data, -1) {
			target := string(bytes.Join(m[1:], nil))
			if target == "/" || strings.HasPrefix(target, "/edit") {
				continue
			}
			if w := request(s, http.MethodGet, target, nil, nil); w.Code != http.StatusOK {
				t.Errorf("%s loads %s: %d", p, target, w.Code)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if w := request(s, http.MethodGet, "/assets/editor.js", nil, nil); w.Header().Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("scripts are served as %q", w.Header().Get("Content-Type"))
	}
	for _, target := range []string{"/assets/", "/assets/../server.go", "/assets/nothing.js"} {
		if w := request(s, http.MethodGet, target, nil, nil); w.Code == http.StatusOK {
			t.Errorf("%s: %d", target, w.Code)
		}
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "127.1.2.3:80": true, "[::1]:8080": true, "localhost:8080": true,
		"0.0.0.0:8080": false, ":8080": false, "[::]:8080": false, "192.168.1.10:8080": false, "example.org:80": false,
	} {
		if got := IsLoopback(addr); got != want {
			t.Errorf("IsLoopback(%q) = %v", addr, got)
		}
	}
}

func TestSaveDetectsAChangeOnDisk(t *testing.T) {
	s, dir := newTestServer(t, "pacte-parc-des-glycines.yaml")
	const name = "pacte-parc-des-glycines.yaml"
	var snap snapshot
	w := request(s, http.MethodGet, "/api/file?name="+name, nil, nil)
	if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil {
		t.Fatal(err)
	}
	// The form changes one field; the server edits the text.
	w = request(s, http.MethodPost, "/api/check", checkRequest{Name: name, Text: snap.Text, Ops: []Op{{Op: "set", Path: "/place", Value: raw("Valmont-le-Haut")}}}, nil)
	var edited snapshot
	if err := json.Unmarshal(w.Body.Bytes(), &edited); err != nil || w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if changes := changedLines([]byte(snap.Text), []byte(edited.Text)); len(changes) != 2 {
		t.Errorf("one field changed %d lines: %q", len(changes), changes)
	}
	// Meanwhile someone else changes the file.
	theirs := strings.Replace(snap.Text, "Glycines", "Tilleuls", 1)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(theirs), 0o644); err != nil {
		t.Fatal(err)
	}
	w = request(s, http.MethodPost, "/api/save", saveRequest{Name: name, Text: edited.Text, Base: snap.Digest}, nil)
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "Tilleuls") {
		t.Fatalf("a file changed on disk: %d %s", w.Code, w.Body)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, name)); string(data) != theirs {
		t.Fatal("the other change was overwritten silently")
	}
	w = request(s, http.MethodPost, "/api/save", saveRequest{Name: name, Text: edited.Text, Base: snap.Digest, Overwrite: true}, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("overwrite: %d %s", w.Code, w.Body)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, name)); string(data) != edited.Text {
		t.Fatal("the overwrite did not write the text")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestNewDefinitionIsTheStarter(t *testing.T) {
	s, dir := newTestServer(t, "water-board.yaml")
	for _, k := range partnership.Kinds {
		name := "new-" + string(k) + ".yaml"
		w := request(s, http.MethodPost, "/api/new", newRequest{Name: name, Kind: string(k), Lang: "en"}, nil)
		if w.Code != http.StatusCreated {
			t.Fatalf("%s: %d %s", k, w.Code, w.Body)
		}
		data, _ := os.ReadFile(filepath.Join(dir, name))
		if !bytes.Equal(data, partnership.Scaffold(k, "en")) {
			t.Errorf("%s: not the starter of commons init", k)
		}
	}
	w := request(s, http.MethodPost, "/api/new", newRequest{Name: "water-board.yaml", Kind: "charter", Lang: "fr"}, nil)
	if w.Code == http.StatusCreated {
		t.Error("an existing file was replaced by a starter")
	}
	for _, bad := range []newRequest{{Name: "x.yaml", Kind: "contract", Lang: "fr"}, {Name: "x.yaml", Kind: "charter", Lang: "de"}, {Name: "x.json", Kind: "charter", Lang: "fr"}} {
		if w := request(s, http.MethodPost, "/api/new", bad, nil); w.Code == http.StatusCreated {
			t.Errorf("%+v was created", bad)
		}
	}
}

func TestDownloads(t *testing.T) {
	s, _ := newTestServer(t, "pacte-parc-des-glycines.yaml")
	text, _ := os.ReadFile(filepath.Join("..", "..", "examples", "pacte-parc-des-glycines.yaml"))
	rendered, _ := os.ReadFile(filepath.Join("..", "..", "examples", "pacte-parc-des-glycines.fr.html"))
	starts := map[string]string{"md": "---\n", "html": "<!DOCTYPE html>", "pdf": "%PDF-", "docx": "PK\x03\x04", "odt": "PK\x03\x04"}
	for _, f := range Formats {
		w := request(s, http.MethodPost, "/api/export", exportRequest{checkRequest{Name: "pacte-parc-des-glycines.yaml", Text: string(text)}, f.Name}, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", f.Name, w.Code, w.Body)
		}
		if want, ok := starts[f.Name]; ok && !strings.HasPrefix(w.Body.String(), want) {
			t.Errorf("%s starts with %q", f.Name, w.Body.String()[:min(20, w.Body.Len())])
		}
		if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename=pacte-parc-des-glycines.`+f.Ext {
			t.Errorf("%s: Content-Disposition %q", f.Name, cd)
		}
		if f.Name == "html" && !bytes.Equal(w.Body.Bytes(), rendered) {
			t.Error("the HTML download differs from render --format html")
		}
	}
	w := request(s, http.MethodPost, "/api/export", exportRequest{checkRequest{Name: "pacte-parc-des-glycines.yaml", Text: "kind: convention\n"}, "pdf"}, nil)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "diagnostics") {
		t.Errorf("an invalid definition: %d %s", w.Code, w.Body)
	}
}

func TestPreviewIsTheRenderedPage(t *testing.T) {
	s, _ := newTestServer(t, "water-board.yaml")
	var snap snapshot
	w := request(s, http.MethodGet, "/api/file?name=water-board.yaml", nil, nil)
	if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join("..", "..", "examples", "water-board.en.html"))
	w = request(s, http.MethodGet, "/preview/"+snap.Preview, nil, nil)
	if !bytes.Equal(w.Body.Bytes(), want) {
		t.Error("the preview is not the page render --format html writes")
	}
	if snap.Kind != "convention" || snap.Lang != "en" || !snap.Scored || snap.Errors != 0 {
		t.Errorf("snapshot: %+v", snap)
	}
}

func TestScoreAndRedline(t *testing.T) {
	s, dir := newTestServer(t, "pacte-tiers-lieu-la-fabrique.yaml")
	const name = "pacte-tiers-lieu-la-fabrique.yaml"
	text, _ := os.ReadFile(filepath.Join(dir, name))
	w := request(s, http.MethodPost, "/api/score", checkRequest{Name: name, Text: string(text)}, nil)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"degree"`) {
		t.Fatalf("score: %d %s", w.Code, w.Body)
	}
	w = request(s, http.MethodPost, "/api/redline", checkRequest{Name: name, Text: string(text)}, nil)
	if w.Code != http.StatusNotFound {
		t.Errorf("a redline outside git: %d %s", w.Code, w.Body)
	}
	git(t, dir, "init", "-q")
	git(t, dir, "add", name)
	git(t, dir, "commit", "-q", "-m", "v1")
	s2, err := New(dir, Options{Addr: testAddr})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	edited, err := Edit(text, partnership.FormatYAML, []Op{{Op: "set", Path: "/title", Value: raw("Pacte pour le tiers-lieu de la Fabrique")}})
	if err != nil {
		t.Fatal(err)
	}
	w = request(s2, http.MethodPost, "/api/redline", checkRequest{Name: name, Text: string(edited)}, nil)
	var out struct {
		Preview, Summary string
		Identical        bool
	}
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || w.Code != http.StatusOK || out.Identical || out.Summary == "" {
		t.Fatalf("redline: %d %s", w.Code, w.Body)
	}
	page := request(s2, http.MethodGet, "/preview/"+out.Preview, nil, nil).Body.String()
	if !strings.Contains(page, "<ins>") || !strings.Contains(page, "<del>") {
		t.Error("the redline page marks no change")
	}
}

// TestFormSchemaSpeaksBothLanguages checks the schema the form is built from: every node with a
// title carries its texts in each language of the interface, as the library reads them, and
// nothing else speaks another language.
func TestFormSchemaSpeaksBothLanguages(t *testing.T) {
	s, _ := newTestServer(t)
	w := request(s, http.MethodGet, "/api/schema", nil, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if strings.Contains(w.Body.String(), `"x-fr"`) || strings.Contains(w.Body.String(), `"x-en"`) {
		t.Error("the form's schema still has x-fr or x-en texts")
	}
	var root map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	titled := 0
	var walk func(v any, at string)
	walk = func(v any, at string) {
		switch x := v.(type) {
		case map[string]any:
			if _, ok := x["title"].(string); ok && !strings.Contains(at, "/examples") {
				titled++
				texts, _ := x["x-text"].(map[string]any)
				for _, lang := range []string{"fr", "en"} {
					text, _ := texts[lang].(map[string]any)
					if text == nil || text["title"] == "" || text["lang"] != lang {
						t.Errorf("%s: no title written in %s: %v", at, lang, texts[lang])
					}
				}
			}
			for k, c := range x {
				if k != "x-text" {
					walk(c, at+"/"+k)
				}
			}
		case []any:
			for i, c := range x {
				walk(c, fmt.Sprintf("%s/%d", at, i))
			}
		}
	}
	walk(root, "")
	if titled < 300 {
		t.Errorf("%d titled nodes", titled)
	}
	// The texts are those of the library, example included.
	props := root["properties"].(map[string]any)
	title := props["title"].(map[string]any)["x-text"].(map[string]any)
	lib := partnership.Schema().At("/title")
	for _, lang := range []string{"fr", "en"} {
		got := title[lang].(map[string]any)
		want := lib.In(lang)
		if got["title"] != want.Title || got["description"] != want.Description || fmt.Sprint(got["examples"]) != fmt.Sprint(want.Examples) {
			t.Errorf("the title's texts in %s: %v, want %+v", lang, got, want)
		}
	}
	if ex := title["en"].(map[string]any)["examples"].([]any); ex[0] != "Collaboration pact for the Elm Street community garden" {
		t.Errorf("the English example of the title: %v", ex)
	}
}

// TestDocumentInAnotherLanguage shows a French pact in English: the preview is the page render
// --lang en writes, the warning of the texts left in French comes with it, and the downloads
// follow.
func TestDocumentInAnotherLanguage(t *testing.T) {
	const name = "pacte-parc-des-glycines.yaml"
	s, _ := newTestServer(t, name)
	text, _ := os.ReadFile(filepath.Join("..", "..", "examples", name))
	want, _ := os.ReadFile(filepath.Join("..", "..", "examples", "pacte-parc-des-glycines.en.html"))
	var snap snapshot
	w := request(s, http.MethodGet, "/api/file?name="+name+"&lang=en", nil, nil)
	if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil || w.Code != http.StatusOK {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	if page := request(s, http.MethodGet, "/preview/"+snap.Preview, nil, nil).Body.Bytes(); !bytes.Equal(page, want) {
		t.Error("the English preview is not the page render --lang en --format html writes")
	}
	if snap.Lang != "fr" || snap.Errors != 0 || snap.Warnings == 0 || snap.Diagnostics[0].Pointer != "/lang" {
		t.Errorf("the English snapshot of a French pact: %d errors, diagnostics %v", snap.Errors, snap.Diagnostics)
	}
	w = request(s, http.MethodPost, "/api/check", checkRequest{Name: name, Text: string(text), Lang: "en"}, nil)
	if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil || w.Code != http.StatusOK || snap.Preview == "" {
		t.Fatalf("check in English: %d %s", w.Code, w.Body)
	}
	w = request(s, http.MethodPost, "/api/export", exportRequest{checkRequest{Name: name, Text: string(text), Lang: "en"}, "html"}, nil)
	if !bytes.Equal(w.Body.Bytes(), want) || w.Header().Get("Content-Disposition") != "attachment; filename=pacte-parc-des-glycines.en.html" {
		t.Errorf("the English download: %d %s", w.Code, w.Header().Get("Content-Disposition"))
	}
	german := checkRequest{Name: name, Text: string(text), Lang: "de"}
	for target, body := range map[string]any{"/api/check": german, "/api/score": german, "/api/export": exportRequest{german, "md"}} {
		if w := request(s, http.MethodPost, target, body, nil); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `language \"de\"`) {
			t.Errorf("%s in German: %d %s", target, w.Code, w.Body)
		}
	}
}

// TestSaveKeepsTheModeOfTheFile checks that saving replaces a definition without widening or
// narrowing who may read it: a file kept private stays private.
func TestSaveKeepsTheModeOfTheFile(t *testing.T) {
	s, dir := newTestServer(t, "pacte-parc-des-glycines.yaml")
	const name = "pacte-parc-des-glycines.yaml"
	path := filepath.Join(dir, name)
	for _, mode := range []os.FileMode{0o600, 0o640, 0o664} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		var snap snapshot
		w := request(s, http.MethodGet, "/api/file?name="+name, nil, nil)
		if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(snap.Text, "place: Valmont", "place: Valmont-le-Haut", 1)
		if text == snap.Text {
			text = strings.Replace(snap.Text, "place: Valmont-le-Haut", "place: Valmont", 1)
		}
		w = request(s, http.MethodPost, "/api/save", saveRequest{Name: name, Text: text, Base: snap.Digest}, nil)
		if w.Code != http.StatusOK {
			t.Fatalf("save: %d %s", w.Code, w.Body)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != mode {
			t.Errorf("a file of mode %v was saved with mode %v", mode, st.Mode().Perm())
		}
	}
}

// TestDiagnosticsInTheInterfaceLanguage checks that the editor writes diagnostics in the
// language of its interface, which the page chooses and sends with each request, whatever the
// definition's language; for a request without it, in the first of the browser's languages that
// messages are written in.
func TestDiagnosticsInTheInterfaceLanguage(t *testing.T) {
	const name = "pacte-parc-des-glycines.yaml"
	s, _ := newTestServer(t, name)
	data, _ := os.ReadFile(filepath.Join("..", "..", "examples", name))
	french := strings.Replace(string(data), "\nid: ", "\nnot_a_key: 1\nid: ", 1)
	german := strings.Replace(french, "\nlang: fr", "\nlang: de", 1)
	tests := []struct {
		name, text, page, accept, want string
	}{
		{"a French definition in a French page", french, "fr", "en-GB,en;q=0.9", "fr"},
		{"a French definition in an English page", french, "en", "fr-FR,fr;q=0.9", "en"},
		{"a page in an unknown language", german, "de", "fr-CH, fr;q=0.9", "fr"},
		{"a French definition, no page", french, "", "en-GB,en;q=0.9", "en"},
		{"an English browser", german, "", "de-DE, en-GB;q=0.8, fr;q=0.5", "en"},
		{"a French browser", german, "", "fr-CH, fr;q=0.9, en;q=0.8", "fr"},
		{"no preference", german, "", "", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := validate.Data(name, []byte(tt.text), partnership.DefaultLimits, nil)
			if len(diags) == 0 {
				t.Fatal("the definition has no diagnostic to show")
			}
			w := request(s, http.MethodPost, "/api/check", checkRequest{Name: name, Text: tt.text}, map[string]string{"Accept-Language": tt.accept, langHeader: tt.page})
			var snap snapshot
			if err := json.Unmarshal(w.Body.Bytes(), &snap); err != nil || w.Code != http.StatusOK {
				t.Fatalf("%d %s", w.Code, w.Body)
			}
			want, other := diags.In(tt.want), diags.In(map[string]string{"fr": "en", "en": "fr"}[tt.want])
			if len(snap.Diagnostics) != len(want) {
				t.Fatalf("diagnostics %v, want %v", snap.Diagnostics, want)
			}
			for i, d := range snap.Diagnostics {
				if d.Message != want[i].Message {
					t.Errorf("message %q, want %q", d.Message, want[i].Message)
				}
				if d.Message == other[i].Message {
					t.Errorf("message %q is the same in both languages", d.Message)
				}
			}
		})
	}
}
