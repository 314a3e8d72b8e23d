package score

import (
	"fmt"
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
// rendered .md or .html document, a file that cannot be read as a definition…) is skipped with
// its reason. A definition whose kind can be read but that is otherwise invalid is taken when it
// is an application, so that its problems are reported. The call's own file is passed over
// without a word wherever it is found. "-" (standard input) is taken as it is.
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
// returns "" when it is one.
func notAnApplication(call *partnership.Definition, path string, limits partnership.Limits) string {
	if !partnership.IsDefinitionFile(path) {
		return "not a definition file"
	}
	doc, problem := loadDiag(path, limits)
	if doc == nil || doc.Definition == nil || doc.Definition.Kind == "" {
		if problem == "" {
			problem = "it does not say its kind"
		}
		return "cannot be read as a definition: " + problem
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
	doc, _ := loadDiag(path, limits)
	return doc
}

// loadDiag is load, with the first problem found when the file cannot be read or parsed, as
// "line N: message".
func loadDiag(path string, limits partnership.Limits) (*partnership.Document, string) {
	data, err := partnership.ReadFile(path, nil, limits)
	if err != nil {
		return nil, err.Error()
	}
	doc, diags := partnership.Load(partnership.DisplayPath(path), data, limits)
	if doc == nil && len(diags) > 0 {
		d := diags.Sorted()[0]
		return nil, fmt.Sprintf("line %d: %s", d.Line, d.Message)
	}
	return doc, ""
}

func quote(s string) string { return `"` + s + `"` }
