package main

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/schema"
	"github.com/urfave/cli/v2"
)

func initCommand() *cli.Command {
	kinds := make([]string, len(partnership.Kinds))
	for i, k := range partnership.Kinds {
		kinds[i] = string(k)
	}
	return &cli.Command{
		Name:  "init",
		Usage: "print a commented starter definition for a kind of document",
		Description: `Prints a starter definition whose every key is explained in a comment, in the language
asked for. Its first line points editors that understand the yaml-language-server modeline at
the schema, so they complete keys and check values as you type: the schema file named with
--schema, else the nearest ` + partnership.SchemaFileName + ` in this folder or a folder above
it (commons schema -o ` + partnership.SchemaFileName + ` writes one), else the schema's address
on the web, with a comment saying how to work offline. The folder is the one of the file the
output is redirected to, where the system tells it, else the working directory.

Example:
   commons init --kind convention --lang fr > ma-convention.yaml
   commons schema -o ` + partnership.SchemaFileName + `
   commons init --kind charter --schema ` + partnership.SchemaFileName + ` > charte.yaml`,
		Flags: []cli.Flag{
			listChoice("kind", "", "kind of document", kinds...),
			langFlag("language of the document and of messages: fr or en (default: fr)"),
			fileFlag("schema", "path (relative to the file you write) or URL of the JSON Schema the modeline names"),
		},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usageError(c, "init-no-arguments")
			}
			if c.String("kind") == "" {
				return usageError(c, "init-needs-kind", partnership.OrList(kinds))
			}
			lang := c.String("lang")
			if lang == "" {
				lang = partnership.French
			}
			ref := c.String("schema")
			if ref == "" {
				ref = partnership.FindSchemaFile(starterDir(c.App.Writer))
			} else if !strings.Contains(ref, "://") {
				if _, err := os.Stat(ref); err != nil {
					say(c.App.ErrWriter, messageLang(c, lang), "schema-not-there", ref, partnership.SchemaFileName)
				}
			}
			if ref == "" {
				ref = schema.ID
			}
			_, err := c.App.Writer.Write(partnership.ScaffoldWith(partnership.Kind(c.String("kind")), lang, ref))
			return err
		},
	}
}

// starterDir is the folder of the file the starter is written to, when standard output is
// redirected to a regular file and the system names it (/proc/self/fd on Linux), so that
// "commons init > conventions/pacte.yaml" names the schema relative to conventions/; else the
// working directory.
func starterDir(w io.Writer) string {
	f, ok := w.(*os.File)
	if !ok {
		return "."
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return "."
	}
	name, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(f.Fd())))
	if err != nil || !filepath.IsAbs(name) {
		return "."
	}
	return filepath.Dir(name)
}
