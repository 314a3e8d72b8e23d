package render_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
)

// houseClause writes a directory of house clauses that replaces the amendment clause of a
// convention with text, and returns it.
func houseClause(t *testing.T, text string) string {
	t.Helper()
	return houseDir(t, map[string]string{"amendment.md": "{{define \"title\"}}Avenants{{end -}}\n" + text + "\n"})
}

// TestTemplateLimits runs the reproductions of the issue "clause templates without limits":
// a loop that never ends, a loop that writes without end, a text doubled until it fills memory,
// a printf that allocates gigabytes, a clause that calls itself. Each stops, within its limits,
// with a message that names the clause.
func TestTemplateLimits(t *testing.T) {
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	// Each limit is tested with the other out of reach, so that a slow machine (or the race
	// detector) cannot make one stop a clause before the other. The time limit is far above what
	// the whole document takes here and now, so that only the looping clause can reach it.
	timeLimit := render.TemplateLimits{Time: timeAboveRender(t, doc), Output: 1 << 30}
	timeMessage := fmt.Sprintf("ran for more than %v", timeLimit.Time)
	outputLimit := render.TemplateLimits{Time: time.Hour, Output: 64 << 10}
	tests := []struct {
		name, clause string
		// limit is true when a limit of execution stops the clause (a *render.LimitError).
		limit   bool
		message string
		limits  render.TemplateLimits
	}{
		{"a loop over a trillion", "{{range 1000000000000}}{{end}}", true, timeMessage, timeLimit},
		{"a loop over a computed number", "{{range (add 1000000000000 1)}}{{end}}", true, timeMessage, timeLimit},
		{"a loop that writes", "{{range 100000000000}}x{{end}}", true, "larger than 64 KiB of Markdown", outputLimit},
		{"nested loops over the parties", "{{range $.Parties}}{{range $.Parties}}{{range 1000000000}}{{$.Title}}{{end}}{{end}}{{end}}", true, "larger than 64 KiB of Markdown", outputLimit},
		{"a text doubled in a loop", `{{$s := "x"}}{{range 100}}{{$s = printf "%s%s" $s $s}}{{end}}{{$s}}`, false, "more than the 65536 a clause may build", outputLimit},
		{"a wide printf", `{{printf "%0999999999d" 1}}`, false, "at most three digits", outputLimit},
		{"a width from an argument", `{{printf "%*d" 999999999 1}}`, false, "taken from an argument", outputLimit},
		{"print of a long text", `{{$s := printf "%999s" "x"}}{{print $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s $s}}`, false, "more than the 65536 a clause may build", outputLimit},
		{"a clause that calls itself", `{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}`, false, `template "a" calls itself (a → a)`, outputLimit},
		{"two templates that call each other", `{{define "a"}}{{template "b" .}}{{end}}{{define "b"}}{{template "a" .}}{{end}}{{template "a" .}}`, false, "calls itself (a → b → a)", outputLimit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := render.New(render.WithHouseClauses(houseClause(t, tt.clause)), render.WithTemplateLimits(tt.limits))
			if err != nil {
				t.Fatal(err)
			}
			var before runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err = r.Render(doc)
			elapsed := time.Since(start)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tt.message) {
				t.Fatalf("error %v, want one saying %q", err, tt.message)
			}
			var le *render.LimitError
			if errors.As(err, &le) != tt.limit {
				t.Errorf("error %v: limit error %v, want %v", err, errors.As(err, &le), tt.limit)
			}
			if tt.limit && le.Clause != "amendment" {
				t.Errorf("the error names clause %q, want amendment", le.Clause)
			}
			// Generous bounds: the point is that the render stops, not how fast.
			bound := 20 * time.Second
			if tt.limits.Time < time.Hour {
				bound += tt.limits.Time
			}
			if elapsed > bound {
				t.Errorf("the render took %v", elapsed)
			}
			if grown := after.TotalAlloc - before.TotalAlloc; grown > 200<<20 {
				t.Errorf("the render allocated %d MB", grown>>20)
			}
		})
	}
}

// timeAboveRender returns a time limit twenty times what rendering doc takes at the slowest of
// three runs, and at least 300 ms.
func timeAboveRender(t *testing.T, doc *partnership.Document) time.Duration {
	t.Helper()
	r, err := render.New()
	if err != nil {
		t.Fatal(err)
	}
	var slowest time.Duration
	for range 3 {
		start := time.Now()
		if _, err := r.Render(doc); err != nil {
			t.Fatal(err)
		}
		slowest = max(slowest, time.Since(start))
	}
	return max(300*time.Millisecond, (20 * slowest).Round(100*time.Millisecond))
}

// TestRenderContextStops cancels a render that loops for ever: it stops at once with the
// context's error, long before the time limit.
func TestRenderContextStops(t *testing.T) {
	r, err := render.New(render.WithHouseClauses(houseClause(t, "{{range 1000000000000}}{{end}}")),
		render.WithTemplateLimits(render.TemplateLimits{Time: time.Hour, Output: 1 << 20}))
	if err != nil {
		t.Fatal(err)
	}
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	done := make(chan error, 1)
	go func() { _, err := r.RenderContext(ctx, doc); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the render did not stop when its context was cancelled")
	}
}

// TestLintFindsLoopsAndRecursion: templates lint flags a range over a constant and a template
// that calls itself, at their positions.
func TestLintFindsLoopsAndRecursion(t *testing.T) {
	dir := houseClause(t, "Texte.\n{{range 1000000000000}}{{end}}\n{{define \"a\"}}{{template \"b\" .}}{{end}}{{define \"b\"}}{{template \"a\" .}}{{end}}")
	lib, err := render.LoadLibrary(os.DirFS("../../templates"), "templates", render.Override{FS: os.DirFS(dir), Name: "house"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range render.Lint(lib) {
		got = append(got, d.String())
	}
	want := []string{
		`house/convention/fr/amendment.md:3:8: range over the constant 1000000000000; a clause loops over the lists of the definition, and a loop over a large number never finishes`,
		`house/convention/fr/amendment.md:4:64: template "a" calls itself (a → b → a); a clause may not recurse, it would never finish`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("lint says\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHouseDirectoryStaysInside runs the reproduction of the issue: a clause of a house
// directory that is a symbolic link to a file outside it put that file in the document, and lint
// found no problem. The directory is now refused, as is a link to a directory outside; a link
// that stays inside is followed.
func TestHouseDirectoryStaysInside(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "passwd")
	if err := os.WriteFile(secret, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	t.Run("a link to a file outside", func(t *testing.T) {
		dir := houseClause(t, "Texte.")
		clause := filepath.Join(dir, "convention", "fr", "amendment.md")
		os.Remove(clause)
		if err := os.Symlink(secret, clause); err != nil {
			t.Skip("symbolic links are not available:", err)
		}
		_, err := render.New(render.WithHouseClauses(dir))
		if err == nil || !strings.Contains(err.Error(), "symbolic link that leads outside the directory of house clauses") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("a link to a directory outside", func(t *testing.T) {
		dir := t.TempDir()
		outside := houseClause(t, "root:x:0:0")
		if err := os.Symlink(filepath.Join(outside, "convention"), filepath.Join(dir, "convention")); err != nil {
			t.Skip("symbolic links are not available:", err)
		}
		if _, err := render.New(render.WithHouseClauses(dir)); err == nil || !strings.Contains(err.Error(), "leads outside") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("a link inside", func(t *testing.T) {
		dir := houseClause(t, "Toute modification fait l’objet d’un avenant.")
		clause := filepath.Join(dir, "convention", "fr", "amendment.md")
		if err := os.Rename(clause, filepath.Join(dir, "avenant.md")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join("..", "..", "avenant.md"), clause); err != nil {
			t.Skip("symbolic links are not available:", err)
		}
		out := mustRender(t, doc, render.WithHouseClauses(dir))
		if !strings.Contains(string(out.Markdown), "Toute modification fait l’objet d’un avenant.") {
			t.Error("the clause behind the link is not rendered")
		}
	})
	t.Run("a file too large", func(t *testing.T) {
		dir := houseClause(t, strings.Repeat("Texte. ", 200_000))
		if _, err := render.New(render.WithHouseClauses(dir)); err == nil || !strings.Contains(err.Error(), "larger than 1 MiB") {
			t.Fatalf("error %v", err)
		}
	})
}

// TestTemplateLimitMessages checks that the errors of the limits of clause templates are
// messages of the catalogue: in English as Error() writes them, in French with the clause or
// the place of the call kept.
func TestTemplateLimitMessages(t *testing.T) {
	doc := load(t, filepath.Join(examplesDir, "pacte-parc-des-glycines.yaml"))
	small := render.TemplateLimits{Time: time.Hour, Output: 64 << 10}
	tests := []struct {
		name, clause string
		limits       render.TemplateLimits
		en, fr       string
	}{
		{"a loop that never ends", "{{range 1000000000000}}{{end}}", render.TemplateLimits{Time: 300 * time.Millisecond, Output: 1 << 30},
			`clause "amendment": the clauses of the document ran for more than 300ms`, "clause « amendment » : les clauses du document se sont exécutées pendant plus de 300ms"},
		{"a loop that writes", "{{range 100000000000}}x{{end}}", small,
			`clause "amendment": the document would be larger than 64 KiB of Markdown`, "clause « amendment » : le document dépasserait 64 Kio de Markdown"},
		{"a text doubled", `{{$s := "x"}}{{range 100}}{{$s = printf "%s%s" $s $s}}{{end}}`, small,
			"error calling printf: the text would be 131072 bytes long", "/convention/fr/amendment.md:2:33 : échec de l’appel de printf dans <printf \"%s%s\" $s $s> : le texte ferait 131072 octets"},
		{"a wide printf", `{{printf "%0999999999d" 1}}`, small,
			"printf: widths and precisions have at most three digits", "/convention/fr/amendment.md:2:2 : échec de l’appel de printf dans <printf \"%0999999999d\" 1> : printf : les largeurs et les précisions ont au plus trois chiffres"},
		{"a width from an argument", `{{printf "%*d" 5 1}}`, small,
			"printf: a width or precision taken from an argument (*) is not allowed", "printf : une largeur ou une précision tirée d’un argument (*) n’est pas permise"},
		{"a long format", `{{printf "` + strings.Repeat("x", 1100) + `"}}`, small,
			"printf: the format is 1100 bytes long, more than the 1024", "printf : le format fait 1100 octets, plus que les 1024"},
		{"a clause that calls itself", `{{define "a"}}{{template "a" .}}{{end}}{{template "a" .}}`, small,
			`template "a" calls itself (a → a): a clause may not call itself`, "/convention/fr/amendment.md:2:25 : le modèle « a » s’appelle lui-même (a → a) : une clause ne peut pas s’appeler elle-même"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := render.New(render.WithHouseClauses(houseClause(t, tt.clause)), render.WithTemplateLimits(tt.limits))
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.Render(doc)
			if err == nil {
				t.Fatal("the clause is rendered")
			}
			if en := partnership.ErrorText(err, partnership.English); en != err.Error() || !strings.Contains(en, tt.en) {
				t.Errorf("in English:\n%s\nwant it to say %q", en, tt.en)
			}
			if fr := partnership.ErrorText(err, partnership.French); !strings.Contains(fr, partnership.FrenchSpaces(tt.fr)) ||
				!strings.HasPrefix(fr, "modèle ") && !strings.HasPrefix(fr, "clause ") {
				t.Errorf("in French:\n%s\nwant it to say %q", fr, tt.fr)
			}
		})
	}
}
