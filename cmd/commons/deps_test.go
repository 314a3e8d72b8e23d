package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestLeavesOutGoldmarkExtensions keeps goldmark's extension package out of the program: its
// package initialisation (the regular expressions of extensions the program does not use) was
// the most expensive of the program's start-up, and partnership/typeset/gfm reads the tables and
// strikethrough the documents use. Only the package of the extension AST nodes may be linked.
func TestLeavesOutGoldmarkExtensions(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: the program's packages cannot be listed")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/yuin/goldmark/extension/ast") {
		t.Fatalf("the listing does not hold the extension AST package the writers read: %q", deps)
	}
	if slices.Contains(deps, "github.com/yuin/goldmark/extension") {
		t.Error("the program links github.com/yuin/goldmark/extension again; partnership/typeset/gfm has the extensions it needs")
	}
}
