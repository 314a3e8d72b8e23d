// Command commons turns public–commons partnership definitions into the documents a public body
// and citizen collectives sign, and checks them on the way.
package main

import (
	"os"

	// Imported for their initialisation, which runs early: hugeheap advises the heap for huge
	// pages, earlywarm starts the command's one-off work during the rest of the initialisation.
	_ "github.com/commons-toolkit/commons/cmd/commons/internal/earlywarm"
	_ "github.com/commons-toolkit/commons/cmd/commons/internal/hugeheap"
)

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }
