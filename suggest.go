package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
	"github.com/urfave/cli/v2"
)

// "Did you mean" for a mistyped command or flag. urfave/cli's own suggestion
// always names something, however far off; these name a command or flag only
// when it is a few edits away, and say which commands have a flag that the
// current command lacks.

// commandHint is the hint for an unexpected argument that looks like a
// mistyped command ("chek"), or "" when it is not close to any.
func commandHint(app *cli.App, arg string) string {
	return subcommandHint("scaffold", app.Commands, arg)
}

// subcommandHint is commandHint among the commands cmds of the command
// path ("scaffold templates").
func subcommandHint(path string, cmds []*cli.Command, arg string) string {
	var names []string
	for _, cmd := range cmds {
		if !cmd.Hidden && cmd.Name != "help" {
			names = append(names, cmd.Names()...)
		}
	}
	if best := closest(arg, names); best != "" {
		return fmt.Sprintf("did you mean '%s %s'?", path, best)
	}
	return ""
}

var undefinedFlagRe = lazyregexp.New(`^flag provided but not defined: -+(.+)$`)

// flagHints are the hints for a flag the command does not define: a flag of
// this command it is close to, or the commands that do take it.
func flagHints(app *cli.App, cmd *cli.Command, err error) []string {
	m := undefinedFlagRe().FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	name := m[1]
	flags := app.Flags
	where := "scaffold"
	if cmd != nil && cmd.Name != "" && cmd.Name != app.Name {
		flags = cmd.Flags
		where = "scaffold " + cmd.Name
	}
	var others []string
	if !isRoot(where) && hasFlag(app.Flags, name) {
		others = append(others, "scaffold")
	}
	for _, c := range app.Commands {
		if "scaffold "+c.Name != where && hasFlag(c.Flags, name) {
			others = append(others, "scaffold "+c.Name)
		}
	}
	if len(others) > 0 {
		return []string{fmt.Sprintf("%s is a flag of %s, not of '%s'", dashed(name), quoteAll(others), where)}
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Names()...)
	}
	if best := closest(name, names); best != "" {
		return []string{fmt.Sprintf("did you mean %s?", dashed(best))}
	}
	return nil
}

// quoteAll is 'a', 'b' or 'c'.
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

var (
	flagNoValueRe  = lazyregexp.New(`^flag needs an argument: -+(.+)$`)
	flagBadValueRe = lazyregexp.New(`^invalid value (".*") for flag -+([^:]+): .*$`)
)

// undefinedFlag rewrites urfave/cli's "flag provided but not defined: -x"
// as "unknown flag --x", "flag needs an argument: -x" as "--x needs a
// value" and `invalid value "v" for flag -x: parse error` as `--x "v": not
// a valid value` (saying what a duration looks like); other errors stay as
// they are.
func undefinedFlag(err error) error {
	if m := undefinedFlagRe().FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("unknown flag %s", dashed(m[1]))
	}
	if m := flagNoValueRe().FindStringSubmatch(err.Error()); m != nil {
		return fmt.Errorf("%s needs a value", dashed(m[1]))
	}
	if m := flagBadValueRe().FindStringSubmatch(err.Error()); m != nil {
		what := "not a valid value"
		if m[2] == "timeout" {
			what = "not a duration (like 30s or 2m)"
		}
		return fmt.Errorf("%s %s: %s", dashed(m[2]), m[1], what)
	}
	return err
}

func isRoot(where string) bool { return where == "scaffold" }

func hasFlag(flags []cli.Flag, name string) bool {
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return true
		}
	}
	return false
}

func dashed(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// closest is the name nearest to s by edit distance, if it is near enough:
// at most one edit for short names, a third of the length for longer ones.
func closest(s string, names []string) string {
	best, bestD := "", -1
	for _, n := range names {
		if len(n) < 2 {
			continue
		}
		d := editDistance(strings.ToLower(s), n)
		if bestD < 0 || d < bestD {
			best, bestD = n, d
		}
	}
	limit := max(1, len([]rune(s))/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Damerau–Levenshtein distance (with adjacent
// transpositions) between a and b, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
