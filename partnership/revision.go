package partnership

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
)

// ReadRevision returns a file as it was at a git revision ("HEAD", "HEAD~1", a tag…), read
// with git show in the file's own repository. The error says what git said: not a repository,
// an unknown revision, a file the revision does not have.
func ReadRevision(rev, file string) ([]byte, error) {
	dir := filepath.Dir(file)
	prefix, err := gitOutput(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	return gitOutput(dir, "show", rev+":"+strings.TrimSpace(string(prefix))+filepath.Base(file))
}

// InRepository reports whether dir lies inside the work tree of a git repository.
func InRepository(dir string) bool {
	out, err := gitOutput(dir, "rev-parse", "--is-inside-work-tree")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// gitOutput runs git in dir and returns what it prints; its error message says what went wrong.
func gitOutput(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}
