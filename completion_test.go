package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestCompletionScript(t *testing.T) {
	app := newApp(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	tests := []struct {
		shell string
		want  []string // each must appear in the script
	}{
		{"bash", []string{"complete -o bashdefault -o default -o nospace -F _scaffold_bash_autocomplete scaffold connpass-scaffold\n", "--generate-bash-completion"}},
		{"zsh", []string{"#compdef scaffold connpass-scaffold\n", "compdef _scaffold scaffold connpass-scaffold\n", "--generate-bash-completion"}},
		{"fish", []string{"complete -c scaffold ", "-l html", "-l stdout", "complete -c connpass-scaffold -n '__fish_scaffold_no_subcommand' -f -l html "}},
	}
	for _, tt := range tests {
		t.Run(tt.shell, func(t *testing.T) {
			got, err := completionScript(tt.shell, app)
			if err != nil {
				t.Fatalf("completionScript(%q): %v", tt.shell, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("the %s script lacks %q:\n%s", tt.shell, w, got)
				}
			}
			if !strings.HasSuffix(got, "\n") || strings.HasSuffix(got, "\n\n") {
				t.Errorf("the %s script should end in exactly one newline", tt.shell)
			}
			if strings.Contains(got, "$PROG") {
				t.Errorf("the %s script still uses $PROG", tt.shell)
			}
		})
	}
	// zsh only reads #compdef on the very first line of a file on $fpath.
	if got, _ := completionScript("zsh", app); !strings.HasPrefix(got, "#compdef scaffold connpass-scaffold\n") {
		t.Errorf("the zsh script must start with #compdef scaffold connpass-scaffold")
	}
}

func TestCompletionScriptUnknownShell(t *testing.T) {
	app := &cli.App{Name: "scaffold"}
	for _, shell := range []string{"", "powershell", "Bash", "fish "} {
		_, err := completionScript(shell, app)
		if err == nil {
			t.Errorf("completionScript(%q) gave no error", shell)
			continue
		}
		want := `unknown shell "` + shell + `" (want bash, zsh or fish)`
		if err.Error() != want {
			t.Errorf("completionScript(%q) error = %q, want %q", shell, err, want)
		}
	}
}

func TestCompletionScriptFishNeedsApp(t *testing.T) {
	if _, err := completionScript("fish", nil); err == nil {
		t.Error("completionScript(fish, nil) gave no error")
	}
}

// TestCompletionScriptSyntax has each shell that is installed parse its script
// without running it (bash -n, zsh -n, fish --no-execute).
func TestCompletionScriptSyntax(t *testing.T) {
	app := newApp(strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
	for _, tt := range []struct{ shell, flag string }{
		{"bash", "-n"},
		{"zsh", "-n"},
		{"fish", "--no-execute"},
	} {
		t.Run(tt.shell, func(t *testing.T) {
			path, err := exec.LookPath(tt.shell)
			if err != nil {
				if os.Getenv("SCAFFOLD_REQUIRE_SHELLS") == "1" {
					t.Fatalf("%s is not installed (SCAFFOLD_REQUIRE_SHELLS=1)", tt.shell)
				}
				t.Skipf("%s is not installed; .ci/run installs it and sets SCAFFOLD_REQUIRE_SHELLS=1", tt.shell)
			}
			script, err := completionScript(tt.shell, app)
			if err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "scaffold."+tt.shell)
			if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(path, tt.flag, file).CombinedOutput(); err != nil {
				t.Errorf("%s %s rejects the script: %v\n%s", tt.shell, tt.flag, err, out)
			}
		})
	}
}

// TestZshCompletionAsksForFlags runs the zsh function with stand-ins for
// the binary and for zsh's completion system: on "scaffold --<TAB>" it must
// ask the binary with "-" (a bare "--" would end the flags and turn urfave/cli's
// completion off), and on "connpass-scaffold --st<TAB>" with the word as typed.
func TestZshCompletionAsksForFlags(t *testing.T) {
	zsh, err := exec.LookPath("zsh")
	if err != nil {
		if os.Getenv("SCAFFOLD_REQUIRE_SHELLS") == "1" {
			t.Fatal("zsh is not installed (SCAFFOLD_REQUIRE_SHELLS=1)")
		}
		t.Skip("zsh is not installed; .ci/run installs it and sets SCAFFOLD_REQUIRE_SHELLS=1")
	}
	script, err := completionScript("zsh", newApp(strings.NewReader(""), &strings.Builder{}, &strings.Builder{}))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "_scaffold")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ words, want string }{
		{"scaffold --", "scaffold - --generate-bash-completion"},
		{"connpass-scaffold --st", "connpass-scaffold --st --generate-bash-completion"},
		{"scaffold check ''", "scaffold check --generate-bash-completion"},
	} {
		// The stand-ins: the binaries print how they were asked; _describe
		// prints what it was given; compdef records the names.
		prog := `
scaffold() { print -r -- "scaffold $*" }
connpass-scaffold() { print -r -- "connpass-scaffold $*" }
compdef() { print -r -- "compdef $*" }
_describe() { print -rl -- ${(P)2} }
_files() {}
source ` + file + `
words=(` + tt.words + `)
_scaffold`
		out, err := exec.Command(zsh, "-f", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", tt.words, err, out)
		}
		if !strings.Contains(string(out), "compdef _scaffold scaffold connpass-scaffold\n") {
			t.Errorf("the script does not register both names:\n%s", out)
		}
		if !strings.Contains(string(out), "\n"+tt.want+"\n") {
			t.Errorf("%s<TAB>: the binary was not asked %q:\n%s", tt.words, tt.want, out)
		}
	}
}

// TestFishCompletionBothNames asks fish itself what it completes for both
// names of the binary.
func TestFishCompletionBothNames(t *testing.T) {
	fish, err := exec.LookPath("fish")
	if err != nil {
		if os.Getenv("SCAFFOLD_REQUIRE_SHELLS") == "1" {
			t.Fatal("fish is not installed (SCAFFOLD_REQUIRE_SHELLS=1)")
		}
		t.Skip("fish is not installed; .ci/run installs it and sets SCAFFOLD_REQUIRE_SHELLS=1")
	}
	script, err := completionScript("fish", newApp(strings.NewReader(""), &strings.Builder{}, &strings.Builder{}))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "scaffold.fish")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"scaffold", "connpass-scaffold"} {
		out, err := exec.Command(fish, "--no-config", "-c", "source "+file+`; complete -C"`+name+` --st"; echo ===; complete -C"`+name+` event --"; echo ===; complete -C"`+name+` ch"`).CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		root, rest, _ := strings.Cut(string(out), "===\n")
		event, commands, _ := strings.Cut(rest, "===\n")
		if !strings.HasPrefix(commands, "check\t") {
			t.Errorf("%s ch<TAB> should offer the command check:\n%s", name, commands)
		}
		for _, want := range []string{"--stdout\t", "--strict\t"} {
			if !strings.Contains(root, want) {
				t.Errorf("%s --st<TAB> lacks %q:\n%s", name, want, root)
			}
		}
		if !strings.Contains(event, "--format\t") || strings.Contains(event, "--notes\t") {
			t.Errorf("%s event --<TAB> should offer --format and not --notes:\n%s", name, event)
		}
	}
}
