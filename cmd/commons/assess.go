package main

import (
	"context"
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/score"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// assessed is what assess keeps of one file: its line of the report and the diagnostics it
// prints, or why it is left out, never the loaded definition, so that memory does not grow with
// what the applications hold.
type assessed struct {
	app     score.Application
	invalid bool
	// problems are the diagnostics of an invalid application; glyphs those of the characters
	// the PDF's font lacks.
	problems partnership.Diagnostics
	glyphs   partnership.Diagnostics
	// skip says why a file found in a directory is left out; named, that a file named on the
	// command line is not an application to the call.
	skip  partnership.Msg
	named *partnership.Diagnostic
	err   error
}

// assessAll reads, validates and assesses the files on one worker per processor, each file read
// and loaded once. The results are in the order of inputs, whatever order the workers finish
// in, so that the report and the diagnostics are the same bytes with any number of processors.
// The call each application names is loaded once, through opts.Calls. The work stops at Ctrl-C,
// and at the first file that cannot be read: the error returned is then that of the first such
// file in the order of inputs, as if they had been read one by one (inputs are taken in order,
// and every input taken is finished).
func assessAll(ctx context.Context, inputs []score.Input, call *partnership.Definition, opts validate.Options,
	glyphs func(*partnership.Document) partnership.Diagnostics, bar *progress) ([]assessed, error) {
	results := make([]assessed, len(inputs))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(inputs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(inputs) {
					return
				}
				results[i] = assessOne(inputs[i], call, opts, glyphs)
				if results[i].err != nil {
					failed.Store(true)
				}
				bar.done()
			}
		}()
	}
	wg.Wait()
	for _, res := range results {
		if res.err != nil {
			return nil, res.err
		}
	}
	if err := ctx.Err(); err != nil { // Ctrl-C: run reports it
		return nil, err
	}
	return results, nil
}

// assessOne reads an input and, when it is an application to the call, validates it against the
// call it names and assesses it against the call of the command line.
func assessOne(in score.Input, call *partnership.Definition, opts validate.Options, glyphs func(*partnership.Document) partnership.Diagnostics) assessed {
	c := score.Read(call, in, os.Stdin, opts.Limits)
	switch {
	case c.Err != nil:
		return assessed{err: failedStep("step-read", partnership.DisplayPath(in.Path), c.Err)}
	case c.Skip.Code != "":
		return assessed{skip: c.Skip}
	case c.Problem != nil:
		return assessed{named: c.Problem}
	}
	// score.Read has turned away every other kind; a file without a kind is invalid, and the
	// schema says why.
	doc, diags := validate.LoadedWith(in.Path, c.Data, c.Doc, c.Diags, opts)
	if doc == nil || diags.HasErrors() {
		return assessed{app: score.Invalid(partnership.DisplayPath(in.Path), doc, diags), invalid: true, problems: diags}
	}
	return assessed{app: score.AssessApplication(doc, call), glyphs: glyphs(doc)}
}
