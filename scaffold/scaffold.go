// Package scaffold is the use case of connpass-scaffold: it takes the facts
// of a connpass event from fetch, loads the blog's config and the organizer's
// notes, merges them into the report model, renders it with templates and
// writes the post safely: atomically, under a lock, merging the
// organizer's hand edits with the new render (the last render is kept in
// the blog's state folder, .scaffold/), never clobbering without --force.
//
// It must not read os.Args, os.Getenv, os.Stdout or time.Now: everything
// that varies comes in through Options.
package scaffold

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/meetup-tools/connpass-scaffold/internal/report"
)

// Options is everything one run needs; main builds it from flags.
type Options struct {
	Dir          string   // the blog root; relative paths are resolved against it
	EventID      int      // 0 when not given
	HTMLFiles    []string // saved connpass pages
	NotesFile    string   // default: <notes dir>/<id>.yaml
	ConfigFile   string   // default: .scaffold.yaml in Dir, if present
	TemplatesDir string   // overrides of the default templates, by file name
	OutDir       string   // default: _posts
	ToStdout     bool     // print the post instead of writing it
	Force        bool     // write the new render over the post, hand edits and all, keeping a backup in .scaffold/backups/
	DryRun       bool     // print the diff of what would be written, write nothing; an *Error with no message (exit 1) when something would change
	Strict       bool     // fail instead of writing a post with TODO markers
	Verbose      bool     // say which config, notes and sources were used

	ParticipantsCSV string // the organizer's participant CSV export
	Merge           bool   // notes: add missing talks to an existing notes file
	Format          string // event: json or yaml

	// The connpass API v2.
	APIKey     string                                           // the key; "" means the config's, else no API
	APIBase    string                                           // default https://connpass.com/api/v2/
	Offline    bool                                             // never touch the network; a cache miss is an error
	Refresh    bool                                             // refetch instead of using cached responses
	Timeout    time.Duration                                    // per request; default 15s
	CacheDir   string                                           // where API responses are cached; "" for no cache
	HTTPClient *http.Client                                     // default: a plain client (per-request timeouts apply)
	Now        func() time.Time                                 // the clock, for request spacing
	Sleep      func(ctx context.Context, d time.Duration) error // waits; tests inject a fake
	Version    string                                           // the build version, for the User-Agent

	// Speaker Deck's oEmbed endpoint, which gives a deck's data-id for its embed.
	// The API's Offline, Refresh, Timeout, CacheDir, HTTPClient, Now and Sleep apply to it too.
	// main sets https://speakerdeck.com/ (the endpoint is BASE/oembed.json). "" turns the lookup
	// off, so that a caller (a test) that does not set it never reaches the network: decks whose
	// data-id the notes do not give are linked, with a warning.
	SpeakerDeckBase string
	// Docswell's, for the slides' title when the templates print .SlidesTitle or
	// .SlidesThumbnail: main sets https://www.docswell.com/ (the endpoint is
	// BASE/service/oembed); "" turns it off, as for Speaker Deck.
	DocswellBase string

	Stdout io.Writer
	Stderr io.Writer
	// Report tells the user what went wrong without stopping the run and
	// what was done; main hands one down. Nil: report.Lines on Stderr.
	Report Reporter
}

// Reporter is how the commands speak to the user on stderr (main's
// report.Lines: one line each, "scaffold: " first, escapes stripped).
// Errors are not reported but returned, for main to print.
type Reporter interface {
	Warn(msg string, hints ...string) // something is off, the run goes on
	Say(msg string, hints ...string)  // what was done: "wrote _posts/..."
}

// report is the reporter of the run: Report, else lines on Stderr.
func (o Options) report() Reporter {
	if o.Report != nil {
		return o.Report
	}
	return report.Lines{W: o.Stderr}
}
