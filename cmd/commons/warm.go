package main

import (
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// warmUp prepares, in the background, what the command about to run will need: the schema (its
// model and its compiled form), the clause library and the font's character set. Each is
// computed once per process behind a sync.Once, so a command that needs one before it is ready
// simply waits for it; on a machine with several processors the one-off costs overlap instead of
// adding up.
func warmUp(command string) {
	switch command {
	case "validate", "render", "score", "assess", "diff":
		go partnership.Schema()
		go validate.Prepare()
	}
	switch command {
	case "render", "assess", "diff":
		go render.EmbeddedLibrary()
		go typeset.Prepare()
	}
}
