package score

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// Skipped is a file found in a directory that assess leaves out, and why: the code of the
// reason in the message catalogue, and its text, in English until In writes it in another
// language.
type Skipped struct {
	File   string `json:"file"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
	why    partnership.Msg
}

// In returns s with its reason written in lang.
func (s Skipped) In(lang string) Skipped {
	if s.why.Code != "" {
		s.Reason = s.why.In(lang)
	}
	return s
}

// Applications sorts the paths given to assess a call. A file named directly must be an
// application to the call: anything else is an error, returned in problems. A directory is
// searched (hidden files and directories aside): the applications to the call below it are taken, and
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
			if !d.IsDir() && strings.HasPrefix(d.Name(), ".") {
				return nil // a hidden file, such as .pre-commit-config.yaml, as git leaves it out
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
			if why := notAnApplication(call, f, limits); why.Code != "" {
				skipped = append(skipped, Skipped{File: partnership.DisplayPath(f), Code: why.Code, Reason: why.In(partnership.English), why: why})
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
		return partnership.At(display, partnership.Pos{Line: 1, Column: 1}, "").
			Say("assess-not-definition-file").WithHint("name-applications"), false
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
		return doc.Diag("/kind", "assess-not-application", call.ID, partnership.M("a-"+string(def.Kind))).WithHint("name-only-applications"), false
	case def.Application != nil && def.Application.Call.ID != "" && def.Application.Call.ID != call.ID:
		return doc.Diag("/application/call/id", "answers-another-call", def.Application.Call.ID, call.ID), false
	}
	return partnership.Diagnostic{}, true
}

// notAnApplication says why a file found in a directory is not an application to the call, or
// returns the zero Msg when it is one.
func notAnApplication(call *partnership.Definition, path string, limits partnership.Limits) partnership.Msg {
	if !partnership.IsDefinitionFile(path) {
		return partnership.M("skip-not-definition-file")
	}
	doc, problem := loadDiag(path, limits)
	if doc == nil || doc.Definition == nil || doc.Definition.Kind == "" {
		if problem == nil {
			problem = partnership.M("skip-no-kind")
		}
		return partnership.M("skip-unreadable", problem)
	}
	def := doc.Definition
	switch {
	case def.Kind == partnership.KindCall:
		return partnership.M("skip-other-call", def.ID)
	case def.Kind != partnership.KindApplication:
		return partnership.M("skip-not-application", partnership.M("a-"+string(def.Kind)))
	case def.Application != nil && def.Application.Call.ID != "" && def.Application.Call.ID != call.ID:
		return partnership.M("skip-other-call-application", def.Application.Call.ID)
	}
	return partnership.Msg{}
}

// load reads and parses a file without validating it, to tell what it is; nil when it cannot
// be read or parsed.
func load(path string, limits partnership.Limits) *partnership.Document {
	doc, _ := loadDiag(path, limits)
	return doc
}

// loadDiag is load, with the first problem found when the file cannot be read or parsed: "line
// N: message", or the reason it cannot be read.
func loadDiag(path string, limits partnership.Limits) (*partnership.Document, partnership.Localizer) {
	data, err := partnership.ReadFile(path, nil, limits)
	if err != nil {
		return nil, errReason{err}
	}
	doc, diags := partnership.Load(partnership.DisplayPath(path), data, limits)
	if doc == nil && len(diags) > 0 {
		d := diags.Sorted()[0]
		return nil, partnership.M("skip-line", d.Line, d.Msg())
	}
	return doc, nil
}

// errReason writes an error in a message: the message of an error of the catalogue in the
// language asked for, else the error's text.
type errReason struct{ err error }

func (e errReason) In(lang string) string {
	var m interface{ Msg() partnership.Msg }
	if errors.As(e.err, &m) {
		return m.Msg().In(lang)
	}
	return e.err.Error()
}
