package validate

import (
	"bytes"
	"slices"
	"sync"

	"github.com/commons-toolkit/commons/partnership"
)

// Calls keeps the calls for commons that applications name, so that a run which checks many
// applications to one call loads and validates that call once, however many applications name
// it. A call is known by the name diagnostics give its file and by its exact bytes: the reader of
// each application still decides, application by application, whether that application may name
// the file (partnership.ReadCallFile's confinement), and a call that changes between two reads
// is loaded again. The zero value is ready to use, and a Calls is safe for concurrent use.
type Calls struct {
	mu    sync.Mutex
	calls map[callKey][]*loadedCall
	// order is the calls in the order they were first asked for, to forget the oldest first.
	order []*loadedCall
}

// maxCalls is the most calls a Calls keeps: memory stays flat in a batch that holds many calls,
// and the calls of a folder of applications stay known.
const maxCalls = 32

type callKey struct {
	name   string
	limits partnership.Limits
}

// loadedCall is a call file once loaded: the Document, the diagnostics of loading it, and, when
// it is a call for commons that could be read, those of validating it. The Document is shared by
// every application that names the call, and only ever read.
type loadedCall struct {
	key    callKey
	data   []byte
	once   sync.Once
	doc    *partnership.Document
	load   partnership.Diagnostics
	checks partnership.Diagnostics
}

// remember records a call loaded and validated elsewhere, unless one of that name and content
// is known already.
func (cs *Calls) remember(name string, data []byte, limits partnership.Limits, doc *partnership.Document, load, checks partnership.Diagnostics) {
	if cs == nil {
		return
	}
	l := cs.entry(name, data, limits)
	l.once.Do(func() { l.doc, l.load, l.checks = doc, slices.Clone(load), slices.Clone(checks) })
}

// entry returns the entry of a call, made if it is new; the oldest is forgotten when there are
// too many.
func (cs *Calls) entry(name string, data []byte, limits partnership.Limits) *loadedCall {
	key := callKey{name: name, limits: limits}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	for _, l := range cs.calls[key] {
		if bytes.Equal(l.data, data) {
			return l
		}
	}
	if cs.calls == nil {
		cs.calls = map[callKey][]*loadedCall{}
	}
	if len(cs.order) == maxCalls {
		old := cs.order[0]
		// Delete, not a reslice: the slot it frees must not keep the call's bytes alive.
		cs.order = slices.Delete(cs.order, 0, 1)
		cs.calls[old.key] = slices.DeleteFunc(cs.calls[old.key], func(l *loadedCall) bool { return l == old })
		if len(cs.calls[old.key]) == 0 {
			delete(cs.calls, old.key)
		}
	}
	l := &loadedCall{key: key, data: bytes.Clone(data)}
	cs.calls[key] = append(cs.calls[key], l)
	cs.order = append(cs.order, l)
	return l
}

// load returns the call file of that name and content, loaded and, when it is a call for
// commons, validated: once per Calls, or every time with a nil Calls. Concurrent requests for the
// same call wait for the first to finish.
func (cs *Calls) load(name string, data []byte, limits partnership.Limits) (*partnership.Document, partnership.Diagnostics, partnership.Diagnostics) {
	l := &loadedCall{}
	if cs != nil {
		l = cs.entry(name, data, limits)
	}
	l.once.Do(func() {
		l.doc, l.load = partnership.Load(name, data, limits)
		if l.doc != nil && !l.load.HasErrors() && l.doc.Definition.Kind == partnership.KindCall {
			l.checks = Validate(l.doc, nil)
		}
	})
	// Each caller gets slices of its own, which it may append to.
	return l.doc, slices.Clone(l.load), slices.Clone(l.checks)
}
