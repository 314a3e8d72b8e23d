package serve

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// errRefused is the error of a path the workspace does not serve.
var errRefused = errors.New("refused")

// workspace is the directory served. Every read and write goes through an os.Root, which
// refuses names that climb out of the directory, absolute names and symbolic links that lead
// outside it; names are checked before that, so that only definition files are ever touched.
type workspace struct {
	dir  string
	root *os.Root
}

func openWorkspace(dir string) (*workspace, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	return &workspace{dir: abs, root: root}, nil
}

// checkName accepts the slash-separated name of a definition file inside the workspace: no
// absolute path, no "..", no hidden file or directory, a .yaml, .yml or .json extension.
func checkName(name string) (string, error) {
	switch {
	case name == "" || strings.ContainsAny(name, "\x00\\:"):
		return "", fmt.Errorf("%w: %q is not a file name of this workspace", errRefused, name)
	case path.IsAbs(name) || filepath.IsAbs(name):
		return "", fmt.Errorf("%w: %q is an absolute path; name a file inside the workspace", errRefused, name)
	case !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name:
		return "", fmt.Errorf("%w: %q leads outside the workspace", errRefused, name)
	case !partnership.IsDefinitionFile(name):
		return "", fmt.Errorf("%w: %q is not a definition (.yaml, .yml or .json)", errRefused, name)
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "", fmt.Errorf("%w: %q is hidden", errRefused, name)
		}
	}
	return filepath.FromSlash(name), nil
}

// read returns the content of a definition file, refusing more than the limits allow.
func (w *workspace) read(name string) ([]byte, error) {
	p, err := checkName(name)
	if err != nil {
		return nil, err
	}
	// O_NONBLOCK: opening a named pipe must not wait for a writer; the file is checked to be a
	// regular file before anything is read.
	f, err := w.root.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, cleanErr(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, cleanErr(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %q is not a regular file", errRefused, name)
	}
	return io.ReadAll(io.LimitReader(f, partnership.DefaultLimits.MaxBytes+1))
}

// exists checks that name is a definition file of the workspace, which the editor may check
// and render a text for.
func (w *workspace) exists(name string) error {
	p, err := checkName(name)
	if err != nil {
		return err
	}
	st, err := w.root.Stat(p)
	if err != nil {
		return cleanErr(err)
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%w: %q is not a regular file", errRefused, name)
	}
	return nil
}

// cleanErr keeps what went wrong without the absolute path of the workspace.
func cleanErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Err.Error(), "escapes") {
			return fmt.Errorf("%w: %s leads outside the workspace", errRefused, pe.Path)
		}
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// write replaces a definition file atomically: the data goes to a temporary file in the same
// directory, synced, then renamed over the file. With create, the file must not exist yet.
func (w *workspace) write(name string, data []byte, create bool) error {
	p, err := checkName(name)
	if err != nil {
		return err
	}
	if create {
		f, err := w.root.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			if errors.Is(err, fs.ErrExist) {
				return fmt.Errorf("%s already exists; choose another name", name)
			}
			return cleanErr(err)
		}
		f.Close()
	}
	// A replaced file keeps its permissions; a new one gets those of the umask.
	var keep fs.FileMode
	if !create {
		st, err := w.root.Lstat(p)
		if err != nil {
			return cleanErr(err)
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("%w: %q is not a regular file", errRefused, name)
		}
		keep = st.Mode().Perm()
	}
	var suffix [6]byte
	_, _ = rand.Read(suffix[:])
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+"."+hex.EncodeToString(suffix[:])+".tmp")
	f, err := w.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return cleanErr(err)
	}
	_, err = f.Write(data)
	if err == nil && keep != 0 {
		err = f.Chmod(keep)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = w.root.Rename(tmp, p)
	}
	if err != nil {
		_ = w.root.Remove(tmp)
		return cleanErr(err)
	}
	return nil
}

// files lists the definition files of the workspace, in lexical order, skipping hidden
// directories and symbolic links.
func (w *workspace) files() ([]string, error) {
	var out []string
	err := fs.WalkDir(w.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && partnership.IsDefinitionFile(p) {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

// callReader reads the call an application names, relative to the application, inside the
// workspace only: like any file the editor reads, a regular definition file within the size
// limit, reached without leaving the workspace. An absolute path names nothing of the
// workspace.
func (w *workspace) callReader(name string) validate.CallReader {
	return func(call string) (string, []byte, error) {
		if path.IsAbs(call) || filepath.IsAbs(call) {
			return call, nil, fmt.Errorf("%w: %q is an absolute path; name the call relative to the application, inside the workspace", errRefused, call)
		}
		p := path.Join(path.Dir(name), filepath.ToSlash(call))
		data, err := w.read(p)
		return p, data, err
	}
}

func digest(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
