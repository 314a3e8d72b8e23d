package score

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// Skipped is a file found in a directory that assess leaves out, and why.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Applications sorts the paths given to assess a call. A file named directly must be an
// application to the call: anything else is an error, returned in problems. A directory is
// searched (hidden directories aside): the applications to the call below it are taken, and
// every other file (a charter, a convention, another call, an application to another call, a
// rendered .md or .html document…) is skipped with its reason. A definition that cannot be read
// may be an application: it is taken, so that its problems are reported. The call's own file
// is passed over without a word wherever it is found. "-" (standard input) is taken as it is.
func Applications(call *partnership.Definition, callFile string, paths []string, limits partnership.Limits) (files []string, skipped []Skipped, problems partnership.Diagnostics, err error) {
	self, _ := filepath.Abs(callFile)
	for _, p := range paths {
		st, statErr := os.Stat(p)
		if p == "-" || statErr != nil || !st.IsDir() {
			if abs, _ := filepath.Abs(p); p != "-" && abs == self {
				continue
			}
			if d, ok := directFile(call, p, limits); !ok {
				problems = append(problems, d)
				continue
			}
			files = append(files, p)
			continue
		}
		var found []string
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				found = append(found, path)
			}
			return nil
		})
		if walkErr != nil {
			return nil, nil, nil, walkErr
		}
		slices.Sort(found)
		for _, f := range found {
			if abs, _ := filepath.Abs(f); abs == self {
				continue
			}
			if reason := notAnApplication(call, f, limits); reason != "" {
				skipped = append(skipped, Skipped{File: partnership.DisplayPath(f), Reason: reason})
				continue
			}
			files = append(files, f)
		}
	}
	return files, skipped, problems.Sorted(), nil
}

// directFile checks a file named on the command line: it must be a definition file and, when it
// can be read, an application to the call.
func directFile(call *partnership.Definition, path string, limits partnership.Limits) (partnership.Diagnostic, bool) {
	display := partnership.DisplayPath(path)
	if path != "-" && !partnership.IsDefinitionFile(path) {
		return partnership.Diagnostic{Severity: partnership.Error, File: display, Line: 1, Column: 1,
			Message: "not a definition file (.yaml, .yml or .json): assess takes the applications to the call",
			Hint:    "name the applications, or a directory that holds them"}, false
	}
	if path == "-" {
		return partnership.Diagnostic{}, true
	}
	doc := load(path, limits)
	if doc == nil || doc.Definition == nil || doc.Definition.Kind == "" {
		return partnership.Diagnostic{}, true // its problems are reported when it is validated
	}
	def := doc.Definition
	switch {
	case def.Kind != partnership.KindApplication:
		d := doc.Diag("/kind", "expected an application to the call %q; this is a %s", call.ID, def.Kind)
		d.Hint = "name only the applications, or a directory that holds them"
		return d, false
	case def.Application != nil && def.Application.Call.ID != "" && def.Application.Call.ID != call.ID:
		return doc.Diag("/application/call/id", "this application answers the call %q, not %q", def.Application.Call.ID, call.ID), false
	}
	return partnership.Diagnostic{}, true
}

// notAnApplication says why a file found in a directory is not an application to the call, or
// returns "" when it is one (or may be one: a definition that cannot be read).
func notAnApplication(call *partnership.Definition, path string, limits partnership.Limits) string {
	if !partnership.IsDefinitionFile(path) {
		return "not a definition file"
	}
	doc := load(path, limits)
	if doc == nil || doc.Definition == nil || doc.Definition.Kind == "" {
		return ""
	}
	def := doc.Definition
	switch {
	case def.Kind == partnership.KindCall:
		return "another call for commons, " + quote(def.ID)
	case def.Kind != partnership.KindApplication:
		return "a " + string(def.Kind) + ", not an application"
	case def.Application != nil && def.Application.Call.ID != "" && def.Application.Call.ID != call.ID:
		return "an application to another call, " + quote(def.Application.Call.ID)
	}
	return ""
}

// load reads and parses a file without validating it, to tell what it is; nil when it cannot
// be read or parsed.
func load(path string, limits partnership.Limits) *partnership.Document {
	data, err := partnership.ReadFile(path, nil, limits)
	if err != nil {
		return nil
	}
	doc, _ := partnership.Load(partnership.DisplayPath(path), data, limits)
	return doc
}

func quote(s string) string { return `"` + s + `"` }
