package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/urfave/cli/v2"
)

// Flags given before the command ("scaffold -v check", "scaffold --html
// page.html event"): urfave/cli parses them as the program's own and the
// command never sees them. flagFrom finds them for the command; misplaced
// refuses those the command does not take, as it refuses them after it.

// flagFrom is the context whose value of the flag name counts: the
// command's own when it is set there, else the nearest parent's that has it
// set, else the command's (its default).
func flagFrom(c *cli.Context, name string) *cli.Context {
	if c.IsSet(name) {
		return c
	}
	for _, p := range c.Lineage()[1:] {
		if p.Command != nil && p.IsSet(name) {
			return p
		}
	}
	return c
}

// misplaced is the usage error for a flag given before the command c that c
// does not take (a flag set only through its environment variable is not
// one), or nil.
func misplaced(c *cli.Context) error {
	if c.Command == nil {
		return nil
	}
	for _, p := range c.Lineage()[1:] {
		if p.Command == nil {
			continue
		}
		for _, f := range p.Command.Flags {
			name := f.Names()[0]
			if !p.IsSet(name) || fromEnv(f) || hasFlag(c.Command.Flags, name) {
				continue
			}
			where := "scaffold " + c.Command.Name
			if len(c.Lineage()) > 3 && c.Lineage()[1].Command != nil && c.Lineage()[1].Command.Name != "" {
				where = "scaffold " + c.Lineage()[1].Command.Name + " " + c.Command.Name
			}
			return usageError{fmt.Errorf("unknown flag %s", dashed(name)),
				[]string{fmt.Sprintf("%s was given before '%s', which does not take it", dashed(name), where)}}
		}
	}
	return nil
}

// fromEnv says whether one of the flag's environment variables is set.
func fromEnv(f cli.Flag) bool {
	ev, ok := f.(interface{ GetEnvVars() []string })
	if !ok {
		return false
	}
	return slices.ContainsFunc(ev.GetEnvVars(), func(v string) bool {
		_, set := os.LookupEnv(v)
		return set
	})
}
