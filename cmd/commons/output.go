package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/commons-toolkit/commons/partnership/export"
)

// writeOutput writes data to stdout ("" or "-") or to a file. A file is written to a temporary
// file in the same directory, synced, then renamed into place: a reader never sees half a
// document, and a failure (a full disk, a read-only directory, an interruption) leaves the
// previous version intact. An existing file that commons did not write is only replaced with
// force.
func writeOutput(stdout io.Writer, target string, data []byte, force bool) error {
	if target == "" || target == "-" {
		_, err := stdout.Write(data)
		return err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if !force {
		if old, err := readHead(target); err == nil && !written(old) {
			return fmt.Errorf("write %s: the file exists and was not written by commons; use --force to replace it", target)
		}
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	done = true
	return nil
}

// readHead reads a file, enough of it to recognise what wrote it.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory: %w", path, fs.ErrExist)
	}
	// A PDF names its producer near its end, so the whole file is read, up to a size no
	// document of ours reaches.
	data, err := io.ReadAll(io.LimitReader(f, 16<<20))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return data, nil
}

// written recognises a document commons wrote: Markdown with its provenance front matter, an
// HTML page with its provenance meta tags, a PDF whose producer is commons (fpdf writes the
// name in UTF-16), normalised JSON from commons export, or an empty file. A CSV file is never
// taken for ours: a table of subsidies with the same columns may hold data kept by hand.
func written(head []byte) bool {
	switch {
	case len(bytes.TrimSpace(head)) == 0:
		return true
	case bytes.HasPrefix(head, []byte("---\n")):
		return bytes.Contains(head, []byte("\ndefinition_sha256: ")) || bytes.Contains(head, []byte("\nkind: report\n"))
	case bytes.HasPrefix(head, []byte("<!DOCTYPE html>")):
		return bytes.Contains(head, []byte(`<meta name="commons:`))
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return bytes.Contains(head, utf16("commons ")) || bytes.Contains(head, []byte("(commons "))
	case bytes.HasPrefix(head, []byte("{\n  \"format\": \""+export.NormalizedFormat+"\",")):
		return true
	case officeWritten(head):
		return true
	}
	return false
}

func utf16(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, 0, byte(r))
	}
	return b
}
