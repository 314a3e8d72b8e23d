package main

import (
	"regexp"
	"sync"
)

// lazyRegexp returns a function that gives the regular expression of pattern, compiled on its
// first call rather than when the program starts (partnership/internal/lazyre does the same for
// the library, which this package may not import).
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
