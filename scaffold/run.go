package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Run renders the report post of one event and writes it (or prints it, or
// prints the diff against the existing post).
func Run(ctx context.Context, opts Options) error {
	job, err := prepare(ctx, opts)
	if err != nil {
		return err
	}
	var post bytes.Buffer
	if err := job.set.Render(&post, job.report); err != nil {
		return templateUserErr(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	switch {
	case opts.ToStdout:
		_, err := opts.Stdout.Write(post.Bytes())
		return err
	case opts.DryRun:
		return dryRun(opts, job.postPath, post.Bytes())
	}
	if err := writePost(job.postPath, post.Bytes(), opts.Force); err != nil {
		return err
	}
	fmt.Fprintf(opts.Stderr, "scaffold: wrote %s\n", display(opts.Dir, job.postPath))
	return nil
}

// job is everything prepared for rendering one post.
type job struct {
	cfg      Config
	root     string // the blog root: relative config paths start here
	facts    *fetch.Event
	notes    *Notes
	set      *templates.Set
	report   *Report
	postPath string
}

// prepare loads the config, the facts, the notes and the templates, and
// builds the report model. Nothing is written.
func prepare(ctx context.Context, opts Options) (*job, error) {
	cfg, root, err := loadConfig(opts)
	if err != nil {
		return nil, err
	}
	facts, err := gatherFacts(ctx, opts)
	if err != nil {
		return nil, err
	}
	notes, err := loadNotes(opts, cfg, root, facts.ID)
	if err != nil {
		return nil, err
	}
	set, err := loadTemplates(opts, cfg, root)
	if err != nil {
		return nil, err
	}
	report, err := buildReport(cfg, facts, notes)
	if err != nil {
		return nil, err
	}
	outDir := resolve(root, cfg.OutDir)
	if opts.OutDir != "" {
		outDir = resolve(opts.Dir, opts.OutDir)
	}
	return &job{
		cfg: cfg, root: root, facts: facts, notes: notes, set: set, report: report,
		postPath: filepath.Join(outDir, report.Date+"-"+report.Slug+".md"),
	}, nil
}

// gatherFacts reads every source the user gave and merges them, field by
// field, later sources winning: saved pages (in the order given).
func gatherFacts(ctx context.Context, opts Options) (*fetch.Event, error) {
	if len(opts.HTMLFiles) == 0 {
		return nil, userErr("no source for the event's facts",
			"save the event page from the browser and pass it with --html FILE",
			"scaffold never downloads connpass pages itself (connpass forbids scraping)")
	}
	var merged *fetch.Event
	for _, name := range opts.HTMLFiles {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		ev, err := readEventPage(resolve(opts.Dir, name), name)
		if err != nil {
			return nil, err
		}
		if opts.EventID != 0 && ev.ID != opts.EventID {
			return nil, userErr(fmt.Sprintf("%s is the page of event %d, not of event %d", name, ev.ID, opts.EventID),
				"pass the page saved from https://connpass.com/event/"+fmt.Sprint(opts.EventID)+"/ or fix --event")
		}
		if merged != nil && merged.ID != ev.ID {
			return nil, userErr(fmt.Sprintf("%s is the page of event %d, but another page is of event %d", name, ev.ID, merged.ID))
		}
		merged = mergeEvent(merged, ev)
	}
	return merged, nil
}

func readEventPage(path, name string) (*fetch.Event, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErr(name, err)
	}
	defer f.Close()
	ev, err := fetch.ParseEventPage(f)
	if err != nil {
		var nep *fetch.NotEventPageError
		if errors.As(err, &nep) {
			return nil, &Error{Msg: fmt.Sprintf("%s: %v", name, err), Err: err,
				Hints: []string{"save the event page itself (https://GROUP.connpass.com/event/ID/) with the browser's \"Save Page As\""}}
		}
		return nil, &Error{Msg: fmt.Sprintf("%s: %v", name, err), Err: err}
	}
	return ev, nil
}

// mergeEvent lays the non-empty fields of next over base.
func mergeEvent(base, next *fetch.Event) *fetch.Event {
	if base == nil {
		cp := *next
		return &cp
	}
	out := *base
	str := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	num := func(dst *int, v int) {
		if v != 0 {
			*dst = v
		}
	}
	num(&out.ID, next.ID)
	str(&out.Title, next.Title)
	str(&out.Catch, next.Catch)
	str(&out.URL, next.URL)
	str(&out.GroupName, next.GroupName)
	str(&out.GroupSubdomain, next.GroupSubdomain)
	str(&out.Status, next.Status)
	if !next.Start.IsZero() {
		out.Start = next.Start
	}
	if !next.End.IsZero() {
		out.End = next.End
	}
	str(&out.Place, next.Place)
	str(&out.Address, next.Address)
	str(&out.HashTag, next.HashTag)
	if len(next.Tickets) > 0 {
		out.Tickets = next.Tickets
	}
	num(&out.Accepted, next.Accepted)
	num(&out.Waiting, next.Waiting)
	num(&out.Limit, next.Limit)
	str(&out.Description, next.Description)
	if len(next.Materials) > 0 {
		out.Materials = next.Materials
	}
	if len(next.Owners) > 0 {
		out.Owners = next.Owners
	}
	return &out
}

// loadNotes reads the notes of event id. The notes file named with --notes
// must exist; the default one (notes/<id>.yaml) is optional.
func loadNotes(opts Options, cfg Config, root string, id int) (*Notes, error) {
	path, name := opts.NotesFile, opts.NotesFile
	if path != "" {
		path = resolve(opts.Dir, path)
	} else {
		path = filepath.Join(resolve(root, cfg.NotesDir), fmt.Sprintf("%d.yaml", id))
		name = display(opts.Dir, path)
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(opts.Stderr, "scaffold: warning: no notes at %s; the post has TODO markers where your words go\n", name)
			return &Notes{}, nil
		}
	}
	var n Notes
	if err := decodeYAMLFile(path, name, &n); err != nil {
		return nil, err
	}
	return &n, nil
}

func loadTemplates(opts Options, cfg Config, root string) (*templates.Set, error) {
	dir := resolve(root, cfg.TemplatesDir)
	if opts.TemplatesDir != "" {
		dir = resolve(opts.Dir, opts.TemplatesDir)
	}
	if dir == "" {
		set, err := templates.Load(nil)
		if err != nil {
			return nil, templateUserErr(err)
		}
		return set, nil
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, userErr(fmt.Sprintf("templates directory %s not found", display(opts.Dir, dir)),
			"run 'scaffold templates export DIR' to start one from the defaults")
	}
	set, err := templates.Load(os.DirFS(dir))
	if err != nil {
		return nil, templateUserErr(err)
	}
	return set, nil
}

func templateUserErr(err error) error {
	var te *templates.Error
	if errors.As(err, &te) {
		return &Error{Msg: te.Error(), Err: err}
	}
	return err
}

// display is path as the user should read it: relative to dir when inside it.
func display(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && !filepath.IsAbs(rel) && rel != "" && rel[0] != '.' {
		return rel
	}
	return path
}

var slugRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
