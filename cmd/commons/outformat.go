package main

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

// extensionFormats are the formats the extension of an output file names.
var extensionFormats = map[string]string{
	".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx",
	".odt": "odt", ".csv": "csv", ".json": "json", ".txt": "text",
}

// binaryFormats are the formats a terminal cannot show.
var binaryFormats = []string{"pdf", "docx", "odt"}

// formatChoices returns the formats the command's --format accepts.
func formatChoices(c *cli.Context) []string {
	for _, f := range c.Command.Flags {
		if ch, ok := f.(*choiceFlag); ok && ch.Name == "format" {
			return ch.Choices
		}
	}
	return nil
}

// outputFormat returns the format a command writes to output ("" or "-" for standard output):
// the one --format names, else the one the extension of output names (parc.pdf: pdf), else the
// default of --format. An extension that names another format than --format, or that names no
// format the command writes when --format is left out, is a usage error; so is a binary format
// written to a terminal. csv names the format scdl for commands that write SCDL.
func outputFormat(c *cli.Context, output, example string) (string, error) {
	choices := formatChoices(c)
	format := c.String("format")
	ext := strings.ToLower(filepath.Ext(output))
	if output != "" && output != "-" && ext != "" {
		fromExt, known := extensionFormats[ext]
		if fromExt == "csv" && !slices.Contains(choices, "csv") && slices.Contains(choices, "scdl") {
			fromExt = "scdl"
		}
		known = known && slices.Contains(choices, fromExt)
		switch {
		case c.IsSet("format") && known && fromExt != format:
			return "", usageError(c, "format-contradicts-extension", format, partnership.Printable(output), fromExt)
		case !c.IsSet("format") && known:
			format = fromExt
		case !c.IsSet("format"):
			return "", usageError(c, "unknown-output-extension", partnership.Printable(output), extensionsOf(choices))
		}
	}
	// A batch with --out-dir writes files, not standard output, whatever the terminal.
	toFiles := c.String("out-dir") != ""
	if (output == "" || output == "-") && !toFiles && slices.Contains(binaryFormats, format) && isTerminal(c.App.Writer) {
		name := example + "." + format
		return "", usageError(c, "binary-to-terminal", strings.ToUpper(format), name)
	}
	return format, nil
}

// extensionsOf lists the extensions that name formats: ".md, .html or .pdf".
func extensionsOf(formats []string) partnership.List {
	var exts []string
	for _, f := range formats {
		for ext, g := range extensionFormats {
			if g == f || f == "scdl" && g == "csv" {
				exts = append(exts, ext)
			}
		}
	}
	slices.Sort(exts)
	return partnership.OrList(exts)
}

// outputName is the name of a document written from a definition file, without its extension,
// for the messages that suggest a file name: "pacte" for conventions/pacte.yaml.
func outputName(file string) string {
	if file == "" || file == "-" {
		return "document"
	}
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
