package partnership

import (
	"errors"
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
// reading them reports the problem. Hidden files and directories (whose name starts with a dot,
// such as .git or .pre-commit-config.yaml) are skipped, as git and most tools skip them; a
// hidden file named on the command line is read.
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
			if path != p && Hidden(d.Name()) {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
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

// Hidden reports whether a file name is hidden: it starts with a dot, as ".git" and
// ".pre-commit-config.yaml" do.
func Hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." && name != ".." }

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
	Call string
	// Reason says what is wrong with it: "does not exist"…
	Reason Msg
	Err    error
}

func (e *CallFileError) Error() string { return e.Msg().In(English) }

// Msg returns the message of the error, which diagnostics write in the user's language.
func (e *CallFileError) Msg() Msg { return M("call-file-problem", e.Call, e.Reason) }

func (e *CallFileError) Unwrap() error { return e.Err }

// ReadCallFile reads the call an application names: resolved from the application's file, with
// every symbolic link followed, it must lie below one of roots (CallRoots when roots is empty)
// and be a regular file within the size limit. A definition received from someone else can
// then name neither /etc/shadow nor a named pipe that would block the program. It returns the
// path read and its content.
func ReadCallFile(application, call string, roots []string, limits Limits) (string, []byte, error) {
	path := ResolveCallFile(application, call)
	fail := func(reason Msg, err error) (string, []byte, error) {
		return path, nil, &CallFileError{Call: call, Reason: reason, Err: err}
	}
	if len(roots) == 0 {
		roots = CallRoots(application)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fail(M("call-missing"), err)
		}
		return fail(M("call-unreadable"), err)
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return fail(M("call-unreadable"), err)
	}
	if !within(real, roots) {
		return fail(M("call-outside"), nil)
	}
	// O_NONBLOCK: opening a named pipe must not wait for a writer; the file is then checked to
	// be a regular file before anything is read.
	f, err := os.OpenFile(real, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return fail(M("call-unreadable"), err)
	}
	defer f.Close()
	st, err := f.Stat()
	switch {
	case err != nil:
		return fail(M("call-unreadable"), err)
	case !st.Mode().IsRegular():
		return fail(M("call-not-regular"), nil)
	case st.Size() > limits.MaxBytes:
		return fail(M("call-too-large", Size(limits.MaxBytes)), nil)
	}
	data, err := readSized(f, st.Size(), limits.MaxBytes)
	if err != nil {
		return fail(M("call-unreadable"), err)
	}
	if int64(len(data)) > limits.MaxBytes {
		return fail(M("call-too-large", Size(limits.MaxBytes)), nil)
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

// OutputPaths returns where a batch writes the document of each of files, found from args (the
// files and directories named on the command line, see ExpandPaths): below dir, the folders of
// the inputs mirrored from their deepest common folder, each named after its definition with
// the extension ext. 2025/pacte.yaml and 2026/pacte.yaml give DIR/2025/pacte.md and
// DIR/2026/pacte.md; the files of one folder, or of the directory given, land directly in DIR.
// Standard input ("-") is written as stdin.EXT.
func OutputPaths(files, args []string, dir, ext string) []string {
	var bases []string
	for _, a := range args {
		if a == "-" {
			continue
		}
		abs, err := filepath.Abs(a)
		if err != nil {
			continue
		}
		if st, err := os.Stat(a); err != nil || !st.IsDir() {
			abs = filepath.Dir(abs)
		}
		bases = append(bases, abs)
	}
	base := commonDir(bases)
	out := make([]string, len(files))
	for i, f := range files {
		name := "stdin"
		if f != "-" {
			rel := filepath.Base(f)
			if abs, err := filepath.Abs(f); err == nil && base != "" {
				if r, err := filepath.Rel(base, abs); err == nil && !strings.HasPrefix(r, "..") {
					rel = r
				}
			}
			name = strings.TrimSuffix(rel, filepath.Ext(rel))
		}
		out[i] = filepath.Join(dir, name+"."+ext)
	}
	return out
}

// commonDir returns the deepest directory that holds every one of dirs (absolute and clean), or
// "" for none.
func commonDir(dirs []string) string {
	if len(dirs) == 0 {
		return ""
	}
	common := dirs[0]
	for _, d := range dirs[1:] {
		for common != d && !strings.HasPrefix(d, strings.TrimSuffix(common, string(filepath.Separator))+string(filepath.Separator)) {
			parent := filepath.Dir(common)
			if parent == common {
				break
			}
			common = parent
		}
	}
	return common
}
