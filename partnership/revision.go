package partnership

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// ReadRevision returns a file as it was at a git revision ("HEAD", "HEAD~1", a tag…), read in
// the file's own repository. The revision may come from someone else (a command line, a
// request): it may not look like an option, it must name a commit, every operand given to git
// follows --end-of-options, and the file is read from git only when it is no larger than
// limits.MaxBytes, and never beyond. git stops when ctx is done. The error says what went
// wrong: not a revision, not a commit of the repository, a file the revision does not have, a
// file too large.
func ReadRevision(ctx context.Context, rev, file string, limits Limits) ([]byte, error) {
	if rev == "" || strings.HasPrefix(rev, "-") || strings.ContainsFunc(rev, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return nil, fmt.Errorf("%q is not a revision: a revision names a commit (HEAD~1, a tag, a branch) and does not start with \"-\"", rev)
	}
	dir := filepath.Dir(file)
	shown := Printable(DisplayPath(file))
	commit, err := gitOutput(ctx, dir, 0, []string{"rev-parse", "--verify", "--quiet"}, rev+"^{commit}")
	if err != nil {
		return nil, fmt.Errorf("%q is not a commit of the repository of %s", rev, shown)
	}
	prefix, err := gitOutput(ctx, dir, 0, []string{"rev-parse", "--show-prefix"})
	if err != nil {
		return nil, err
	}
	object := strings.TrimSpace(string(commit)) + ":" + strings.TrimSpace(string(prefix)) + filepath.Base(file)
	size, err := gitOutput(ctx, dir, 0, []string{"cat-file", "-s"}, object)
	if err != nil {
		return nil, fmt.Errorf("%s does not exist at %s", shown, Printable(rev))
	}
	if n, err := strconv.ParseInt(strings.TrimSpace(string(size)), 10, 64); err != nil || n > limits.MaxBytes {
		return nil, fmt.Errorf("%s at %s is larger than %d bytes, the most a definition may hold", shown, Printable(rev), limits.MaxBytes)
	}
	return gitOutput(ctx, dir, limits.MaxBytes, []string{"cat-file", "blob"}, object)
}

// InRepository reports whether dir lies inside the work tree of a git repository.
func InRepository(dir string) bool {
	out, err := gitOutput(context.Background(), dir, 0, []string{"rev-parse", "--is-inside-work-tree"})
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// gitOutput runs git in dir with its options, then --end-of-options and the operands, so that no
// operand is ever read as an option (--output=file would make git write a file). It returns
// what git prints, at most max bytes when max is not 0: beyond, git is stopped and the output
// refused. Its error message says what went wrong.
func gitOutput(ctx context.Context, dir string, max int64, options []string, operands ...string) ([]byte, error) {
	args := append([]string{"-C", dir}, options...)
	if len(operands) > 0 {
		args = append(append(args, "--end-of-options"), operands...)
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git: %w", err)
	}
	limit := max
	if limit == 0 {
		limit = 1 << 20 // what git prints here otherwise: a hash, a prefix, a size
	}
	data, readErr := io.ReadAll(io.LimitReader(out, limit+1))
	if int64(len(data)) > limit {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, fmt.Errorf("git %s prints more than %d bytes", strings.Join(options, " "), limit)
	}
	if err := cmd.Wait(); err != nil || readErr != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = errors.Join(err, readErr).Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(options, " "), Printable(msg))
	}
	return data, nil
}
