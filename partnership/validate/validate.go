package validate

import (
	"fmt"
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
	var schemaDiags partnership.Diagnostics
	for _, d := range checkSchema(doc) {
		if !slices.ContainsFunc(misplaced, func(m partnership.Diagnostic) bool { return within(d.Pointer, m.Pointer) }) {
			schemaDiags = append(schemaDiags, d)
		}
	}
	ruleDiags := append(checkRules(doc, call), checkURLs(doc)...)
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
}

// FileWith is File with options.
func FileWith(name string, opts Options) (*partnership.Document, partnership.Diagnostics, error) {
	doc, diags, err := partnership.LoadFile(name, opts.Limits)
	if err != nil || doc == nil {
		return doc, diags, err
	}
	var call *partnership.Document
	if app := doc.Definition.Application; app != nil && app.Call.File != "" && doc.Definition.Kind == partnership.KindApplication {
		var callDiags partnership.Diagnostics
		call, callDiags = loadCall(doc, name, app.Call.File, opts)
		diags = append(diags, callDiags...)
	}
	diags = append(diags, Validate(doc, call)...)
	if call != nil && !diags.HasErrors() {
		doc.Call = call
	}
	return doc, diags.Sorted(), nil
}

// loadCall reads, loads and validates the call an application names. A file that is not a call
// for commons is reported as such, in one diagnostic on the application that quotes nothing of
// what the file holds: an application received from someone else may name any file.
func loadCall(doc *partnership.Document, name, file string, opts Options) (*partnership.Document, partnership.Diagnostics) {
	const at = "/application/call/file"
	path, data, err := partnership.ReadCallFile(name, file, opts.CallRoots, opts.Limits)
	if err != nil {
		return nil, partnership.Diagnostics{doc.Diag(at, "%v", err)}
	}
	c, diags := partnership.Load(partnership.DisplayPath(path), data, opts.Limits)
	switch {
	case c == nil || diags.HasErrors():
		return nil, partnership.Diagnostics{doc.Diag(at, "the call %q is not a definition that can be read (not YAML or JSON, or beyond the limits); check it with commons validate", file)}
	case c.Definition.Kind != partnership.KindCall:
		d := doc.Diag(at, "the call %q is not a call for commons", file)
		if slices.Contains(partnership.Kinds, c.Definition.Kind) {
			d.Message += fmt.Sprintf("; its kind is %q", c.Definition.Kind)
		}
		return nil, partnership.Diagnostics{d}
	}
	return c, append(diags, Validate(c, nil)...)
}

// Prepare compiles the JSON Schema ahead of the first validation, which a program may do in the
// background while it reads its input.
func Prepare() { compiled() }
