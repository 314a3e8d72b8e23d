package validate

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
)

// Validate checks a loaded definition in two layers, reported together: the JSON Schema, then
// the rules the schema cannot express (references, the three colleges, weights, dates, funding
// limits…). call is the call for commons an application answers, when known, so that its
// challenges, criteria and funding band can be checked; pass nil otherwise.
//
// A rule whose subject already has a schema error stays silent: the schema error explains it.
// The result is sorted and free of duplicates.
func Validate(doc *partnership.Document, call *partnership.Document) partnership.Diagnostics {
	// A section that does not belong to the kind of document is reported once, as such; what
	// the schema finds wrong inside it does not matter.
	misplaced := misplacedSections(doc)
	// The rules first: the schema's compilation, started in the background as a command begins,
	// may still be under way, and the rules do not need it.
	ruleDiags := append(checkRules(doc, call), checkURLs(doc)...)
	var schemaDiags partnership.Diagnostics
	for _, d := range checkSchema(doc) {
		if !slices.ContainsFunc(misplaced, func(m partnership.Diagnostic) bool { return within(d.Pointer, m.Pointer) }) {
			schemaDiags = append(schemaDiags, d)
		}
	}
	diags := append(schemaDiags, misplaced...)
	for _, d := range ruleDiags {
		if !overlapsSchemaError(d.Pointer, schemaDiags) {
			diags = append(diags, d)
		}
	}
	return diags.Sorted()
}

// overlapsSchemaError reports whether a rule diagnostic concerns a value that lies inside, or
// contains, a value the schema already rejected. Errors at the root (a missing section) do not
// silence anything.
func overlapsSchemaError(pointer string, schemaDiags partnership.Diagnostics) bool {
	for _, s := range schemaDiags {
		if s.Pointer == "" || s.Severity != partnership.Error {
			continue
		}
		if within(pointer, s.Pointer) || within(s.Pointer, pointer) && pointer != "" {
			return true
		}
	}
	return false
}

// within reports whether pointer p is q or lies below it.
func within(p, q string) bool {
	return p == q || strings.HasPrefix(p, q+"/")
}

// File loads and validates one definition file. For an application whose call names a file
// (relative to the application), that call is loaded and validated as well, and the application
// is checked against it; the call must lie below the working directory, the application's
// directory or its git repository (FileWith sets other directories). A file that cannot be read
// is an error; everything wrong with the content is a diagnostic.
func File(name string, limits partnership.Limits) (*partnership.Document, partnership.Diagnostics, error) {
	return FileWith(name, Options{Limits: limits})
}

// Options say how FileWith reads a definition and the call an application names.
type Options struct {
	Limits partnership.Limits
	// CallRoots are the directories the call an application names may lie in; when empty, those
	// of partnership.CallRoots.
	CallRoots []string
	// Calls, when set, keeps the calls applications name from one file to the next, so that a
	// batch loads and validates each call once.
	Calls *Calls
}

// FileWith is File with options.
func FileWith(name string, opts Options) (*partnership.Document, partnership.Diagnostics, error) {
	data, doc, diags, err := LoadFile(name, opts.Limits)
	if err != nil {
		return nil, nil, err
	}
	doc, diags = LoadedWith(name, data, doc, diags, opts)
	return doc, diags, nil
}

// LoadFile reads and loads the definition file name ("-" for standard input) as FileWith does
// before it validates it: LoadedWith takes what it returns. A program may do something else with
// the definition in the meantime.
func LoadFile(name string, limits partnership.Limits) ([]byte, *partnership.Document, partnership.Diagnostics, error) {
	data, err := partnership.ReadFile(name, os.Stdin, limits)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("read %s: %w", partnership.DisplayPath(name), err)
	}
	doc, diags := partnership.Load(partnership.DisplayPath(name), data, limits)
	return data, doc, diags, nil
}

// LoadedWith is FileWith for a file already read and loaded: data is what the file name holds,
// doc and diags what partnership.Load(partnership.DisplayPath(name), data, opts.Limits) returned.
// A program that must read a file to tell what it is validates it without reading it twice.
func LoadedWith(name string, data []byte, doc *partnership.Document, diags partnership.Diagnostics, opts Options) (*partnership.Document, partnership.Diagnostics) {
	return loaded(partnership.DisplayPath(name), data, doc, diags, opts.Limits, opts.callReader(name), opts.Calls)
}

// callReader reads the call the application in file name names, within opts.CallRoots.
func (opts Options) callReader(name string) CallReader {
	return func(call string) (string, []byte, error) {
		p, data, err := partnership.ReadCallFile(name, call, opts.CallRoots, opts.Limits)
		return partnership.DisplayPath(p), data, err
	}
}

// Prepare compiles the JSON Schema ahead of the first validation, which a program may do in the
// background while it reads its input.
func Prepare() { compiled() }
