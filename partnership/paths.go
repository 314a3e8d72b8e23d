package partnership

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
