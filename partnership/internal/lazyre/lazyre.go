// Package lazyre compiles a regular expression when it is first used rather than when the
// program starts: a command pays only for the expressions it uses, and compiling one touches
// memory a short-lived process would otherwise not need.
package lazyre

import (
	"regexp"
	"sync"
)

// New returns a function that gives the regular expression of pattern, compiled on the first
// call and shared by every later one, from any goroutine. Like regexp.MustCompile, the first
// call panics if pattern is not a valid expression.
func New(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
