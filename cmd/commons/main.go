// Command commons turns public–commons partnership definitions into the documents a public body
// and citizen collectives sign, and checks them on the way.
package main

import "os"

func main() { os.Exit(run(os.Args, os.Stdout, os.Stderr)) }
