// Command scaffold writes the report post of a connpass meetup for a Jekyll blog.
//
// Usage:
//
//	scaffold --event ID [--html saved-page.html]... [flags]
//	scaffold notes --event ID
//	scaffold check --event ID
//	scaffold event --event ID --format json|yaml
//	scaffold templates export DIR
//
// It reads the facts of the event from pages the organizer saved from the
// browser (and, with a key, from the connpass API v2), merges them with the
// organizer's notes (notes/ID.yaml) and the blog's .scaffold.yaml, and renders
// the post from Go templates to _posts/YYYY-MM-DD-slug.md. It never downloads
// a connpass HTML page: connpass forbids scraping outside its API.
//
// This file is the only one that knows urfave/cli: each action turns its
// *cli.Context into a scaffold.Options on its first line and returns.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/meetup-tools/connpass-scaffold/scaffold"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program: main only adds the process around it, and the
// end-to-end tests call it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return scaffold.ExitOK
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "scaffold: error: interrupted; nothing was written")
		return scaffold.ExitInterrupted
	}
	code := scaffold.ExitCode(err)
	var ue usageError
	if errors.As(err, &ue) {
		code = scaffold.ExitUsage
	}
	printError(stderr, err)
	return code
}

// usageError marks a command-line mistake found by urfave/cli.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func printError(w io.Writer, err error) {
	msg := strings.TrimSpace(err.Error())
	msg = strings.ReplaceAll(msg, "\n", " ")
	fmt.Fprintf(w, "scaffold: error: %s\n", msg)
	hints := scaffold.Hints(err)
	var ue usageError
	if errors.As(err, &ue) {
		hints = append(hints, "run 'scaffold --help' for usage")
	}
	for _, h := range hints {
		fmt.Fprintf(w, "scaffold: hint: %s\n", h)
	}
}

const examples = `EXAMPLES:
   # the report of event 368663, from the page saved from the browser
   scaffold --event 368663 --html saved/368663.html

   # print it instead of writing _posts/...
   scaffold --event 368663 --html saved/368663.html --stdout

   # see what would change in an existing post, write nothing
   scaffold --event 368663 --html saved/368663.html --dry-run

   # the bundled example, from the repository root
   scaffold --config testdata/blog/.scaffold.yaml --html testdata/connpass/368663/event.html --stdout
`

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintln(c.App.Writer, versionLine()) }
	app := &cli.App{
		Name:                  "scaffold",
		Usage:                 "write the report post of a connpass meetup for a Jekyll blog",
		UsageText:             "scaffold --event ID [--html FILE]... [flags]\n   scaffold COMMAND [flags]",
		Description:           "Collects the facts of a connpass event (saved pages, the organizer's notes, .scaffold.yaml),\n   renders the post from templates and writes it to _posts/. It never downloads connpass pages.",
		Version:               versionLine(),
		HideHelpCommand:       true,
		Reader:                stdin,
		Writer:                stdout,
		ErrWriter:             stderr,
		Flags:                 renderFlags(),
		CustomAppHelpTemplate: cli.AppHelpTemplate + "\n" + examples,
		Action: func(c *cli.Context) error {
			opts, err := optionsFrom(c)
			if err != nil {
				return err
			}
			if c.NArg() > 0 {
				return usageError{fmt.Errorf("unexpected argument %q", c.Args().First())}
			}
			return scaffold.Run(c.Context, opts)
		},
		OnUsageError: func(c *cli.Context, err error, isSubcommand bool) error {
			return usageError{err}
		},
		ExitErrHandler: func(c *cli.Context, err error) {},
	}
	return app
}

// renderFlags are the flags of the main job; the subcommands share most of them.
func renderFlags() []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "event", Aliases: []string{"e"}, Usage: "connpass event `ID` (may be omitted when --html is given)", EnvVars: []string{"SCAFFOLD_EVENT"}},
		&cli.StringSliceFlag{Name: "html", Usage: "a connpass event page saved from the browser (`FILE`; repeatable)", EnvVars: []string{"SCAFFOLD_HTML"}},
		&cli.StringFlag{Name: "notes", Usage: "the notes `FILE` (default: notes/ID.yaml)", EnvVars: []string{"SCAFFOLD_NOTES"}},
		&cli.StringFlag{Name: "config", Usage: "the config `FILE` (default: .scaffold.yaml, if present)", EnvVars: []string{"SCAFFOLD_CONFIG"}},
		&cli.StringFlag{Name: "templates", Usage: "a `DIR` of templates overriding the defaults by file name", EnvVars: []string{"SCAFFOLD_TEMPLATES"}},
		&cli.StringFlag{Name: "out", Usage: "the posts `DIR` (default: _posts)", EnvVars: []string{"SCAFFOLD_OUT"}},
		&cli.BoolFlag{Name: "stdout", Usage: "print the post instead of writing it"},
		&cli.BoolFlag{Name: "force", Usage: "overwrite an existing post, keeping the old one as a .bak backup"},
		&cli.BoolFlag{Name: "dry-run", Usage: "print a unified diff against the existing post and write nothing"},
	}
}

// optionsFrom turns the command line into plain options; nothing below main sees *cli.Context.
func optionsFrom(c *cli.Context) (scaffold.Options, error) {
	wd, err := os.Getwd()
	if err != nil {
		return scaffold.Options{}, err
	}
	return scaffold.Options{
		Dir:          wd,
		EventID:      c.Int("event"),
		HTMLFiles:    c.StringSlice("html"),
		NotesFile:    c.String("notes"),
		ConfigFile:   c.String("config"),
		TemplatesDir: c.String("templates"),
		OutDir:       c.String("out"),
		ToStdout:     c.Bool("stdout"),
		Force:        c.Bool("force"),
		DryRun:       c.Bool("dry-run"),
		Stdout:       c.App.Writer,
		Stderr:       c.App.ErrWriter,
	}, nil
}
