package main

import (
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
		{"bash", []string{"complete -o bashdefault -o default -o nospace -F _scaffold_bash_autocomplete scaffold\n", "--generate-bash-completion"}},
		{"zsh", []string{"#compdef scaffold\n", "compdef _scaffold scaffold\n", "--generate-bash-completion"}},
		{"fish", []string{"complete -c scaffold ", "-l html", "-l stdout"}},
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
	if got, _ := completionScript("zsh", app); !strings.HasPrefix(got, "#compdef scaffold\n") {
		t.Errorf("the zsh script must start with #compdef scaffold")
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
