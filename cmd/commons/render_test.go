package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestRenderCommand(t *testing.T) {
	repoRoot(t)
	dir := t.TempDir()
	park := "examples/pacte-parc-des-glycines.yaml"

	code, out, stderr := commons(t, "render", park)
	if code != 0 || !strings.HasPrefix(out, "---\n") || !strings.Contains(out, "## Article 1er – Objet {#object}") {
		t.Fatalf("render to stdout: exit %d, %s\n%.300s", code, stderr, out)
	}

	html := filepath.Join(dir, "parc.html")
	if code, _, stderr := commons(t, "render", "--format", "html", "--lang", "en", "-o", html, park); code != 0 {
		t.Fatalf("render html: exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(html)
	if err != nil || !strings.Contains(string(page), `<html lang="en">`) || !strings.Contains(string(page), `<h2 id="object">Article 1 – Purpose</h2>`) {
		t.Errorf("HTML page is not the English rendering:\n%.600s", page)
	}

	// A batch keeps going past an invalid definition, and fails at the end.
	out2 := filepath.Join(dir, "batch")
	code, _, stderr = commons(t, "render", "--out-dir", out2, park, "examples/invalid/bad-values.yaml", "examples/water-board.yaml")
	if code != 1 || !strings.Contains(stderr, "bad-values.yaml:3:10:") {
		t.Errorf("batch with an invalid definition: exit %d, stderr:\n%s", code, stderr)
	}
	for _, name := range []string{"pacte-parc-des-glycines.md", "water-board.md"} {
		if _, err := os.Stat(filepath.Join(out2, name)); err != nil {
			t.Errorf("batch did not write %s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out2, "bad-values.md")); err == nil {
		t.Error("an invalid definition was rendered")
	}

	// A file that is not a definition at all has no values to check for the PDF's characters:
	// it is reported, and the others are typeset.
	pdfs := filepath.Join(dir, "pdf")
	code, _, stderr = commons(t, "render", "--format", "pdf", "--out-dir", pdfs, "examples/invalid/syntax-json.json", "examples/water-board.yaml")
	if _, err := os.Stat(filepath.Join(pdfs, "water-board.pdf")); code != 1 || err != nil || !strings.Contains(stderr, "syntax-json.json:") {
		t.Errorf("PDF batch with a file that is not a definition: exit %d, %v, stderr:\n%s", code, err, stderr)
	}

	// A batch larger than the limit renders what fits and names the first file left out.
	limited := filepath.Join(dir, "limited")
	code, _, stderr = commons(t, "render", "--max-files", "2", "--out-dir", limited, "examples/")
	if entries, _ := os.ReadDir(limited); code != 1 || len(entries) != 2 || !strings.Contains(stderr, "more than the 2 allowed (--max-files)") {
		t.Errorf("batch limit: exit %d, %d files written, stderr:\n%s", code, len(entries), stderr)
	}

	for _, tt := range []struct {
		args []string
		msg  string
	}{
		{[]string{"render", park, "examples/water-board.yaml"}, "--out-dir"},
		{[]string{"render", "--format", "rtf", park}, "--format must be one of md, html"},
		{[]string{"render", "--templates", filepath.Join(dir, "nowhere"), park}, "house clauses"},
		{[]string{"render", "-o", "x.md", "--out-dir", dir, park}, "either -o or --out-dir"},
	} {
		if code, _, stderr := commons(t, tt.args...); code != 2 || !strings.Contains(stderr, tt.msg) {
			t.Errorf("%v: exit %d, want 2 and %q in:\n%s", tt.args, code, tt.msg, stderr)
		}
	}
}

func TestTemplatesCommands(t *testing.T) {
	repoRoot(t)
	code, out, _ := commons(t, "templates", "list")
	if code != 0 || !strings.Contains(out, "clause library ") || !regexp.MustCompile(`convention\s+fr\s+object\s+templates/convention/fr/object.md`).MatchString(out) {
		t.Errorf("templates list: exit %d\n%.500s", code, out)
	}
	if code, out, stderr := commons(t, "templates", "lint"); code != 0 {
		t.Errorf("the clause library does not lint (exit %d):\n%s%s", code, out, stderr)
	}
	house := t.TempDir()
	os.MkdirAll(filepath.Join(house, "charter", "en"), 0o755)
	os.WriteFile(filepath.Join(house, "charter", "en", "values.md"), []byte("{{define \"title\"}}Values{{end -}}\n{{with .Charter}}\n{{list .Valeurs}}\n{{end}}\n"), 0o644)
	code, out, _ = commons(t, "templates", "lint", house)
	if code != 1 || !strings.Contains(out, "charter/en/values.md:3:8: Charter has no field .Valeurs; did you mean .Values?") {
		t.Errorf("templates lint of a planted field: exit %d\n%s", code, out)
	}
}

// TestProducing checks the production of a document alongside its validation: its result
// reaches wait, abandon stops it, a panic reaches the caller of wait, and waitRendered returns
// once the document is rendered or the production has ended.
func TestProducing(t *testing.T) {
	t.Run("result", func(t *testing.T) {
		p := startProducing(context.Background(), func(context.Context, func()) produced { return produced{data: []byte("document"), pages: 3} })
		if got := p.wait(); string(got.data) != "document" || got.pages != 3 {
			t.Errorf("wait returned %q, %d pages", got.data, got.pages)
		}
	})
	t.Run("abandoned", func(t *testing.T) {
		started, stopped := make(chan struct{}), make(chan error, 1)
		p := startProducing(context.Background(), func(ctx context.Context, _ func()) produced {
			close(started)
			<-ctx.Done()
			stopped <- ctx.Err()
			return produced{}
		})
		<-started
		p.abandon()
		select {
		case err := <-stopped:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("the production's context ended with %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Fatal("abandon did not stop the production")
		}
	})
	t.Run("rendered", func(t *testing.T) {
		typeset := make(chan struct{})
		p := startProducing(context.Background(), func(_ context.Context, rendered func()) produced {
			rendered()
			<-typeset // the validation goes on while the document is typeset
			return produced{data: []byte("document")}
		})
		waitOrFail(t, p.waitRendered, "waitRendered did not return once the document was rendered")
		close(typeset)
		if got := p.wait(); string(got.data) != "document" {
			t.Errorf("wait returned %q", got.data)
		}
	})
	t.Run("ended before rendered", func(t *testing.T) {
		for _, produce := range []func(context.Context, func()) produced{
			func(context.Context, func()) produced { return produced{err: errors.New("no clause library")} },
			func(context.Context, func()) produced { panic("a clause failed") },
		} {
			p := startProducing(context.Background(), produce)
			waitOrFail(t, p.waitRendered, "waitRendered did not return when the production ended without rendering")
			p.abandon()
		}
	})
	t.Run("none", func(t *testing.T) {
		var p *producing
		p.abandon() // a definition that could not be produced ahead
	})
	t.Run("panic", func(t *testing.T) {
		p := startProducing(context.Background(), func(context.Context, func()) produced {
			var clauses map[string]int
			clauses["preamble"]++ // a runtime error
			return produced{}
		})
		defer func() {
			err, _ := recover().(error)
			var runtimeErr runtime.Error
			if !errors.As(err, &runtimeErr) || !strings.Contains(err.Error(), "startProducing") {
				t.Errorf("wait panicked with %v, want the runtime error and the stack where it happened", err)
			}
		}()
		p.wait()
		t.Error("wait returned after the production panicked")
	})
}

// waitOrFail calls wait, and fails the test if it has not returned within 30 seconds.
func waitOrFail(t *testing.T, wait func(), message string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal(message)
	}
}
