package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// releaseBuild is how .goreleaser.yaml builds the scaffold binary: the
// go build flags and the environment of its build "scaffold". The tests
// and benchmarks that build scaffold "as the releases are built" take them
// from there, so that they cannot drift apart.
type releaseBuild struct {
	Flags []string
	Env   []string
}

func readReleaseBuild(tb testing.TB) releaseBuild {
	tb.Helper()
	data, err := os.ReadFile(".goreleaser.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	var conf struct {
		Builds []struct {
			ID    string   `yaml:"id"`
			Flags []string `yaml:"flags"`
			Env   []string `yaml:"env"`
		} `yaml:"builds"`
	}
	if err := yaml.Unmarshal(data, &conf); err != nil {
		tb.Fatalf(".goreleaser.yaml: %v", err)
	}
	for _, b := range conf.Builds {
		if b.ID == "scaffold" {
			for _, f := range append(b.Flags, b.Env...) {
				if strings.Contains(f, "{{") {
					tb.Fatalf(".goreleaser.yaml: build scaffold: %q is a template; only ldflags may be", f)
				}
			}
			return releaseBuild{Flags: b.Flags, Env: b.Env}
		}
	}
	tb.Fatal(".goreleaser.yaml: no build with id: scaffold")
	return releaseBuild{}
}

// TestReleaseBuildLeavesOutDocs: the release build's flags (its
// urfave_cli_no_docs tag) keep urfave/cli's Markdown and man-page export,
// and with it the package init of blackfriday and go-md2man, out of the
// binary. scaffold never calls that export (only ToFishCompletion, which
// the tag keeps).
func TestReleaseBuildLeavesOutDocs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	rb := readReleaseBuild(t)
	list := exec.Command(gobin, append(append([]string{"list", "-deps"}, rb.Flags...), ".")...)
	list.Env = append(os.Environ(), rb.Env...)
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list -deps %s .: %v", strings.Join(rb.Flags, " "), err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 {
		t.Fatal("go list -deps listed nothing")
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/russross/blackfriday") || strings.HasPrefix(d, "github.com/cpuguy83/go-md2man") {
			t.Errorf("the release build (flags %q) links %s: urfave/cli's docs export is not left out", rb.Flags, d)
		}
	}
}
