// Package earlywarm starts the one-off work of a command while the program's other packages are
// still being initialised.
//
// Go initialises packages one at a time, on one thread, for the first 15 to 20 ms of a process;
// the other processors wait. This package imports little beyond package partnership, and its
// import path sorts before the libraries that initialise after partnership (goldmark's parser
// and extensions, gojsonschema, urfave/cli, net/http), so it runs as soon as partnership is
// ready. It then builds, on another thread, what the command will need from partnership alone
// (the schema model), and that work overlaps the rest of the initialisation instead of
// following it. The command's own warm-up asks for the same work later and finds it done or
// under way: each piece is computed once per process.
package earlywarm

import (
	"os"
	"slices"

	"github.com/commons-toolkit/commons/cmd/commons/internal/hugeheap"
	"github.com/commons-toolkit/commons/partnership"
)

// SchemaCommands are the commands that read the schema model: those that validate definitions.
var SchemaCommands = []string{"validate", "render", "score", "assess", "diff"}

func init() {
	if slices.Contains(SchemaCommands, hugeheap.CommandOf(os.Args)) {
		go partnership.Schema()
	}
}
