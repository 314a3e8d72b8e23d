package score

import (
	"fmt"
	"io"
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
//
// Applications reads every file to tell what it is; a program that then loads the applications
// does better with Inputs and Read, which read each file once.
func Applications(call *partnership.Definition, callFile string, paths []string, limits partnership.Limits) (files []string, skipped []Skipped, problems partnership.Diagnostics, err error) {
	inputs, err := Inputs(callFile, paths)
	if err != nil {
		return nil, nil, nil, err
	}
	read := make([]Candidate, len(inputs))
	forEach(len(inputs), func(i int) {
		if inputs[i].Path == "-" {
			read[i] = Candidate{Input: inputs[i]} // read once, by whoever assesses it
			return
		}
		read[i] = Read(call, inputs[i], nil, limits)
		read[i].Data, read[i].Doc, read[i].Diags = nil, nil, nil
	})
	for _, c := range read {
		switch {
		case c.Skip != "":
			skipped = append(skipped, Skipped{File: partnership.DisplayPath(c.Path), Reason: c.Skip})
		case c.Problem != nil:
			problems = append(problems, *c.Problem)
		default:
			files = append(files, c.Path)
		}
	}
	return files, skipped, problems.Sorted(), nil
}

// Input is a file the assessment of a call reads.
type Input struct {
	Path string
	// Found says the file was found in a directory: one that is not an application to the call
	// is then skipped with its reason, where a file named directly is an error.
	Found bool
}

// Inputs lists the files the assessment of a call reads, in the order of paths: a file named
// directly ("-" is standard input), and the files below a directory in the order of their
// names, hidden directories aside. The call's own file is passed over wherever it is found.
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
	Skip    string
	Problem *partnership.Diagnostic
}

// Taken reports whether the candidate is an application to validate and assess.
func (c Candidate) Taken() bool { return c.Skip == "" && c.Problem == nil && c.Err == nil }

// Read reads and loads an input, once, and says whether it is an application to the call: a
// file named directly must be a definition file and, when it can be parsed, an application to
// the call; a file found in a directory that is not one is skipped. stdin is read for "-".
func Read(call *partnership.Definition, src Input, stdin io.Reader, limits partnership.Limits) Candidate {
	c := Candidate{Input: src}
	if src.Path != "-" && !partnership.IsDefinitionFile(src.Path) {
		if src.Found {
			c.Skip = "not a definition file"
		} else {
			c.Problem = &partnership.Diagnostic{Severity: partnership.Error, File: partnership.DisplayPath(src.Path), Line: 1, Column: 1,
				Message: "not a definition file (.yaml, .yml or .json): assess takes the applications to the call",
				Hint:    "name the applications, or a directory that holds them"}
		}
		return c
	}
	c.Data, c.Err = partnership.ReadFile(src.Path, stdin, limits)
	if c.Err != nil {
		if src.Found {
			c.Skip, c.Err = "cannot be read as a definition: "+c.Err.Error(), nil
		}
		return c
	}
	c.Doc, c.Diags = partnership.Load(partnership.DisplayPath(src.Path), c.Data, limits)
	doc := c.Doc
	if doc == nil || doc.Definition == nil || doc.Definition.Kind == "" {
		if src.Found {
			problem := "it does not say its kind"
			if doc == nil && len(c.Diags) > 0 {
				d := c.Diags.Sorted()[0]
				problem = fmt.Sprintf("line %d: %s", d.Line, d.Message)
			}
			c.Skip = "cannot be read as a definition: " + problem
		}
		return c // a file named directly has its problems reported when it is validated
	}
	def := doc.Definition
	otherCall := def.Kind == partnership.KindApplication && def.Application != nil && def.Application.Call.ID != "" && def.Application.Call.ID != call.ID
	switch {
	case src.Found && def.Kind == partnership.KindCall:
		c.Skip = "another call for commons, " + quote(def.ID)
	case src.Found && def.Kind != partnership.KindApplication:
		c.Skip = "a " + string(def.Kind) + ", not an application"
	case src.Found && otherCall:
		c.Skip = "an application to another call, " + quote(def.Application.Call.ID)
	case def.Kind != partnership.KindApplication:
		d := doc.Diag("/kind", "expected an application to the call %q; this is a %s", call.ID, def.Kind)
		d.Hint = "name only the applications, or a directory that holds them"
		c.Problem = &d
	case otherCall:
		d := doc.Diag("/application/call/id", "this application answers the call %q, not %q", def.Application.Call.ID, call.ID)
		c.Problem = &d
	}
	return c
}

func quote(s string) string { return `"` + s + `"` }
