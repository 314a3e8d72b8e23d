package main

import (
	"slices"

	"github.com/commons-toolkit/commons/cmd/commons/internal/earlywarm"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/typeset"
	"github.com/commons-toolkit/commons/partnership/validate"
)

// warmUp prepares, in the background, what the command about to run will need: the compiled
// schema and the clause library; warmFonts, the fonts of a PDF. Each is computed once per
// process behind a sync.Once, so a command that needs one before it is ready simply waits for
// it; on a machine with several processors the one-off costs overlap instead of adding up.
func warmUp(command string) {
	// The commands that validate compile the JSON Schema (its model, which they read too, is
	// compiled into the program); render decides when (renderJob.validateLate).
	if slices.Contains(earlywarm.SchemaCommands, command) && command != "render" {
		go validate.Prepare()
	}
	switch command {
	case "render", "assess", "diff":
		go render.EmbeddedLibrary()
	}
}

// warmFonts reads the embedded fonts in the background when the command writes a PDF, as soon
// as it knows its format: no other format reads them.
func warmFonts(format string) {
	if format == "pdf" {
		go typeset.Prepare()
	}
}
