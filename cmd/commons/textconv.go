package main

import (
	"io"
	"os"
	"syscall"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/render"
	"github.com/commons-toolkit/commons/partnership/validate"
	"github.com/urfave/cli/v2"
)

func textconvCommand() *cli.Command {
	return &cli.Command{
		Name:      "textconv",
		Usage:     "print a file as git diff should show it: the document of a valid definition, else the file itself",
		ArgsUsage: "FILE",
		Description: `The textconv driver of git for definitions. Prints the rendered Markdown of a valid
definition, so that git diff, git log -p and git show print the change of the document's
text. Anything else (a YAML or JSON file that is not a definition, an invalid definition, an
application whose call git's temporary copy cannot reach, a file that cannot be read or is
beyond the limits) is printed as it is, and the exit status is always 0, so that git always
has something to show. It writes nothing on standard error.

In the repository's .gitattributes:
   *.yaml diff=commons
   *.yml diff=commons
   *.json diff=commons

Example:
   git config diff.commons.textconv "commons textconv"
   git config diff.commons.cachetextconv true
   commons textconv examples/pacte-parc-des-glycines.yaml`,
		Action: runTextconv,
	}
}

func runTextconv(c *cli.Context) error {
	if c.NArg() != 1 {
		return usageError(c, "textconv-one")
	}
	file := c.Args().First()
	data, ok := readRegular(file)
	if !ok {
		return nil // nothing to show, but never an error that would stop git
	}
	if md, ok := renderQuietly(c, file, data); ok {
		data = md
	}
	_, err := c.App.Writer.Write(data)
	return err
}

// readRegular reads a regular file, without waiting on a named pipe; false when it cannot.
func readRegular(file string) ([]byte, bool) {
	f, err := os.OpenFile(file, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, false
	}
	data, err := io.ReadAll(f)
	return data, err == nil
}

// renderQuietly renders a definition held in data to Markdown, or reports false when it is not a
// valid definition or cannot be rendered. Nothing is printed: warnings would only clutter git's
// output.
func renderQuietly(c *cli.Context, file string, data []byte) ([]byte, bool) {
	limits := partnership.DefaultLimits // a file over them does not load, and is shown as it is
	doc, diags := validate.Data(partnership.DisplayPath(file), data, limits, func(call string) (string, []byte, error) {
		p, data, err := partnership.ReadCallFile(file, call, nil, limits)
		return partnership.DisplayPath(p), data, err
	})
	if doc == nil || diags.HasErrors() {
		return nil, false
	}
	r, err := render.New()
	if err != nil {
		return nil, false
	}
	out, err := r.RenderContext(c.Context, doc)
	if err != nil {
		return nil, false
	}
	return out.Markdown, true
}
