package render

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/internal/lazyre"
	"go.yaml.in/yaml/v3"
)

// Layout of a clause library (the embedded one in package templates, or a house directory that
// overrides some of its files):
//
//	VERSION                          semantic version of the library
//	<kind>/clauses.yaml              order of the clauses of a kind, and how they are numbered
//	<kind>/<lang>/<clause-id>.md     one clause of a kind, in one language
//	common/<lang>/<clause-id>.md     a clause shared by several kinds (used when the kind has none)
//	common/<lang>/labels.yaml        words for the values of the definition's enumerations
//	defaults.yaml                    values clauses use when a definition leaves a key out

// clausePath matches the path of a clause file inside a library.
var clausePath = lazyre.New(`^[a-z]+/(fr|en)/[a-z0-9-]+\.md$`)

// Manifest is the plan of a kind of document: its clauses in order.
type Manifest struct {
	// Numbering is "article" (Article 1er, Article 2…) or "section" (1., 2.…).
	Numbering string `yaml:"numbering"`
	// Front are unnumbered clauses before the first article (title, parties, recitals).
	Front []string `yaml:"front"`
	// Articles are numbered in order; those that render empty drop out and the numbers close up.
	Articles []string `yaml:"articles"`
	// Back are unnumbered clauses after the last article (signatures, annexes).
	Back []string `yaml:"back"`
}

// Clauses lists every clause id of the manifest in document order.
func (m Manifest) Clauses() []string {
	return slices.Concat(m.Front, m.Articles, m.Back)
}

// Clause is one clause file of a library.
type Clause struct {
	ID   string
	Kind partnership.Kind
	Lang string
	// Path is the file the clause was read from, relative to its library, and Source names
	// the library ("embedded" or the house directory).
	Path   string
	Source string
	Text   string
}

// Library is a clause library: the embedded one, possibly with files overridden by a house
// directory.
type Library struct {
	Version string
	// manifests read, per kind, the plan of its documents: the embedded library's when first
	// asked for, as a document is of one kind.
	manifests map[partnership.Kind]func() Manifest
	// files maps a path inside the library to the clause read from it. The embedded library's
	// texts are read when a clause is first looked up (texts): a document uses few of them.
	files map[string]Clause
	texts map[string]func() string
	// labels read, per language, the words for the values of the definition's enumerations
	// (enumeration → value → words), once and only for the languages asked for: a document
	// is written in one.
	labels map[string]func() (map[string]map[string]string, error)
	// defaults reads the values clauses use when a definition leaves a key out (defaults.yaml),
	// the embedded library's when first asked for.
	defaults func() *partnership.Defaults
}

// Languages are the languages every clause exists in.
var Languages = []string{"fr", "en"}

// LoadLibrary reads a library from base, then lets each file of the override directories
// replace the file of the same path. A house directory may only replace existing clauses and
// labels; a file the base does not have is an error, so a misnamed override never goes unseen.
func LoadLibrary(base fs.FS, baseName string, overrides ...Override) (*Library, error) {
	return loadLibrary(base, baseName, false, overrides...)
}

// loadLibrary is LoadLibrary. For the embedded library (embedded), what its files say is
// compiled into the program (librarystatic.go) instead of read from them, and its clause texts
// are read when first used; the files of house directories are read as for any library.
func loadLibrary(base fs.FS, baseName string, embedded bool, overrides ...Override) (*Library, error) {
	lib := &Library{manifests: map[partnership.Kind]func() Manifest{}, files: map[string]Clause{}, texts: map[string]func() string{},
		labels: map[string]func() (map[string]map[string]string, error){}}
	version, err := fs.ReadFile(base, "VERSION")
	if err != nil {
		return nil, fmt.Errorf("read clause library version: %w", err)
	}
	lib.Version = strings.TrimSpace(string(version))
	if embedded {
		for _, p := range compiledClauses {
			lib.files[p] = clauseFromPath(p, baseName, "")
			lib.texts[p] = sync.OnceValue(func() string {
				text, err := fs.ReadFile(base, p)
				if err != nil {
					panic(fmt.Sprintf("embedded clause library: %v", err)) // a build defect
				}
				return string(text)
			})
		}
	} else {
		err = fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !clausePath().MatchString(p) {
				return err
			}
			text, err := fs.ReadFile(base, p)
			if err != nil {
				return err
			}
			lib.files[p] = clauseFromPath(p, baseName, string(text))
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read clause library: %w", err)
		}
	}
	for _, o := range overrides {
		if err := lib.override(o); err != nil {
			return nil, err
		}
	}
	var manifests func() map[partnership.Kind]Manifest
	if embedded {
		manifests = sync.OnceValue(compiledManifests)
	}
	for _, k := range partnership.Kinds {
		data, compiled, err := libraryFile(base, embedded, overrides, path.Join(string(k), "clauses.yaml"))
		if err != nil {
			return nil, fmt.Errorf("read the plan of a %s: %w", k, err)
		}
		if compiled {
			lib.manifests[k] = func() Manifest { return manifests()[k] }
			continue
		}
		var m Manifest
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("read the plan of a %s: %w", k, err)
		}
		lib.manifests[k] = func() Manifest { return m }
	}
	for _, lang := range Languages {
		data, compiled, err := libraryFile(base, embedded, overrides, path.Join("common", lang, "labels.yaml"))
		if err != nil {
			return nil, fmt.Errorf("read labels: %w", err)
		}
		if compiled {
			lib.labels[lang] = sync.OnceValues(func() (map[string]map[string]string, error) { return compiledLabels(lang), nil })
			continue
		}
		lib.labels[lang] = sync.OnceValues(func() (map[string]map[string]string, error) {
			var labels map[string]map[string]string
			if err := yaml.Unmarshal(data, &labels); err != nil {
				return nil, fmt.Errorf("read labels %s: %w", lang, err)
			}
			return labels, nil
		})
		if len(overrides) > 0 {
			// A house directory's labels are checked as it is loaded.
			if _, err := lib.labels[lang](); err != nil {
				return nil, err
			}
		}
	}
	readDefaults := func() (*partnership.Defaults, error) {
		d, err := loadDefaults(base, baseName, embedded, overrides)
		if err != nil {
			return nil, fmt.Errorf("read defaults: %w", err)
		}
		return d, nil
	}
	if embedded && len(overrides) == 0 {
		lib.defaults = sync.OnceValue(func() *partnership.Defaults {
			d, err := readDefaults()
			if err != nil {
				panic(fmt.Sprintf("embedded clause library: %v", err)) // a build defect, caught by the tests
			}
			return d
		})
		return lib, nil
	}
	d, err := readDefaults()
	if err != nil {
		return nil, err
	}
	lib.defaults = func() *partnership.Defaults { return d }
	return lib, nil
}

// houseFile reads the file p of the last house directory that has one.
func houseFile(overrides []Override, p string) ([]byte, bool, error) {
	for i := len(overrides) - 1; i >= 0; i-- {
		data, err := fs.ReadFile(overrides[i].FS, p)
		if err == nil {
			return data, true, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, false, err
		}
	}
	return nil, false, nil
}

// Override is a house directory whose files replace those of the same path in the library.
type Override struct {
	FS   fs.FS
	Name string
}

func (lib *Library) override(o Override) error {
	return fs.WalkDir(o.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != "." && partnership.Hidden(d.Name()) {
			return fs.SkipDir // .git and other hidden directories hold no clause
		}
		if err != nil || d.IsDir() {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link is read where it leads, which must be inside the directory (houseFS).
			if _, err := fs.Stat(o.FS, p); err != nil {
				return err
			}
		}
		switch {
		case clausePath().MatchString(p):
			if _, ok := lib.files[p]; !ok {
				return fmt.Errorf("%s: the clause library has no %s to replace; house clauses must use the path of an existing clause (see commons templates list)", path.Join(o.Name, p), p)
			}
			text, err := fs.ReadFile(o.FS, p)
			if err != nil {
				return err
			}
			lib.files[p] = clauseFromPath(p, o.Name, string(text))
			delete(lib.texts, p)
		case strings.HasSuffix(p, "clauses.yaml"), strings.HasSuffix(p, "labels.yaml"), strings.HasPrefix(path.Base(p), "."),
			strings.EqualFold(path.Base(p), "README.md"):
			// Read where they are used; hidden files and notes are ignored.
		}
		return nil
	})
}

// libraryFile reads the file p of a library: the last house directory's that has one, else the
// base's. A file of the embedded library that no house directory replaces is not read: what it
// says is compiled into the program (compiled is true).
func libraryFile(base fs.FS, embedded bool, overrides []Override, p string) (data []byte, compiled bool, err error) {
	data, found, err := houseFile(overrides, p)
	switch {
	case found || err != nil:
		return data, false, err
	case embedded:
		return nil, true, nil
	}
	data, err = fs.ReadFile(base, p)
	return data, false, err
}

func clauseFromPath(p, source, text string) Clause {
	parts := strings.Split(p, "/")
	c := Clause{Path: p, Source: source, Text: text, ID: strings.TrimSuffix(path.Base(p), ".md")}
	if len(parts) == 3 {
		c.Kind, c.Lang = partnership.Kind(parts[0]), parts[1]
	}
	return c
}

// Manifest returns the plan of a kind of document.
func (lib *Library) Manifest(k partnership.Kind) Manifest {
	if read, ok := lib.manifests[k]; ok {
		return read()
	}
	return Manifest{}
}

// Lookup returns the clause id of a kind in a language: the kind's own file, else the shared one.
func (lib *Library) Lookup(k partnership.Kind, lang, id string) (Clause, bool) {
	if c, ok := lib.file(path.Join(string(k), lang, id+".md")); ok {
		return c, true
	}
	return lib.file(path.Join("common", lang, id+".md"))
}

// file returns the clause of a path, its text read if it was not yet.
func (lib *Library) file(p string) (Clause, bool) {
	c, ok := lib.files[p]
	if read := lib.texts[p]; ok && read != nil {
		c.Text = read()
	}
	return c, ok
}

// Clauses lists every clause file, sorted by path.
func (lib *Library) Clauses() []Clause {
	out := make([]Clause, 0, len(lib.files))
	for p := range lib.files {
		c, _ := lib.file(p)
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Clause) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// Label returns the words for a value of an enumeration, or the value itself when the library
// has none.
func (lib *Library) Label(lang, enum, value string) (string, bool) {
	read, ok := lib.labels[lang]
	if !ok {
		return "", false
	}
	labels, err := read()
	if err != nil {
		panic(fmt.Sprintf("embedded clause library: %v", err)) // a build defect, caught by the tests
	}
	words, ok := labels[enum][value]
	return words, ok
}

// maxClauseBytes is the largest file a house directory may hold: as large as a definition.
const maxClauseBytes = 1 << 20

// houseFS is a directory of house clauses, read so that nothing outside it can be read through
// it: a symbolic link that leads outside the directory is refused (it would put /etc/passwd in a
// document), and so is anything but a regular file of at most maxClauseBytes (a FIFO would block
// the program for ever, a device never end). Files are opened through os.Root, which refuses
// to leave the directory even if a link is changed while it is read.
type houseFS string

// errOutside is the reason a file of a house directory is refused when a link leads outside it.
var errOutside = errors.New("it is a symbolic link that leads outside the directory of house clauses; copy the file into the directory instead")

// inside checks that name, with every link on its way resolved, stays inside the directory.
func (d houseFS) inside(op, name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	root, err := filepath.EvalSymlinks(string(d))
	if err != nil {
		return err
	}
	target, err := filepath.EvalSymlinks(filepath.Join(string(d), filepath.FromSlash(name)))
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return &fs.PathError{Op: op, Path: path.Join(filepath.ToSlash(string(d)), name), Err: errOutside}
	}
	return nil
}

// Stat implements fs.StatFS.
func (d houseFS) Stat(name string) (fs.FileInfo, error) {
	if err := d.inside("stat", name); err != nil {
		return nil, err
	}
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Stat(name)
}

// Open implements fs.FS: directories, to list them, and regular files.
func (d houseFS) Open(name string) (fs.File, error) {
	st, err := d.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() && !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: path.Join(filepath.ToSlash(string(d)), name), Err: errors.New("not a regular file")}
	}
	r, err := os.OpenRoot(string(d))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.Open(name)
}

// ReadFile implements fs.ReadFileFS, reading at most maxClauseBytes.
func (d houseFS) ReadFile(name string) ([]byte, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxClauseBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxClauseBytes {
		return nil, &fs.PathError{Op: "read", Path: path.Join(filepath.ToSlash(string(d)), name), Err: fmt.Errorf("the file is larger than %s, more than any clause needs", sizeWords(maxClauseBytes))}
	}
	return data, nil
}
