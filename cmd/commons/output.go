package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/export"
	"github.com/commons-toolkit/commons/schema"
	"github.com/urfave/cli/v2"
)

// writeOutput writes data to stdout ("" or "-") or to a file. A file is written to a temporary
// file in the same directory, synced, then renamed into place: a reader never sees half a
// document, and a failure (a full disk, a read-only directory, an interruption) leaves the
// previous version intact. The new file keeps the permissions of the one it replaces, or
// follows the umask. An existing file that commons did not write, or that cannot be read to
// tell, is only replaced with force. A target that is not a regular file (a named pipe, a
// device such as /dev/stdout) is written to directly.
func writeOutput(stdout io.Writer, target string, data []byte, force bool) error {
	if target == "" || target == "-" {
		_, err := stdout.Write(data)
		return err
	}
	fail := func(err error) error { return &writeError{target: target, err: err} }
	failMsg := func(code string, args ...any) error {
		return &writeError{target: target, reason: partnership.M(code, args...)}
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return fail(err)
	}
	removeStaleTemps(dir, filepath.Base(target))
	perm := fs.FileMode(0o666) // the umask takes its share when the file is created
	keep := false
	switch st, err := os.Stat(target); {
	case err == nil && st.IsDir():
		return failMsg("target-is-directory")
	case err == nil && !st.Mode().IsRegular():
		return writeDirect(target, data)
	case err == nil:
		perm, keep = st.Mode().Perm(), true
		if force {
			break
		}
		old, err := readHead(target)
		if err != nil {
			return failMsg("target-unreadable", partnership.Reason{Err: err})
		}
		if !written(old) {
			return failMsg("target-not-ours")
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fail(err)
	}
	tmp, err := createTemp(dir, filepath.Base(target), perm)
	if err != nil {
		return fail(err)
	}
	temps.add(tmp.Name())
	defer temps.remove(tmp.Name())
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if keep {
		// The previous file's mode, exactly: the umask applies to new files only.
		if err := os.Chmod(tmp.Name(), perm); err != nil {
			return fail(err)
		}
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fail(err)
	}
	done = true
	return nil
}

// writeDirect writes to a target that is not a regular file, which cannot be replaced by a
// rename: a named pipe (opening it waits for a reader; an interruption stops the wait) or a
// device.
func writeDirect(target string, data []byte) error {
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		return &writeError{target: target, err: err}
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return &writeError{target: target, err: err}
	}
	return f.Close()
}

// writeError is why an output cannot be written: a message of the catalogue, or an I/O error.
type writeError struct {
	target string
	reason partnership.Msg
	err    error
}

func (e *writeError) Error() string { return e.Msg().In(partnership.English) }

func (e *writeError) Unwrap() error { return e.err }

// Msg returns the message of the error, which run prints in the user's language.
func (e *writeError) Msg() partnership.Msg {
	if e.reason.Code != "" {
		return partnership.M("write-failed", partnership.Printable(e.target), e.reason)
	}
	return partnership.M("write-failed", partnership.Printable(e.target), partnership.Reason{Err: e.err})
}

// tempName matches the temporary files writeOutput leaves behind when it is killed before it
// can remove them (kill -9, a power cut): ".NAME.PID-RANDOM.tmp", and ".NAME.DIGITS.tmp" as
// earlier versions named them.
var tempName = lazyRegexp(`^\.(.+)\.(?:(\d+)-[0-9a-f]{16}|\d+)\.tmp$`)

// createTemp creates the temporary file of target in dir, named after the target and this
// process, with the given permissions.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for {
		var random [8]byte
		rand.Read(random[:])
		name := filepath.Join(dir, "."+base+"."+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(random[:])+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// staleAge is the age after which a temporary file of ours is stale whatever its process: a
// document is written in seconds.
const staleAge = 24 * time.Hour

// removeStaleTemps removes the temporary files of target left in dir by a commons process that
// no longer runs, or long ago. A process still writing one is left alone.
func removeStaleTemps(dir, base string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := tempName().FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		old := time.Since(info.ModTime()) > staleAge
		if pid, err := strconv.Atoi(m[2]); (err == nil && !running(pid)) || old {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// running reports whether a process with this id exists.
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || !errors.Is(err, os.ErrProcessDone)
}

// tempFiles are the temporary files being written, which an interruption removes before the
// program exits (see run).
type tempFiles struct {
	mu    sync.Mutex
	names map[string]bool
}

var temps = &tempFiles{names: map[string]bool{}}

func (t *tempFiles) add(name string) {
	t.mu.Lock()
	t.names[name] = true
	t.mu.Unlock()
}

func (t *tempFiles) remove(name string) {
	t.mu.Lock()
	delete(t.names, name)
	t.mu.Unlock()
}

// removeAll removes every temporary file being written.
func (t *tempFiles) removeAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for name := range t.names {
		os.Remove(name)
	}
}

// checkOutputs refuses, before any work, an output that is a directory, and an output that is
// one of the inputs: the document would replace the definition it comes from, and even --force
// does not allow it.
func checkOutputs(c *cli.Context, targets, inputs []string) error {
	for _, target := range targets {
		if target == "" || target == "-" {
			continue
		}
		out, err := os.Stat(target)
		if err != nil {
			continue // a file that does not exist is no input
		}
		if out.IsDir() {
			example := filepath.Join(target, partnership.SchemaFileName)
			if f := c.String("format"); f != "" {
				example = filepath.Join(target, outputName(firstOf(inputs))+"."+extensionOf(f))
			}
			if c.Command.Name == "render" && c.String("out-dir") == "" {
				return usageError(c, "output-is-directory-batch", partnership.Printable(target), partnership.Printable(example))
			}
			return usageError(c, "output-is-directory", partnership.Printable(target), partnership.Printable(example))
		}
		for _, in := range inputs {
			if in == "-" {
				continue
			}
			if st, err := os.Stat(in); err == nil && os.SameFile(out, st) {
				return usageError(c, "output-is-input", partnership.Printable(target), partnership.Printable(in))
			}
		}
	}
	return nil
}

// extensionOf is the extension of a file of a format: "md", "csv" for scdl, "txt" for text.
func extensionOf(format string) string {
	switch format {
	case "scdl":
		return "csv"
	case "text":
		return "txt"
	}
	return format
}

// firstOf returns the first of files, or "".
func firstOf(files []string) string {
	if len(files) == 0 {
		return ""
	}
	return files[0]
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
	case bytes.HasPrefix(head, []byte("{")) && bytes.Contains(head, []byte(`"$id": "`+schema.ID+`"`)):
		return true // the schema, written by commons schema -o
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
