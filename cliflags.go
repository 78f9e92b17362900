package main

import (
	"fmt"
	"os"
	"slices"

	"github.com/urfave/cli/v2"
)

// Flags given before the command ("scaffold -v check", "scaffold --html
// page.html event"): urfave/cli parses them as the program's own and the
// command never sees them. setFlags finds them for the command; misplaced
// refuses those the command does not take, as it refuses them after it.

// setFlags is, for the context c of the command run and each of its parents
// that runs a command (nearest first), the names of the flags set there: on
// the command line (an alias counts as its flag's every name) or through
// their environment variable. Read once per run, from what was set:
// urfave/cli's IsSet, asked flag by flag, walks the names of every flag
// defined before it each time.
type setFlags []setIn

type setIn struct {
	ctx   *cli.Context
	names []string
}

func setFlagsOf(c *cli.Context) setFlags {
	var s setFlags
	for i, p := range c.Lineage() {
		if i == 0 || p.Command != nil {
			s = append(s, setIn{p, p.LocalFlagNames()})
		}
	}
	return s
}

// from is the context whose value of the flag name counts: the nearest
// one that has it set, else the command's (its default).
func (s setFlags) from(name string) *cli.Context {
	for _, in := range s {
		if slices.Contains(in.names, name) {
			return in.ctx
		}
	}
	return s[0].ctx
}

// isSet says whether the flag name was given, here or before the command.
func (s setFlags) isSet(name string) bool {
	return slices.ContainsFunc(s, func(in setIn) bool { return slices.Contains(in.names, name) })
}

// misplaced is the usage error for a flag given before the command that
// the command does not take (a flag set only through its environment
// variable is not one), or nil.
func (s setFlags) misplaced() error {
	c := s[0].ctx
	if c.Command == nil {
		return nil
	}
	for _, p := range s[1:] {
		if len(p.names) == 0 {
			continue
		}
		for _, f := range p.ctx.Command.Flags {
			name := f.Names()[0]
			if !slices.Contains(p.names, name) || fromEnv(f) || hasFlag(c.Command.Flags, name) {
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
