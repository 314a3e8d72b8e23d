package main

import (
	"bytes"
	"errors"
	"os/exec"
	"testing"
)

// TestEarlyLoadChangesNothing runs the program as a process of its own, where package earlywarm
// reads and loads the definitions of the command line during initialisation, and in-process,
// where it does not (the test binary's arguments name no command), on every example, valid or
// not, and checks that the two print the same bytes and exit with the same code.
func TestEarlyLoadChangesNothing(t *testing.T) {
	bin := program(t)
	repoRoot(t)
	files := append(definitionFiles(t, "examples"), definitionFiles(t, "examples/invalid")...)
	commands := [][]string{{"validate"}, {"render"}, {"--lang", "fr", "validate", "--format", "json"}}
	for _, f := range files {
		for _, command := range commands {
			args := append(append([]string{}, command...), f)
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, args...)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			code := 0
			if err := cmd.Run(); err != nil {
				var exit *exec.ExitError
				if !errors.As(err, &exit) {
					t.Fatalf("%q: %v", args, err)
				}
				code = exit.ExitCode()
			}
			wantCode, wantOut, wantErr := commons(t, args...)
			if code != wantCode || stdout.String() != wantOut || stderr.String() != wantErr {
				t.Errorf("%q: the program gives exit %d and\n%s%s\nin-process: exit %d and\n%s%s", args, code, stdout.String(), stderr.String(), wantCode, wantOut, wantErr)
			}
		}
	}
}
