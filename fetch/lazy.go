package fetch

import (
	"regexp"
	"sync"
)

// lazyRegexp compiles expr on its first use, not when the program starts:
// every run pays for what is compiled at start-up, used or not.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
