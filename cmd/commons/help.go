package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/urfave/cli/v2"
)

// The help of the program is written in the language of its messages (argsLang: --lang, else
// the locale), else in English. The commands and flags are defined in English; localizeHelp
// gives the program and each command the help templates of the language, and the French
// templates translate each text when they print it, from the catalogue of help_fr.go. English
// help is urfave/cli's own templates, word for word.

// localizeHelp makes app print its help in lang. The English help is urfave/cli's; the French
// help is printed by templates of its own, set on the program and on each of its commands.
func localizeHelp(app *cli.App, lang string) {
	useHelpPrinter()
	// A word typed after CMD --help is not a subcommand of CMD (commons render x.yaml --help):
	// the help is then the command's.
	app.CommandNotFound = func(c *cli.Context, _ string) {
		if c.Command == nil || c.Command.Name == c.App.Name {
			_ = cli.ShowAppHelp(c) // commons --help x
			return
		}
		showCommandHelp(c.App.Writer, c.Command)
	}
	templates := frenchTemplates
	if lang != partnership.French {
		templates = englishTemplates
	}
	app.CustomAppHelpTemplate = templates.app
	var each func([]*cli.Command)
	each = func(commands []*cli.Command) {
		for _, cmd := range commands {
			cmd.CustomHelpTemplate = templates.command
			if hasSubcommands(cmd) {
				cmd.CustomHelpTemplate = templates.subcommands
			}
			each(cmd.Subcommands)
		}
	}
	each(app.Commands)
}

// showCommandHelp prints the help of a command as CMD --help does: its own template, else
// urfave/cli's for a command with or without subcommands.
func showCommandHelp(w io.Writer, cmd *cli.Command) {
	template := cmd.CustomHelpTemplate
	if template == "" {
		template = cli.CommandHelpTemplate
		if hasSubcommands(cmd) {
			template = cli.SubcommandHelpTemplate
		}
	}
	cli.HelpPrinter(w, template, cmd)
}

// hasSubcommands reports whether a command has a subcommand that its help lists (urfave/cli's
// help subcommand, which it adds unless HideHelp, is not one).
func hasSubcommands(cmd *cli.Command) bool {
	for _, c := range cmd.Subcommands {
		if !c.Hidden && c.Name != "help" {
			return true
		}
	}
	return false
}

var useHelpPrinter = sync.OnceFunc(func() {
	// urfave/cli v2 gives a template per app and per command, but the functions a template may
	// call only through its package-level HelpPrinter. The printer set here is the same for every
	// app and keeps no state (the language of a help is in its template), so it is set once per
	// process: runs that print help at the same time, in tests, all read the same function.
	cli.HelpPrinter = func(w io.Writer, template string, data any) {
		cli.HelpPrinterCustom(w, template, data, helpFuncs)
	}
})

// helpFuncs are the functions of the French templates.
var helpFuncs = map[string]any{
	"fr":            frenchHelp,
	"frDescription": frenchDescription,
	"frFlag":        func(f cli.Flag) string { return flagLine(f, partnership.French) },
}

// frenchHelp is the French of a one-line help text (the usage of a command or a flag, the
// arguments of a command), with French spaces; a text the catalogue lacks is left in English,
// which TestHelpInFrench reports.
func frenchHelp(english string) string {
	if fr, ok := helpFrench[english]; ok {
		return partnership.FrenchSpaces(fr)
	}
	return english
}

// frenchDescription is the French of the description of the command whose help name is
// helpName ("commons render"), with French spaces in its sentences but not in its indented
// lines, which are commands and lines of files (::error file=F…).
func frenchDescription(helpName, english string) string {
	fr, ok := descriptionsFrench[commandKey(helpName)]
	if !ok {
		return english
	}
	lines := strings.Split(fr, "\n")
	for i, l := range lines {
		if !strings.HasPrefix(l, "   ") {
			lines[i] = partnership.FrenchSpaces(l)
		}
	}
	return strings.Join(lines, "\n")
}

// commandKey names a command as the catalogue does: as typed after "commons" ("render",
// "templates lint"), "" for the program.
func commandKey(helpName string) string {
	return strings.TrimSpace(strings.TrimPrefix(helpName, "commons"))
}

// flagLine is the line of a flag in the help: its names, each with the name of its value, then,
// after a tab, its usage and its default value, as urfave/cli writes it in English (the name of
// the value is the word of the usage between backquotes, else "value"). In French, the default
// of a boolean flag, which is off unless given, is left out.
func flagLine(f cli.Flag, lang string) string {
	df, ok := f.(cli.DocGenerationFlag)
	if !ok {
		return ""
	}
	usage, placeholder, format := df.GetUsage(), "value", " (default: %s)"
	def := df.GetDefaultText()
	if lang == partnership.French {
		usage, placeholder, format = frenchFlagUsage(f), frenchHelp(placeholder), frenchHelp(format)
		if s, err := strconv.Unquote(def); err == nil {
			def = partnership.Quote(s, partnership.French)
		}
	}
	if name, text, ok := unquoteUsage(usage); ok {
		placeholder, usage = name, text
	}
	if !df.TakesValue() {
		placeholder = ""
	}
	if b, ok := f.(*cli.BoolFlag); ok && (b.DisableDefaultText || lang == partnership.French) {
		def = ""
	}
	if def != "" {
		usage += fmt.Sprintf(format, def)
	}
	var names []string
	for _, n := range df.Names() {
		names = append(names, strings.TrimSpace(dashed(n)+" "+placeholder))
	}
	line := strings.Join(names, ", ")
	if s, ok := f.(cli.DocGenerationSliceFlag); ok && s.IsSliceFlag() {
		line += " [ " + line + " ]"
	}
	return line + "\t" + strings.TrimSpace(usage)
}

// frenchFlagUsage is the French usage of a flag: that of the catalogue, or for a flag whose
// value is one of a list, its lead and the list.
func frenchFlagUsage(f cli.Flag) string {
	if ch, ok := f.(*choiceFlag); ok && ch.lead != "" {
		return frenchHelp(ch.lead) + partnership.FrenchSpaces(" : ") + partnership.OrList(ch.Choices).In(partnership.French)
	}
	if df, ok := f.(cli.DocGenerationFlag); ok {
		return frenchHelp(df.GetUsage())
	}
	return ""
}

// unquoteUsage takes the name of a flag's value out of its usage, where it is written between
// backquotes, and returns it with the usage without the backquotes.
func unquoteUsage(usage string) (name, text string, ok bool) {
	before, rest, found := strings.Cut(usage, "`")
	if !found {
		return "", usage, false
	}
	name, after, found := strings.Cut(rest, "`")
	if !found {
		return "", usage, false
	}
	return name, before + name + after, true
}

// helpTemplates are the templates of the help of the program, of a command, and of a command
// with subcommands.
type helpTemplates struct{ app, command, subcommands string }

// englishTemplates are urfave/cli's templates, but for two things that give the same help as
// they do when they work: the program's version is shown although urfave/cli's own version flag
// is not used (HideVersion), and a command lists its subcommands without their categories,
// which urfave/cli sets only when the command runs (commons --help templates asks for the help
// of one that has not).
var englishTemplates = helpTemplates{
	app:         strings.Replace(cli.AppHelpTemplate, "{{if not .HideVersion}}", "{{if .Version}}", 1),
	command:     cli.CommandHelpTemplate,
	subcommands: strings.Replace(cli.SubcommandHelpTemplate, `{{template "visibleCommandCategoryTemplate" .}}`, `{{template "visibleCommandTemplate" .}}`, 1),
}

// frenchTemplates are the templates of the French help: urfave/cli's, with French headings and
// texts.
var frenchTemplates = helpTemplates{
	app: frenchHeadings(frenchParts + `NOM :
   {{template "frName" .}}

UTILISATION :
   {{if .UsageText}}{{wrap (fr .UsageText) 3}}{{else}}{{.HelpName}} {{if .VisibleFlags}}[options générales]{{end}}{{if .Commands}} commande [options de la commande]{{end}}{{if .ArgsUsage}} {{fr .ArgsUsage}}{{end}}{{end}}{{if .Version}}

VERSION :
   {{.Version}}{{end}}{{template "frDescription" .}}{{if .VisibleCommands}}

COMMANDES :{{template "frCommands" .}}{{end}}{{if .VisibleFlags}}

OPTIONS GÉNÉRALES :{{template "frFlags" .}}{{end}}
`),
	command: frenchHeadings(frenchParts + `NOM :
   {{template "frName" .}}

UTILISATION :
   {{template "frUsage" .}}{{template "frDescription" .}}{{if .VisibleFlags}}

OPTIONS :{{template "frFlags" .}}{{end}}
`),
	subcommands: frenchHeadings(frenchParts + `NOM :
   {{template "frName" .}}

UTILISATION :
   {{template "frUsage" .}}{{template "frDescription" .}}{{if .VisibleCommands}}

COMMANDES :{{template "frCommands" .}}{{end}}{{if .VisibleFlags}}

OPTIONS :{{template "frFlags" .}}{{end}}
`),
}

// frenchParts are the parts the French templates share, defined before each of them. Their names
// differ from urfave/cli's own parts, which it defines again in every template it prints.
const frenchParts = `{{define "frName"}}{{$v := offset .HelpName 6}}{{wrap .HelpName 3}}{{if .Usage}} - {{wrap (fr .Usage) $v}}{{end}}{{end}}
{{- define "frUsage"}}{{if .UsageText}}{{wrap (fr .UsageText) 3}}{{else}}{{.HelpName}}{{if .VisibleFlags}} [options]{{end}}{{if .ArgsUsage}} {{fr .ArgsUsage}}{{end}}{{end}}{{end}}
{{- define "frDescription"}}{{if .Description}}

DESCRIPTION :
   {{wrap (frDescription .HelpName .Description) 3}}{{end}}{{end}}
{{- define "frCommands"}}{{$cv := offsetCommands .VisibleCommands 5}}{{range .VisibleCommands}}
   {{$s := join .Names ", "}}{{$s}}{{$sp := subtract $cv (offset $s 3)}}{{indent $sp ""}}{{wrap (fr .Usage) $cv}}{{end}}{{end}}
{{- define "frFlags"}}{{range .VisibleFlags}}
   {{wrap (frFlag .) 6}}{{end}}{{end}}
{{- /* the template follows */ -}}
`

// frenchHeadings puts the no-break space French wants before the colon of each heading ("NOM :"),
// written with an ordinary space in the templates above.
func frenchHeadings(template string) string {
	return strings.NewReplacer(" :\n", "\u00a0:\n", " :{{", "\u00a0:{{").Replace(template)
}
