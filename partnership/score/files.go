package score

import (
	"errors"
	"io"
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

// SkippedFile is the file found at path that assess leaves out, for the reason why.
func SkippedFile(path string, why partnership.Msg) Skipped {
	return Skipped{File: partnership.DisplayPath(path), Code: why.Code, Reason: why.In(partnership.English), why: why}
}

// In returns s with its reason written in lang.
func (s Skipped) In(lang string) Skipped {
	if s.why.Code != "" {
		s.Reason = s.why.In(lang)
	}
	return s
}

// Input is a file the assessment of a call reads.
type Input struct {
	Path string
	// Found says the file was found in a directory: one that is not an application to the call
	// is then skipped with its reason, where a file named directly is an error.
	Found bool
}

// Inputs lists the files the assessment of a call reads, in the order of paths: a file named
// directly ("-" is standard input), and the definition files (.yaml, .yml, .json) below a
// directory in the order of their names, hidden files and directories aside: the other files of
// a directory, such as the documents rendered beside the definitions, cannot be applications and
// are passed over without a word. The call's own file is passed over wherever it is found.
func Inputs(callFile string, paths []string) ([]Input, error) {
	self, _ := filepath.Abs(callFile)
	var inputs []Input
	for _, p := range paths {
		if p == "-" {
			inputs = append(inputs, Input{Path: p})
			continue
		}
		if st, err := os.Stat(p); err != nil || !st.IsDir() {
			if abs, _ := filepath.Abs(p); abs != self {
				inputs = append(inputs, Input{Path: p})
			}
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
			if !d.IsDir() && (strings.HasPrefix(d.Name(), ".") || !partnership.IsDefinitionFile(path)) {
				// A hidden file, such as .pre-commit-config.yaml, as git leaves it out, or a file
				// that is no definition.
				return nil
			}
			if !d.IsDir() {
				if abs, _ := filepath.Abs(path); abs != self {
					found = append(found, path)
				}
			}
			return nil
		})
		if walkErr != nil {
			return nil, walkErr
		}
		slices.Sort(found)
		for _, f := range found {
			inputs = append(inputs, Input{Path: f, Found: true})
		}
	}
	return inputs, nil
}

// Candidate is an input read and loaded, and what the assessment makes of it: an application to
// validate and assess, a file skipped (Skip says why) or an error (Problem).
type Candidate struct {
	Input
	// Data is what the file holds; Doc and Diags what partnership.Load made of it (Doc is nil
	// when it could not be parsed).
	Data  []byte
	Doc   *partnership.Document
	Diags partnership.Diagnostics
	// Err is the error reading a file named directly, which the caller reports; a found file
	// that cannot be read is skipped.
	Err     error
	Skip    partnership.Msg
	Problem *partnership.Diagnostic
}

// Read reads and loads an input, once, and says whether it is an application to the call: a
// file named directly must be a definition file and, when it can be parsed, an application to
// the call; a definition file found in a directory that is not one (a charter, a convention,
// another call, an application to another call, a file that cannot be read as a definition…) is
// skipped with its reason. A definition whose kind can be read but that is
// otherwise invalid is taken when it is an application, so that its problems are reported.
// stdin is read for "-".
func Read(call *partnership.Definition, src Input, stdin io.Reader, limits partnership.Limits) Candidate {
	c := Candidate{Input: src}
	if src.Path != "-" && !src.Found && !partnership.IsDefinitionFile(src.Path) {
		d := partnership.At(partnership.DisplayPath(src.Path), partnership.Pos{Line: 1, Column: 1}, "").
			Say("assess-not-definition-file").WithHint("name-applications")
		c.Problem = &d
		return c
	}
	c.Data, c.Err = partnership.ReadFile(src.Path, stdin, limits)
	if c.Err != nil {
		if src.Found {
			c.Skip, c.Err = partnership.M("skip-unreadable", errReason{c.Err}), nil
		}
		return c
	}
	c.Doc, c.Diags = partnership.Load(partnership.DisplayPath(src.Path), c.Data, limits)
	doc := c.Doc
	if doc == nil || doc.Definition == nil || doc.Definition.Kind == "" {
		if src.Found {
			problem := partnership.M("skip-no-kind")
			if doc == nil && len(c.Diags) > 0 {
				d := c.Diags.Sorted()[0]
				problem = partnership.M("skip-line", d.Line, d.Msg())
			}
			c.Skip = partnership.M("skip-unreadable", problem)
		}
		return c // a file named directly has its problems reported when it is validated
	}
	def := doc.Definition
	otherCall := def.Kind == partnership.KindApplication && def.Application != nil && def.Application.Call.ID != "" && def.Application.Call.ID != call.ID
	switch {
	case src.Found && def.Kind == partnership.KindCall:
		c.Skip = partnership.M("skip-other-call", def.ID)
	case src.Found && def.Kind != partnership.KindApplication:
		c.Skip = partnership.M("skip-not-application", partnership.M("a-"+string(def.Kind)))
	case src.Found && otherCall:
		c.Skip = partnership.M("skip-other-call-application", def.Application.Call.ID)
	case def.Kind != partnership.KindApplication:
		d := doc.Diag("/kind", "assess-not-application", call.ID, partnership.M("a-"+string(def.Kind))).WithHint("name-only-applications")
		c.Problem = &d
	case otherCall:
		d := doc.Diag("/application/call/id", "answers-another-call", def.Application.Call.ID, call.ID)
		c.Problem = &d
	}
	return c
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
