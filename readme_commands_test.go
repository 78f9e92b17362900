package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeRuns are the `go run . ...` commands of the READMEs and the file each
// prints byte for byte. A command added to (or changed in) a README must be
// added here, so that every command a newcomer copies is run by the tests.
var readmeRuns = map[string]string{
	"go run . --config testdata/blog/.scaffold.yaml --html testdata/connpass/368663/event.html --stdout":                                   "testdata/golden/2025-10-29-jddug13.md",
	"go run . --config testdata/blog/.scaffold.yaml --html testdata/connpass/368663/event.html --templates examples/english-hugo --stdout": "testdata/golden/english-hugo.md",
	"go run . --config examples/jddug14/.scaffold.yaml --event 367374 --html testdata/connpass/styles/367374.html --stdout --offline":      "testdata/golden/styles/2025-11-13-jddug14.md",
	"go run . --config examples/jddug17/.scaffold.yaml --event 387296 --html testdata/connpass/styles/387296.html --stdout --offline":      "testdata/golden/styles/2026-05-28-jddug17.md",
	"go run . --config examples/english-hugo/.scaffold.yaml --html testdata/connpass/368663/event.html --stdout":                           "testdata/golden/english-hugo-bundle.md",
}

// readmeFiles are the READMEs whose `go run . ...` commands TestREADMECommands runs.
var readmeFiles = []string{
	"README.md",
	"examples/english-hugo/README.md",
	"examples/jddug14/README.md",
	"examples/jddug17/README.md",
}

// readmeGoRuns is every `go run . ...` line of the code blocks of the
// README file, with its backslash continuations joined and its spaces
// collapsed.
func readmeGoRuns(t *testing.T, file string) []string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	lines := strings.Split(string(data), "\n")
	inBlock := false
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i]) // a block may sit in a list item
		if strings.HasPrefix(line, "```") {
			inBlock = !inBlock
			continue
		}
		if !inBlock || !strings.HasPrefix(line, "go run . ") {
			continue
		}
		cmd := line
		for strings.HasSuffix(strings.TrimSpace(cmd), `\`) && i+1 < len(lines) {
			cmd = strings.TrimSuffix(strings.TrimSpace(cmd), `\`) + " " + lines[i+1]
			i++
		}
		cmds = append(cmds, strings.Join(strings.Fields(cmd), " "))
	}
	return cmds
}

// TestREADMECommands runs each `go run . ...` command the READMEs show, from
// the repository root as they say, and compares what it prints with
// the file the README says it prints: exit 0, nothing on stderr.
func TestREADMECommands(t *testing.T) {
	t.Setenv("SCAFFOLD_CACHE_DIR", t.TempDir())
	t.Setenv("CONNPASS_API_KEY", "")
	os.Unsetenv("CONNPASS_API_KEY")
	seen := map[string]bool{}
	for _, file := range readmeFiles {
		cmds := readmeGoRuns(t, file)
		if len(cmds) == 0 {
			t.Errorf("no `go run . ...` command found in %s", file)
		}
		for _, cmd := range cmds {
			if seen[cmd] {
				continue
			}
			seen[cmd] = true
			want, ok := readmeRuns[cmd]
			if !ok {
				t.Errorf("%s: command not run by this test (add it to readmeRuns): %s", file, cmd)
				continue
			}
			runREADMECommand(t, cmd, want)
		}
	}
	for cmd := range readmeRuns {
		if !seen[cmd] {
			t.Errorf("readmeRuns has a command no README shows any more: %s", cmd)
		}
	}
}

// runREADMECommand runs cmd in-process and compares its output with the
// file want.
func runREADMECommand(t *testing.T, cmd, want string) {
	t.Helper()
	args := append([]string{"scaffold"}, strings.Fields(cmd)[3:]...)
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &stdout, &stderr); code != 0 {
		t.Errorf("%s: exit %d\n%s", cmd, code, stderr.String())
		return
	}
	if stderr.Len() > 0 {
		t.Errorf("%s: stderr:\n%s", cmd, stderr.String())
	}
	golden, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), golden) {
		t.Errorf("%s: does not print %s", cmd, want)
	}
}

// TestREADMEGoVersion: each "Go X or newer" of the README is the go line of
// go.mod, the oldest Go that builds the module without fetching a toolchain.
func TestREADMEGoVersion(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	claims := regexp.MustCompile(`Go \(?(1\.[0-9.]+) or newer`).FindAllSubmatch(readme, -1)
	if len(claims) == 0 {
		t.Fatal(`the README says no "Go X or newer"`)
	}
	for _, c := range claims {
		if string(c[1]) != string(m[1]) {
			t.Errorf("README says Go %s or newer; go.mod says go %s", c[1], m[1])
		}
	}
}
