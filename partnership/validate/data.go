package validate

import (
	"errors"
	"slices"

	"github.com/commons-toolkit/commons/partnership"
)

// CallReader reads the call for commons an application names, given the path the application
// writes (relative to the application's own file). It returns the name diagnostics give the
// call's file, and its content. A reader decides which files an application may name: File's
// reads only below the roots of partnership.ReadCallFile; a server's, only in what it serves.
type CallReader func(call string) (name string, data []byte, err error)

// Data loads and validates a definition held in memory, named file in diagnostics: what File
// does for a file on disk. readCall reads the call an application names; with a nil readCall
// the application is checked on its own.
func Data(file string, data []byte, limits partnership.Limits, readCall CallReader) (*partnership.Document, partnership.Diagnostics) {
	return dataWith(file, data, limits, readCall, nil)
}

// dataWith is Data, with the calls already loaded in this run.
func dataWith(file string, data []byte, limits partnership.Limits, readCall CallReader, calls *Calls) (*partnership.Document, partnership.Diagnostics) {
	doc, diags := partnership.Load(file, data, limits)
	return loaded(file, data, doc, diags, limits, readCall, calls)
}

// loaded is dataWith once the file is loaded: doc and diags are what partnership.Load returned.
func loaded(file string, data []byte, doc *partnership.Document, diags partnership.Diagnostics, limits partnership.Limits, readCall CallReader, calls *Calls) (*partnership.Document, partnership.Diagnostics) {
	if doc == nil {
		return nil, diags
	}
	diags = slices.Clone(diags)
	var call *partnership.Document
	if app := doc.Definition.Application; app != nil && app.Call.File != "" && doc.Definition.Kind == partnership.KindApplication && readCall != nil {
		var callDiags partnership.Diagnostics
		call, callDiags = loadCall(doc, app.Call.File, limits, readCall, calls)
		diags = append(diags, callDiags...)
	}
	checks := Validate(doc, call)
	if doc.Definition.Kind == partnership.KindCall {
		// A call checked on its own, as assess checks the call it is given: the applications
		// that name the same file find it done.
		calls.remember(file, data, limits, doc, diags, checks)
	}
	diags = append(diags, checks...)
	if call != nil && !diags.HasErrors() {
		doc.Call = call
	}
	return doc, diags.Sorted()
}

// loadCall reads, loads and validates the call an application names. A file that is not a call
// for commons is reported as such, in one diagnostic on the application that quotes nothing of
// what the file holds: an application received from someone else may name any file, and its
// diagnostics would otherwise show what that file contains. Only a call for commons has its own
// diagnostics reported.
func loadCall(doc *partnership.Document, file string, limits partnership.Limits, readCall CallReader, calls *Calls) (*partnership.Document, partnership.Diagnostics) {
	const at = "/application/call/file"
	name, data, err := readCall(file)
	if err != nil {
		var ce *partnership.CallFileError
		if errors.As(err, &ce) {
			m := ce.Msg()
			return nil, partnership.Diagnostics{doc.Diag(at, m.Code, m.Args...)}
		}
		return nil, partnership.Diagnostics{doc.Diag(at, "call-read-error", file, partnership.Reason{Err: err})}
	}
	c, diags, checks := calls.load(name, data, limits)
	switch {
	case c == nil || diags.HasErrors():
		return nil, partnership.Diagnostics{doc.Diag(at, "call-not-definition", file)}
	case c.Definition.Kind != partnership.KindCall:
		if slices.Contains(partnership.Kinds, c.Definition.Kind) {
			return nil, partnership.Diagnostics{doc.Diag(at, "call-wrong-kind", file, string(c.Definition.Kind))}
		}
		return nil, partnership.Diagnostics{doc.Diag(at, "call-not-call", file)}
	}
	return c, append(diags, checks...)
}
