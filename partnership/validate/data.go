package validate

import (
	"path"

	"github.com/commons-toolkit/commons/partnership"
)

// CallReader reads the call for commons an application names, given the path the application
// writes (relative to the application's own file). It returns the name diagnostics give the
// call's file, and its content.
type CallReader func(call string) (name string, data []byte, err error)

// Data loads and validates a definition held in memory, named file in diagnostics: what File
// does for a file on disk. readCall reads the call an application names; with a nil readCall
// the application is checked on its own.
func Data(file string, data []byte, limits partnership.Limits, readCall CallReader) (*partnership.Document, partnership.Diagnostics) {
	doc, diags := partnership.Load(file, data, limits)
	if doc == nil {
		return nil, diags
	}
	var call *partnership.Document
	if app := doc.Definition.Application; app != nil && app.Call.File != "" && doc.Definition.Kind == partnership.KindApplication && readCall != nil {
		name, data, err := readCall(app.Call.File)
		var c *partnership.Document
		var callDiags partnership.Diagnostics
		if err == nil {
			c, callDiags = partnership.Load(name, data, limits)
		}
		switch {
		case err != nil:
			diags = append(diags, doc.Diag("/application/call/file", "cannot read the call %q: %v", app.Call.File, unwrapPathError(err)))
		case c == nil:
			diags = append(diags, callDiags...)
			diags = append(diags, doc.Diag("/application/call/file", "the call %q cannot be read as a definition; see its own diagnostics", path.Clean(app.Call.File)))
		default:
			diags = append(diags, callDiags...)
			diags = append(diags, Validate(c, nil)...)
			call = c
		}
	}
	diags = append(diags, Validate(doc, call)...)
	if call != nil && !diags.HasErrors() {
		doc.Call = call
	}
	return doc, diags.Sorted()
}
