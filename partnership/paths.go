package partnership

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// IsDefinitionFile reports whether a file name has one of the extensions definitions use.
func IsDefinitionFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// ExpandPaths replaces each directory among paths by the definition files below it, in lexical
// order; files (and "-", standard input) are kept as given, even when they do not exist, so that
// reading them reports the problem. Hidden directories are skipped.
func ExpandPaths(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if p == "-" || err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && IsDefinitionFile(path) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		out = append(out, found...)
	}
	return out, nil
}

// ResolveCallFile returns the path of the call an application names, which is relative to the
// application's own file.
func ResolveCallFile(application, call string) string {
	if filepath.IsAbs(call) || application == "-" {
		return call
	}
	return filepath.Join(filepath.Dir(application), filepath.FromSlash(call))
}

// CallRoots returns the directories the call an application names may lie in, when none is
// given: the working directory, the application's own directory, and the git repository that
// holds the application (the nearest directory above it with a .git entry), so that a folder of
// applications can name "../appel.yaml". An application read from standard input has only the
// working directory.
func CallRoots(application string) []string {
	var roots []string
	if wd, err := os.Getwd(); err == nil {
		roots = append(roots, wd)
	}
	if application == "-" {
		return roots
	}
	dir, err := filepath.Abs(filepath.Dir(application))
	if err != nil {
		return roots
	}
	roots = append(roots, dir)
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return append(roots, d)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return roots
		}
		d = parent
	}
}

// CallFileError is why the call an application names cannot be read. Its message names the
// file as the application writes it and never quotes what the file holds.
type CallFileError struct {
	// Call is the file as the application names it.
	Call   string
	Reason string
	Err    error
}

func (e *CallFileError) Error() string { return fmt.Sprintf("the call %q %s", e.Call, e.Reason) }

func (e *CallFileError) Unwrap() error { return e.Err }

// ReadCallFile reads the call an application names: resolved from the application's file, with
// every symbolic link followed, it must lie below one of roots (CallRoots when roots is empty)
// and be a regular file within the size limit. A definition received from someone else can
// then name neither /etc/shadow nor a named pipe that would block the program. It returns the
// path read and its content.
func ReadCallFile(application, call string, roots []string, limits Limits) (string, []byte, error) {
	path := ResolveCallFile(application, call)
	fail := func(reason string, err error) (string, []byte, error) {
		return path, nil, &CallFileError{Call: call, Reason: reason, Err: err}
	}
	if len(roots) == 0 {
		roots = CallRoots(application)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fail("does not exist", err)
		}
		return fail("cannot be read", err)
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return fail("cannot be read", err)
	}
	if !within(real, roots) {
		return fail("lies outside the directories an application may name a call in (the working directory, the application's directory and its git repository; --root gives another)", nil)
	}
	// O_NONBLOCK: opening a named pipe must not wait for a writer; the file is then checked to
	// be a regular file before anything is read.
	f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return fail("cannot be read", err)
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return fail("cannot be read", err)
	case !st.Mode().IsRegular():
		return fail("is not a regular file", nil)
	case st.Size() > limits.MaxBytes:
		return fail(fmt.Sprintf("is larger than %s, the most a definition may hold", formatBytes(limits.MaxBytes)), nil)
	}
	data, err := readSized(f, st.Size(), limits.MaxBytes)
	if err != nil {
		return fail("cannot be read", err)
	}
	if int64(len(data)) > limits.MaxBytes {
		return fail(fmt.Sprintf("is larger than %s, the most a definition may hold", formatBytes(limits.MaxBytes)), nil)
	}
	return path, data, nil
}

// within reports whether path, absolute and with its links resolved, lies below one of roots.
func within(path string, roots []string) bool {
	for _, root := range roots {
		r, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		if resolved, err := filepath.EvalSymlinks(r); err == nil {
			r = resolved
		}
		rel, err := filepath.Rel(r, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return true
		}
	}
	return false
}
