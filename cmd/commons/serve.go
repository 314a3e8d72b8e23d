package main

import (
	"net"
	"net/url"

	"github.com/commons-toolkit/commons/partnership"
	"github.com/commons-toolkit/commons/partnership/serve"
	"github.com/urfave/cli/v2"
)

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "edit the definitions of a directory in the browser, with the document beside them",
		ArgsUsage: "[DIR]",
		Description: `Serves a workspace: the definitions of DIR (default: the current directory), each with a
form generated from the schema, its YAML text, its diagnostics and its rendered document
updated as you type. Saving changes only the lines of what changed.

It listens on the loopback address, for this machine only. Another --addr makes it reachable
from the network, with no accounts: put it behind a reverse proxy that authenticates users
instead, and name the proxy's public host with --host.

Example:
   commons serve --open conventions/
   commons serve --addr 127.0.0.1:8080 --host communs.example.org conventions/`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "address to listen on"},
			&cli.BoolFlag{Name: "open", Usage: "open the workspace in the default browser"},
			&cli.StringSliceFlag{Name: "host", Usage: "a further host name the server answers to (the public name of a reverse proxy)"},
		},
		Action: runServe,
	}
}

func runServe(c *cli.Context) error {
	if c.NArg() > 1 {
		return usageError(c, "serve-one-directory")
	}
	lang := messageLang(c, "")
	dir := c.Args().First()
	if dir == "" {
		dir = "."
	}
	pdf, err := pdfOptions()
	if err != nil {
		return ioFailure(err)
	}
	ln, err := net.Listen("tcp", c.String("addr"))
	if err != nil {
		return ioFailure(err)
	}
	defer ln.Close()
	srv, err := serve.New(dir, serve.Options{Addr: ln.Addr().String(), Hosts: c.StringSlice("host"), PDF: pdf})
	if err != nil {
		return ioFailure(err)
	}
	defer srv.Close()
	if !serve.IsLoopback(ln.Addr().String()) {
		say(c.App.ErrWriter, lang, "serve-reachable", ln.Addr().String(), partnership.Printable(dir))
	}
	u := (&url.URL{Scheme: "http", Host: ln.Addr().String(), Path: "/"}).String()
	say(c.App.ErrWriter, lang, "serving", partnership.Printable(dir), u)
	if c.Bool("open") {
		if err := serve.OpenBrowser(u); err != nil {
			say(c.App.ErrWriter, lang, "no-browser", err.Error())
		}
	}
	// Ctrl-C lets the requests in flight finish, so that a save is not cut half-way.
	allowGrace(c.Context, serve.ShutdownTimeout+interruptGrace)
	if err := srv.Serve(c.Context, ln); err != nil {
		return ioFailure(err)
	}
	return nil
}
