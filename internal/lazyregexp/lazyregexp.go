// Package lazyregexp compiles a regular expression on its first use, not
// when the program starts: every run pays for what is compiled at start-up,
// used or not, and most of a run's patterns serve inputs it does not have.
// It must not hold anything else.
package lazyregexp

import (
	"regexp"
	"sync"
)

// New returns a function giving expr compiled, compiling it on the first
// call; it panics then if expr is not a valid pattern, as
// regexp.MustCompile does (the patterns are the program's own).
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
