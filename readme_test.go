package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// readmeForeignFlags are the flags the README shows for other programs.
var readmeForeignFlags = map[string]string{
	"--cask": "brew install --cask",
}

var (
	longFlagRe = regexp.MustCompile(`--[a-z][a-z0-9-]+`)
	envVarRe   = regexp.MustCompile(`\b(?:SCAFFOLD|CONNPASS)_[A-Z_]+\b`)
)

// TestREADMEFlagsAndEnv: every flag and environment variable that --help
// shows, for the program and each command, is in the README, and every
// scaffold flag or variable the README names is in some --help.
func TestREADMEFlagsAndEnv(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)

	var help strings.Builder
	var commands func(prefix []string, cmds []*cli.Command)
	helpOf := func(args []string) {
		var stdout, stderr strings.Builder
		code := run(context.Background(), append(append([]string{"scaffold"}, args...), "--help"), strings.NewReader(""), &stdout, &stderr)
		if code != 0 {
			t.Fatalf("scaffold %s --help: exit %d: %s", strings.Join(args, " "), code, stderr.String())
		}
		help.WriteString(stdout.String())
	}
	commands = func(prefix []string, cmds []*cli.Command) {
		for _, c := range cmds {
			path := append(slices.Clone(prefix), c.Name)
			helpOf(path)
			commands(path, c.Subcommands)
		}
	}
	app := newApp(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	helpOf(nil)
	commands(nil, app.Commands)
	helpText := help.String()

	// Short flags (-e, -v) come from the definitions: the help text's "-e" is
	// too easy to confuse with other dashes.
	var shorts []string
	var walk func(flags []cli.Flag, cmds []*cli.Command)
	walk = func(flags []cli.Flag, cmds []*cli.Command) {
		for _, f := range flags {
			for _, n := range f.Names() {
				if len(n) == 1 {
					shorts = append(shorts, "-"+n)
				}
			}
		}
		for _, c := range cmds {
			walk(c.Flags, c.Subcommands)
		}
	}
	walk(app.Flags, app.Commands)

	inHelp := map[string]bool{}
	for _, f := range longFlagRe.FindAllString(helpText, -1) {
		inHelp[f] = true
	}
	for _, v := range envVarRe.FindAllString(helpText, -1) {
		inHelp[v] = true
	}
	inREADME := map[string]bool{}
	for _, f := range longFlagRe.FindAllString(readme, -1) {
		inREADME[f] = true
	}
	for _, v := range envVarRe.FindAllString(readme, -1) {
		inREADME[v] = true
	}

	if len(inHelp) < 20 {
		t.Fatalf("only %d flags and variables found in --help; is the help text read?", len(inHelp))
	}
	for name := range inHelp {
		if !inREADME[name] {
			t.Errorf("%s is in --help but not in README.md", name)
		}
	}
	for name := range inREADME {
		if !inHelp[name] && readmeForeignFlags[name] == "" {
			t.Errorf("README.md names %s, which no --help shows", name)
		}
	}
	for _, s := range slices.Compact(slices.Sorted(slices.Values(shorts))) {
		if !strings.Contains(readme, "`"+s+"`") {
			t.Errorf("the short flag %s is not in README.md (as `%s`)", s, s)
		}
	}
}

// TestREADMECask: the README promises `brew install --cask` only when
// goreleaser publishes the cask (no skip_upload: true in .goreleaser.yaml).
func TestREADMECask(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	gr, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	skipped := regexp.MustCompile(`(?m)^\s*skip_upload:\s*true\b`).Match(gr)
	promised := strings.Contains(text, "brew install --cask meetup-tools/tap/connpass-scaffold")
	switch {
	case skipped && promised:
		t.Error("README.md promises brew install --cask, but .goreleaser.yaml never uploads the cask (skip_upload: true)")
	case skipped && !strings.Contains(text, "not published yet"):
		t.Error("README.md should say the Homebrew cask is not published yet (skip_upload: true)")
	case !skipped && !promised:
		t.Error(".goreleaser.yaml uploads the cask: README.md should say how to install it")
	}
}

// TestUpdateFlagEverywhere: `go test ./... -update` (the README's way to
// rewrite golden files) passes -update to every package with tests, so each
// must define the flag, or the run fails with "flag provided but not defined".
func TestUpdateFlagEverywhere(t *testing.T) {
	defines := regexp.MustCompile(`flag\.Bool\("update"`)
	has := map[string]bool{}   // package dir -> defines -update
	tests := map[string]bool{} // package dir -> has tests
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		dir := filepath.Dir(p)
		tests[dir] = true
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if defines.Match(data) {
			has[dir] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(tests) < 4 {
		t.Fatalf("found tests in only %d packages", len(tests))
	}
	for dir := range tests {
		if !has[dir] {
			t.Errorf("package %s has tests but no -update flag: go test ./... -update fails there (add an update_test.go like templates')", dir)
		}
	}
}
