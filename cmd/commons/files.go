package main

import (
	"os"

	"github.com/commons-toolkit/commons/cmd/commons/internal/earlywarm"
	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/urfave/cli/v2"
)

// rootFlag is --root, for the commands that read applications: the call an application names
// is read only below this directory.
func rootFlag() cli.Flag {
	return &cli.StringFlag{Name: "root", TakesFile: true, Usage: "read the call an application names only below `DIR` (default: the working directory, the application's directory and its git repository)"}
}

// loadOptions says how a command reads definitions: the limits, and the directory of --root.
func loadOptions(c *cli.Context) (validate.Options, error) {
	// One run loads and validates each call once, however many applications name it.
	opts := validate.Options{Limits: partnership.DefaultLimits, Calls: &validate.Calls{}}
	if dir := c.String("root"); dir != "" {
		st, err := os.Stat(dir)
		if err != nil || !st.IsDir() {
			return opts, usageError(c, "root-not-directory", partnership.Printable(dir))
		}
		opts.CallRoots = []string{dir}
	}
	return opts, nil
}

// loadFile reads and loads the definition file name (validate.LoadFile), taking the file as
// package earlywarm read and loaded it during initialisation when it did.
func loadFile(name string, limits partnership.Limits) (earlywarm.Loaded, error) {
	if l, ok := earlywarm.Take(name, limits); ok {
		return l, nil
	}
	data, doc, diags, err := validate.LoadFile(name, limits)
	return earlywarm.Loaded{Data: data, Doc: doc, Diags: diags}, err
}

// validateFile loads (loadFile) and validates the definition file name as validate.FileWith
// does.
func validateFile(name string, opts validate.Options) (*partnership.Document, partnership.Diagnostics, error) {
	l, err := loadFile(name, opts.Limits)
	if err != nil {
		return nil, nil, err
	}
	doc, diags := validate.LoadedWith(name, l.Data, l.Doc, l.Diags, opts)
	return doc, diags, nil
}
