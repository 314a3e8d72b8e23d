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
	var schemaDiags partnership.Diagnostics
	for _, d := range checkSchema(doc) {
		if !slices.ContainsFunc(misplaced, func(m partnership.Diagnostic) bool { return within(d.Pointer, m.Pointer) }) {
			schemaDiags = append(schemaDiags, d)
		}
	}
	ruleDiags := checkRules(doc, call)
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
// is checked against it. A file that cannot be read is an error; everything wrong with the
// content is a diagnostic.
func File(name string, limits partnership.Limits) (*partnership.Document, partnership.Diagnostics, error) {
	data, err := partnership.ReadFile(name, os.Stdin, limits)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", partnership.DisplayPath(name), err)
	}
	doc, diags := Data(partnership.DisplayPath(name), data, limits, func(call string) (string, []byte, error) {
		p := partnership.ResolveCallFile(name, call)
		data, err := partnership.ReadFile(p, os.Stdin, limits)
		if err != nil {
			return "", nil, fmt.Errorf("read %s: %w", partnership.DisplayPath(p), err)
		}
		return partnership.DisplayPath(p), data, nil
	})
	return doc, diags, nil
}

// unwrapPathError keeps the reason of an I/O error ("no such file or directory") without the
// path, which the diagnostic already names.
func unwrapPathError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// Prepare compiles the JSON Schema ahead of the first validation, which a program may do in the
// background while it reads its input.
func Prepare() { compiled() }
