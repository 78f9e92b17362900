package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"
)

// Shell completion. With App.EnableBashCompletion set, urfave/cli answers the
// hidden --generate-bash-completion flag with the subcommands and flags that
// fit the words typed so far; the bash and zsh scripts below ask the binary
// for them on every <TAB>, so they never go stale. Fish gets a static script
// generated from the App's commands and flags.
//
// The two scripts are urfave/cli v2.27's autocomplete/bash_autocomplete and
// autocomplete/zsh_autocomplete with the program name fixed to scaffold
// (instead of $PROG) and their functions renamed after it, so that they do not
// clash with the same scripts installed for another urfave/cli program. The
// bash one also works without the bash-completion package (upstream's
// fallback still needs its _get_comp_words_by_ref), and the zsh one also
// works autoloaded from $fpath (upstream's only registers itself).

// bashCompletion is loaded with: source <(scaffold completion bash)
// or installed as /etc/bash_completion.d/scaffold.
const bashCompletion = `# bash completion for scaffold; load it with: source <(scaffold completion bash)

# Macs have bash 3, for which the bash-completion package has no
# _init_completion. This is a minimal version of that function; without the
# bash-completion package at all it takes the words as bash split them.
_scaffold_init_completion() {
  COMPREPLY=()
  if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
    _get_comp_words_by_ref "$@" cur prev words cword
  else
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi
}

_scaffold_bash_autocomplete() {
  if [[ "${COMP_WORDS[0]}" != "source" ]]; then
    local cur prev opts words cword requestComp
    COMPREPLY=()
    cur="${COMP_WORDS[COMP_CWORD]}"
    if declare -F _init_completion >/dev/null 2>&1; then
      _init_completion -n "=:" || return
    else
      _scaffold_init_completion -n "=:" || return
    fi
    words=("${words[@]:0:$cword}")
    if [[ "$cur" == "--" ]]; then
      # a bare -- would end the flags and turn completion off: ask for every flag
      requestComp="${words[*]} - --generate-bash-completion"
    elif [[ "$cur" == "-"* ]]; then
      requestComp="${words[*]} ${cur} --generate-bash-completion"
    else
      requestComp="${words[*]} --generate-bash-completion"
    fi
    opts=$(eval "${requestComp}" 2>/dev/null)
    COMPREPLY=($(compgen -W "${opts}" -- ${cur}))
    return 0
  fi
}

complete -o bashdefault -o default -o nospace -F _scaffold_bash_autocomplete scaffold connpass-scaffold
`

// zshCompletion is loaded with: source <(scaffold completion zsh)
// or installed as _scaffold in a directory on $fpath. The last lines make
// both work: autoloaded from $fpath the file body is the completion function
// itself, so it completes at once; sourced, it registers itself with compdef.
const zshCompletion = `#compdef scaffold connpass-scaffold
# zsh completion for scaffold; load it with: source <(scaffold completion zsh)

_scaffold() {
  local -a opts
  local cur
  cur=${words[-1]}
  if [[ "$cur" == "--" ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} - --generate-bash-completion)}")
  elif [[ "$cur" == "-"* ]]; then
    opts=("${(@f)$(${words[@]:0:#words[@]-1} ${cur} --generate-bash-completion)}")
  else
    opts=("${(@f)$(${words[@]:0:#words[@]-1} --generate-bash-completion)}")
  fi

  if [[ "${opts[1]}" != "" ]]; then
    _describe 'values' opts
  else
    _files
  fi
}

if [[ "${funcstack[1]}" == "_scaffold" ]]; then
  _scaffold "$@"
else
  compdef _scaffold scaffold connpass-scaffold
fi
`

// completionScript returns the completion script for shell (bash, zsh or
// fish). app supplies the commands and flags of the fish script, and should
// have EnableBashCompletion set for the bash and zsh scripts to find anything.
func completionScript(shell string, app *cli.App) (string, error) {
	switch shell {
	case "bash":
		return bashCompletion, nil
	case "zsh":
		return zshCompletion, nil
	case "fish":
		if app == nil {
			return "", fmt.Errorf("fish completion needs the app")
		}
		script, err := app.ToFishCompletion()
		if err != nil {
			return "", fmt.Errorf("fish completion: %w", err)
		}
		return fishBothNames(script), nil
	default:
		return "", fmt.Errorf("unknown shell %q (want bash, zsh or fish)", shell)
	}
}

// fishBothNames repeats every completion of scaffold for connpass-scaffold,
// the name go install gives the binary.
func fishBothNames(script string) string {
	var extra strings.Builder
	for _, line := range strings.SplitAfter(script, "\n") {
		if rest, ok := strings.CutPrefix(line, "complete -c scaffold "); ok {
			extra.WriteString("complete -c connpass-scaffold " + rest)
		}
		if rest, ok := strings.CutPrefix(line, "complete -r -c scaffold "); ok { // the commands
			extra.WriteString("complete -r -c connpass-scaffold " + rest)
		}
	}
	if extra.Len() == 0 {
		return script
	}
	if !strings.HasSuffix(script, "\n") {
		script += "\n"
	}
	return script + "\n# the same for the binary go install names connpass-scaffold\n" + extra.String()
}
