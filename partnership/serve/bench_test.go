package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/commons-toolkit/commons/partnership"
)

// BenchmarkPreview measures what the editor does after each change: validate the text, render
// the document and typeset its page, for every example. The editor waits for a pause in the
// typing, then for this; it aims at under 50 ms.
func BenchmarkPreview(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	json, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.json"))
	files = append(files, json...)
	dir := b.TempDir()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	s, err := New(dir, Options{Addr: testAddr})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, f := range files {
		name := filepath.Base(f)
		data, _ := os.ReadFile(f)
		b.Run(strings.TrimSuffix(name, filepath.Ext(name)), func(b *testing.B) {
			for b.Loop() {
				if snap := s.snapshotOf(context.Background(), name, data, "", ""); snap.Preview == "" {
					b.Fatalf("%s: no preview: %v", name, snap.Diagnostics)
				}
			}
		})
	}
}

// BenchmarkEdit measures one change of the form applied to the text of the largest example.
func BenchmarkEdit(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("..", "..", "examples", "appel-a-communs-2026.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	ops := []Op{{Op: "set", Path: "/title", Value: raw("Appel à communs")}}
	for b.Loop() {
		if _, err := Edit(data, partnership.FormatYAML, ops); err != nil {
			b.Fatal(err)
		}
	}
}
