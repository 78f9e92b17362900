// Command scaffold writes the report post of a connpass meetup for a Jekyll blog.
//
// Usage:
//
//	scaffold --event ID [--html saved-page.html]... [flags]
//	scaffold notes --event ID
//	scaffold check --event ID
//	scaffold event --event ID --format json|yaml
//	scaffold templates export DIR
//	scaffold templates fields
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
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/report"
	"github.com/meetup-tools/connpass-scaffold/internal/tempfile"
	"github.com/meetup-tools/connpass-scaffold/scaffold"
	"github.com/urfave/cli/v2"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stdout, stderr := &gate{w: os.Stdout}, &gate{w: os.Stderr}
	done := make(chan int, 1)
	go func() { done <- run(ctx, os.Args, os.Stdin, stdout, stderr) }()
	var code int
	select {
	case code = <-done:
	case <-ctx.Done():
		tempfile.Stop() // from now on nothing is put in place
		// SIGINT or SIGTERM: every phase but template execution (which
		// text/template cannot cancel) returns at once. A run that does not
		// is given up on: its output is cut off, its temporary files are
		// removed (and no later rename can put one in place), and the
		// process exits as an interrupted run does.
		select {
		case code = <-done:
		case <-time.After(giveUpAfter):
			stdout.close()
			stderr.close()
			tempfile.Abort()
			report.Lines{W: os.Stderr}.Error(interrupted)
			code = scaffold.ExitInterrupted
		}
	}
	stop()
	os.Exit(code)
}

// giveUpAfter is how long main waits for a run to end after SIGINT or
// SIGTERM before it gives up on it.
const giveUpAfter = 250 * time.Millisecond

// interrupted is what an interrupted run says, whichever way it ends.
const interrupted = "interrupted; nothing was written"

// gate passes writes through until it is closed, then drops them: once main
// gives up on a run, nothing the run still writes reaches the user.
type gate struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// run is the whole program: main only adds the process around it, and the
// end-to-end tests call it in-process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Errors, warnings and hints quote connpass data, file contents and
	// server answers: no escape sequence in them reaches the terminal.
	stderr = &safeWriter{w: stderr}
	app := newApp(stdin, stdout, stderr)
	err := app.RunContext(ctx, args)
	if err == nil {
		return scaffold.ExitOK
	}
	if ctx.Err() != nil || errors.Is(err, context.Canceled) {
		report.Lines{W: stderr}.Error(interrupted)
		return scaffold.ExitInterrupted
	}
	code := scaffold.ExitCode(err)
	var ue usageError
	if errors.As(err, &ue) {
		code = scaffold.ExitUsage
	}
	printError(report.Lines{W: stderr}, err)
	return code
}

// safeWriter passes what is written through fetch.PrintSafe, keeping an
// incomplete UTF-8 sequence at the end of a write for the next one.
type safeWriter struct {
	w    io.Writer
	tail []byte
}

func (s *safeWriter) Write(p []byte) (int, error) {
	buf := append(s.tail, p...)
	s.tail = nil
	// Hold back the start of a rune that the next write completes.
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				s.tail = append([]byte(nil), buf[i:]...)
				buf = buf[:i]
			}
			break
		}
	}
	if _, err := io.WriteString(s.w, fetch.PrintSafe(string(buf))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// usageError marks a command-line mistake found by urfave/cli, with hints.
type usageError struct {
	err   error
	hints []string
}

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func printError(rep report.Lines, err error) {
	msg := strings.TrimSpace(err.Error())
	if msg == "" {
		return // a result, not an error: --dry-run found something to write and said so
	}
	hints := scaffold.Hints(err)
	var ue usageError
	if errors.As(err, &ue) {
		hints = append(hints, ue.hints...)
		hints = append(hints, "run 'scaffold --help' for usage")
	}
	rep.Error(msg, hints...)
}

const examples = `EXAMPLES:
   # once, in the blog: .scaffold.yaml learned from the blog's posts
   scaffold init

   # the report of event 368663, from the page saved from the browser
   scaffold --event 368663 --html saved/368663.html

   # the same from the connpass API v2 (responses are cached)
   CONNPASS_API_KEY=... scaffold --event 368663

   # right after the meetup, with a key and group: in .scaffold.yaml: the group's latest ended event
   CONNPASS_API_KEY=... scaffold

   # print it instead of writing _posts/...
   scaffold --event 368663 --html saved/368663.html --stdout

   # see what would change in an existing post, write nothing
   scaffold --event 368663 --html saved/368663.html --dry-run

   # the bundled example, from the repository root
   scaffold --config testdata/blog/.scaffold.yaml --html testdata/connpass/368663/event.html --stdout

ENVIRONMENT:
   The flags read the variables shown beside them ([$SCAFFOLD_EVENT], ...); and
   SCAFFOLD_CACHE_DIR   where API and Speaker Deck answers are cached (default: connpass-scaffold in the user cache folder)
`

func newApp(stdin io.Reader, stdout, stderr io.Writer) *cli.App {
	cli.VersionPrinter = func(c *cli.Context) { fmt.Fprintln(c.App.Writer, versionLine()) }
	// -v is --verbose; the version has only its long name.
	cli.VersionFlag = &cli.BoolFlag{Name: "version", Usage: "print the version"}
	app := &cli.App{
		Name:                  "scaffold",
		Usage:                 "write the report post of a connpass meetup for a Jekyll blog",
		UsageText:             "scaffold --event ID [--html FILE]... [flags]\nscaffold COMMAND [flags]", // urfave indents each line
		Description:           "Collects the facts of a connpass event (the API v2, saved pages, the participant CSV), merges\nthe organizer's notes and .scaffold.yaml, renders the post from templates and writes it to _posts/.\nIt never downloads connpass pages: connpass forbids scraping outside its API.",
		Version:               versionLine(),
		HideHelpCommand:       true,
		EnableBashCompletion:  true,
		Reader:                stdin,
		Writer:                stdout,
		ErrWriter:             stderr,
		Flags:                 append(sourceFlags(), renderFlags()...),
		CustomAppHelpTemplate: cli.AppHelpTemplate + "\n" + examples,
		Action: func(c *cli.Context) error {
			opts, err := optionsFrom(c)
			if err != nil {
				return err
			}
			if c.NArg() > 0 {
				arg := c.Args().First()
				if hint := commandHint(c.App, arg); hint != "" {
					return usageError{fmt.Errorf("unknown command %q", arg), []string{hint}}
				}
				return usageError{err: fmt.Errorf("unexpected argument %q", arg)}
			}
			return scaffold.Run(c.Context, opts)
		},
		Commands: []*cli.Command{
			{
				Name:      "init",
				Usage:     "write .scaffold.yaml for the blog in this folder, learned from its posts (never overwrites)",
				UsageText: "scaffold init [--stdout]",
				Flags: []cli.Flag{
					&cli.BoolFlag{Name: "stdout", Usage: "print the config instead of writing it"},
				},
				Action: func(c *cli.Context) error {
					opts, err := commandOptions(c)
					if err != nil {
						return err
					}
					return scaffold.Init(opts)
				},
			},
			{
				Name:      "notes",
				Usage:     "write notes/ID.yaml pre-filled from the event's facts (never overwrites)",
				UsageText: "scaffold notes --event ID [--html FILE]... [--merge]",
				Flags: append(without(sourceFlags(), "participants-csv"), notesFlag(), // the skeleton has no numbers
					&cli.BoolFlag{Name: "merge", Usage: "add the talks missing from an existing notes file, leaving every existing line as it is"},
					&cli.BoolFlag{Name: "stdout", Usage: "print the skeleton instead of writing it"},
				),
				Action: func(c *cli.Context) error {
					opts, err := commandOptions(c)
					if err != nil {
						return err
					}
					return scaffold.WriteNotes(c.Context, opts)
				},
			},
			{
				Name:      "check",
				Usage:     "check the notes against the event before publishing (exit 1 when something is wrong)",
				UsageText: "scaffold check --event ID [--html FILE]...",
				Flags:     append(sourceFlags(), notesFlag(), templatesFlag(), speakerDeckFlag()),
				Action: func(c *cli.Context) error {
					opts, err := commandOptions(c)
					if err != nil {
						return err
					}
					return scaffold.Check(c.Context, opts)
				},
			},
			{
				Name:      "event",
				Usage:     "print the merged facts of the event, with the source of each field",
				UsageText: "scaffold event --event ID [--html FILE]... --format json|yaml",
				Flags: append(sourceFlags(),
					&cli.StringFlag{Name: "format", Value: "json", Usage: "the output `FORMAT`: json or yaml"},
				),
				Action: func(c *cli.Context) error {
					opts, err := commandOptions(c)
					if err != nil {
						return err
					}
					return scaffold.PrintEvent(c.Context, opts)
				},
			},
			{
				Name:  "templates",
				Usage: "the default templates and the fields they see",
				// Without a subcommand: the help; with an unknown one, a usage error
				// (urfave/cli alone says "No help topic for ...").
				Action: func(c *cli.Context) error {
					if c.NArg() == 0 {
						return cli.ShowSubcommandHelp(c)
					}
					arg := c.Args().First()
					var hints []string
					if hint := subcommandHint("scaffold templates", c.Command.Subcommands, arg); hint != "" {
						hints = append(hints, hint)
					}
					return usageError{fmt.Errorf("unknown command \"templates %s\" (want export or fields)", arg), hints}
				},
				Subcommands: []*cli.Command{
					{
						Name:      "export",
						Usage:     "write the default templates to DIR for customizing (never overwrites)",
						UsageText: "scaffold templates export DIR",
						Action: func(c *cli.Context) error {
							opts, err := optionsFrom(c)
							if err != nil {
								return err
							}
							if c.NArg() != 1 {
								return usageError{err: fmt.Errorf("templates export takes one argument, the folder to write to")}
							}
							return scaffold.ExportTemplates(c.Context, opts, c.Args().First())
						},
					},
					{
						Name:      "fields",
						Usage:     "print every field of the report model with its type and meaning",
						UsageText: "scaffold templates fields",
						Action: func(c *cli.Context) error {
							opts, err := commandOptions(c)
							if err != nil {
								return err
							}
							return scaffold.PrintFields(opts)
						},
					},
				},
			},
			{
				Name:      "completion",
				Usage:     "print the shell completion script for bash, zsh or fish",
				UsageText: "scaffold completion bash|zsh|fish\n\n   bash: source <(scaffold completion bash)\n   zsh:  scaffold completion zsh > \"${fpath[1]}/_scaffold\"\n   fish: scaffold completion fish > ~/.config/fish/completions/scaffold.fish",
				Action: func(c *cli.Context) error {
					if c.NArg() != 1 {
						return usageError{err: fmt.Errorf("completion takes one argument: bash, zsh or fish")}
					}
					script, err := completionScript(c.Args().First(), c.App)
					if err != nil {
						return usageError{err: err}
					}
					_, err = fmt.Fprint(c.App.Writer, script)
					return err
				},
			},
		},
		OnUsageError: func(c *cli.Context, err error, isSubcommand bool) error {
			return usageError{undefinedFlag(err), flagHints(c.App, c.Command, err)}
		},
		ExitErrHandler: func(c *cli.Context, err error) {},
	}
	for _, cmd := range app.Commands {
		cmd.OnUsageError = app.OnUsageError
		for _, sub := range cmd.Subcommands {
			sub.OnUsageError = app.OnUsageError
		}
	}
	return app
}

// The flags, each defined once; a command lists the ones it uses, and only
// those: urfave/cli refuses the others as "flag provided but not defined".
var (
	eventFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "event", Aliases: []string{"e"}, Usage: "the connpass event: its `ID` or its URL (may be omitted when --html is given, or with a key and group: in the config)", EnvVars: []string{"SCAFFOLD_EVENT"}}
	}
	htmlFlag = func() cli.Flag {
		return &cli.StringSliceFlag{Name: "html", Usage: "an event or participation page saved from the browser (`FILE`; repeatable)", EnvVars: []string{"SCAFFOLD_HTML"}}
	}
	csvFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "participants-csv", Usage: "the participant CSV `FILE` exported from connpass (exact numbers per 参加枠)", EnvVars: []string{"SCAFFOLD_PARTICIPANTS_CSV"}}
	}
	notesFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "notes", Usage: "the notes `FILE` (default: notes/ID.yaml)", EnvVars: []string{"SCAFFOLD_NOTES"}}
	}
	configFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "config", Usage: "the config `FILE` (default: the nearest .scaffold.yaml in this folder or above)", EnvVars: []string{"SCAFFOLD_CONFIG"}}
	}
	apiKeyFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "api-key", Usage: "connpass API v2 `KEY` (better set in the environment)", EnvVars: []string{"CONNPASS_API_KEY"}}
	}
	apiBaseFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "api-base", Usage: "the API's base `URL`", Value: "https://connpass.com/api/v2/", EnvVars: []string{"CONNPASS_API_BASE"}}
	}
	offlineFlag = func() cli.Flag {
		return &cli.BoolFlag{Name: "offline", Usage: "never touch the network: use cached API responses only"}
	}
	refreshFlag = func() cli.Flag {
		return &cli.BoolFlag{Name: "refresh", Usage: "refetch API responses instead of using the cache"}
	}
	timeoutFlag = func() cli.Flag {
		return &cli.DurationFlag{Name: "timeout", Usage: "time allowed for each network request (connpass API, Speaker Deck)", Value: 15 * time.Second, EnvVars: []string{"SCAFFOLD_TIMEOUT"}}
	}
	verboseFlag = func() cli.Flag {
		return &cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "say which config, notes and sources were used"}
	}
	templatesFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "templates", Usage: "a `DIR` of templates overriding the defaults by file name", EnvVars: []string{"SCAFFOLD_TEMPLATES"}}
	}
	speakerDeckFlag = func() cli.Flag {
		return &cli.StringFlag{Name: "speakerdeck-base", Usage: "Speaker Deck's base `URL`, for the oEmbed endpoint that gives a deck's embed id", Value: "https://speakerdeck.com/", EnvVars: []string{"SCAFFOLD_SPEAKERDECK_BASE"}}
	}
)

// sourceFlags say where the facts come from (every command reading an event).
func sourceFlags() []cli.Flag {
	return []cli.Flag{
		eventFlag(), htmlFlag(), csvFlag(), configFlag(),
		apiKeyFlag(), apiBaseFlag(), offlineFlag(), refreshFlag(), timeoutFlag(), verboseFlag(),
	}
}

// without is flags less the one named name.
func without(flags []cli.Flag, name string) []cli.Flag {
	var out []cli.Flag
	for _, f := range flags {
		if f.Names()[0] != name {
			out = append(out, f)
		}
	}
	return out
}

// renderFlags are the flags of rendering and writing the post.
func renderFlags() []cli.Flag {
	return []cli.Flag{
		notesFlag(), templatesFlag(),
		&cli.StringFlag{Name: "out", Usage: "the posts `DIR` (default: _posts)", EnvVars: []string{"SCAFFOLD_OUT"}},
		&cli.BoolFlag{Name: "stdout", Usage: "print the post instead of writing it"},
		&cli.BoolFlag{Name: "force", Usage: "write the new render over the post, hand edits and all (the old post is kept in .scaffold/backups/)"},
		&cli.BoolFlag{Name: "dry-run", Usage: "print the diff of what would be written and write nothing; exit 0 when nothing would change, 1 when something would"},
		&cli.BoolFlag{Name: "strict", Usage: "fail instead of writing a post that still has TODO markers (for the blog's CI)"},
		speakerDeckFlag(),
	}
}

// commandOptions is optionsFrom for subcommands, which take no arguments.
func commandOptions(c *cli.Context) (scaffold.Options, error) {
	if c.NArg() > 0 {
		return scaffold.Options{}, usageError{err: fmt.Errorf("unexpected argument %q", c.Args().First())}
	}
	return optionsFrom(c)
}

// optionsFrom turns the command line into plain options; nothing below main sees *cli.Context.
func optionsFrom(c *cli.Context) (scaffold.Options, error) {
	set := setFlagsOf(c)
	if err := set.misplaced(); err != nil {
		return scaffold.Options{}, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return scaffold.Options{}, err
	}
	if set.from("offline").Bool("offline") && set.from("refresh").Bool("refresh") {
		return scaffold.Options{}, usageError{err: fmt.Errorf("--offline and --refresh contradict each other")}
	}
	if set.isSet("timeout") {
		if d := set.from("timeout").Duration("timeout"); d <= 0 { // the clients would take 0 or less as their default
			return scaffold.Options{}, usageError{err: fmt.Errorf("--timeout %s: give a duration above zero, like 30s or 2m", d)}
		}
	}
	if set.isSet("speakerdeck-base") {
		base := set.from("speakerdeck-base").String("speakerdeck-base")
		if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return scaffold.Options{}, usageError{err: fmt.Errorf("--speakerdeck-base %q: not an http or https URL", base),
				hints: []string{"leave it out for https://speakerdeck.com/; it is for tests and proxies"}}
		}
	}
	if set.from("stdout").Bool("stdout") && set.from("dry-run").Bool("dry-run") {
		return scaffold.Options{}, usageError{err: fmt.Errorf("--stdout and --dry-run contradict each other"),
			hints: []string{"--stdout prints the post, --dry-run the diff of what would be written to it"}}
	}
	id := 0
	// An empty SCAFFOLD_EVENT is no event, as it was when --event took only numbers.
	if ref := set.from("event").String("event"); strings.TrimSpace(ref) != "" {
		if id, err = scaffold.ParseEventRef(ref); err != nil {
			return scaffold.Options{}, err
		}
	}
	return scaffold.Options{
		Dir:             wd,
		EventID:         id,
		HTMLFiles:       set.from("html").StringSlice("html"),
		ParticipantsCSV: set.from("participants-csv").String("participants-csv"),
		NotesFile:       set.from("notes").String("notes"),
		ConfigFile:      set.from("config").String("config"),
		TemplatesDir:    set.from("templates").String("templates"),
		OutDir:          set.from("out").String("out"),
		ToStdout:        set.from("stdout").Bool("stdout"),
		Force:           set.from("force").Bool("force"),
		DryRun:          set.from("dry-run").Bool("dry-run"),
		Strict:          set.from("strict").Bool("strict"),
		Verbose:         set.from("verbose").Bool("verbose"),
		Merge:           set.from("merge").Bool("merge"),
		Format:          set.from("format").String("format"),
		APIKey:          set.from("api-key").String("api-key"),
		APIBase:         set.from("api-base").String("api-base"),
		Offline:         set.from("offline").Bool("offline"),
		Refresh:         set.from("refresh").Bool("refresh"),
		Timeout:         set.from("timeout").Duration("timeout"),
		CacheDir:        cacheDir(),
		Now:             time.Now,
		Version:         version,
		SpeakerDeckBase: set.from("speakerdeck-base").String("speakerdeck-base"),
		DocswellBase:    fetch.DefaultDocswellBase,
		Stdout:          c.App.Writer,
		Stderr:          c.App.ErrWriter,
		Report:          report.Lines{W: c.App.ErrWriter},
	}, nil
}

// cacheDir is where API responses are cached: $SCAFFOLD_CACHE_DIR, else
// connpass-scaffold in the user's cache directory ("" when there is none).
func cacheDir() string {
	if dir := os.Getenv("SCAFFOLD_CACHE_DIR"); dir != "" {
		return dir
	}
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "connpass-scaffold")
	}
	return ""
}
