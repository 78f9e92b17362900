package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Run renders the report post of one event and writes it, merging the hand
// edits of an existing post (or prints it, or prints the diff of what it
// would write).
func Run(ctx context.Context, opts Options) error {
	job, err := prepare(ctx, opts, true)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := job.set.Render(&buf, job.report); err != nil {
		return templateUserErr(err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	post := templates.LineEndings(buf.Bytes(), job.lineEndings)
	// The TODO markers counted are those of the post as it ends up: the
	// render itself, or (writing) the render merged with the hand edits of
	// the post on disk, which may have filled some in. They are counted
	// for --strict and for the warning after writing; the empty fields
	// without a marker are those of the render.
	var missing string
	vet := func(out []byte) error {
		missing = todoCount(countTODOs(out), unmarkedEmptyFields(job, post))
		if missing != "" && opts.Strict {
			return userErr(fmt.Sprintf("the post has %s (--strict); nothing was written", missing),
				"run 'scaffold check' to list them, and fill them in the notes")
		}
		return nil
	}
	if opts.ToStdout {
		if opts.Strict {
			if err := vet(post); err != nil {
				return err
			}
		}
		_, err := opts.Stdout.Write(post)
		return err
	}
	if err := writeRendered(ctx, opts, stateOf(job.root), job.postPath, post, vet); err != nil || opts.DryRun {
		return err
	}
	if missing != "" {
		opts.report().Warn(fmt.Sprintf("the post has %s; run 'scaffold check' to list them (--strict fails instead)", missing))
	}
	return nil
}

// countTODOs is how many TODO markers the post has: the fields
// the templates ask for with todo, and other lines saying TODO.
func countTODOs(post []byte) int {
	todos, empty := todoMarkers(post, nil, nil)
	return len(todos) + len(empty)
}

// unmarkedEmptyFields is how many of the notes' fields the templates ask
// for are empty without a TODO marker saying so (templates of a group's own
// that print {{ .Summary }} bare): --strict fails on them too.
func unmarkedEmptyFields(job *job, post []byte) int {
	_, marked := todoMarkers(post, nil, nil)
	seen := map[string]bool{}
	for _, m := range marked {
		seen[m] = true
	}
	n := 0
	for _, what := range emptyFields(job.fields, job.report, notesLabels(job), nil) {
		if !seen["empty field: "+what] {
			n++
		}
	}
	return n
}

// todoCount is "3 TODO markers", "2 empty fields", both joined by "and",
// or "" when there are none.
func todoCount(todos, empty int) string {
	var parts []string
	if todos > 0 {
		parts = append(parts, plural(todos, "TODO marker"))
	}
	if empty > 0 {
		parts = append(parts, plural(empty, "empty field"))
	}
	return strings.Join(parts, " and ")
}

// job is everything prepared for rendering one post.
type job struct {
	cfg      Config
	root     string // the blog root: relative config paths start here
	facts    *Facts
	notes    *Notes
	talks    *postTalks // the talks of the post, with the problems of the notes' talks
	set      *templates.Set
	fields   []templates.FieldUse // the fields of the model set refers to (set.Fields)
	report   *Report
	postPath string
	// lineEndings is "lf" or "crlf": the config's line_endings, with auto
	// decided from the posts in the out folder.
	lineEndings string
}

// prepare loads the config, the facts, the notes and the templates, computes
// the talks of the post and builds the report model (with the entries of the
// notes that are right). Nothing is written. With strict, a problem of the
// notes' talks is the error, before any embed is looked up; check lists them
// instead.
func prepare(ctx context.Context, opts Options, strict bool) (*job, error) {
	cfg, root, facts, err := loadFacts(ctx, opts)
	if err != nil {
		return nil, err
	}
	notes, err := loadNotes(opts, cfg, root, facts.Event.ID)
	if err != nil {
		return nil, err
	}
	set, err := loadTemplates(opts, cfg, root)
	if err != nil {
		return nil, err
	}
	fields := set.Fields(reflect.TypeOf(&Report{}))
	talks := talksOfPost(cfg, facts, notes)
	if err := talks.err(); err != nil && strict {
		return nil, err
	}
	warn(opts, talks.warnings)
	report, err := buildReport(cfg, facts, notes, talks)
	if err != nil {
		return nil, err
	}
	if err := finishTalks(ctx, opts, report, wantsSlidesInfo(fields)); err != nil {
		return nil, err
	}
	outDir := resolve(root, cfg.OutDir)
	if opts.OutDir != "" {
		outDir = resolve(opts.Dir, opts.OutDir)
	}
	postPath, err := postPathOf(cfg, outDir, report)
	if err != nil {
		return nil, err
	}
	endings, err := lineEndingsOf(cfg, outDir)
	if err != nil {
		return nil, err
	}
	return &job{
		cfg: cfg, root: root, facts: facts, notes: notes, talks: talks, set: set, fields: fields, report: report,
		postPath: postPath, lineEndings: endings,
	}, nil
}

// warn prints warnings on stderr, each with its hints.
func warn(opts Options, ws []warning) {
	for _, w := range ws {
		opts.report().Warn(w.msg, w.hints...)
	}
}

// loadNotes reads the notes of event id. The notes file named with --notes
// must exist; the default one (notes/<id>.yaml) is optional.
func loadNotes(opts Options, cfg Config, root string, id int) (*Notes, error) {
	path, name := notesPath(opts, cfg, root, id)
	if opts.Verbose {
		opts.report().Say("notes: " + name)
	}
	if opts.NotesFile == "" {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			opts.report().Warn(fmt.Sprintf("no notes at %s; the post has TODO markers where your words go", name))
			return &Notes{file: name}, nil
		}
	}
	return readNotes(path, name)
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
	switch fi, err := os.Stat(dir); {
	case err != nil:
		return nil, userErr(fmt.Sprintf("templates directory %s not found", display(opts.Dir, dir)),
			"run 'scaffold templates export DIR' to start one from the defaults")
	case !fi.IsDir():
		return nil, userErr(fmt.Sprintf("templates directory %s is not a folder", display(opts.Dir, dir)),
			"give the folder holding your *.tmpl files (the others fall back to the defaults)")
	}
	set, err := templates.Load(input.DirFS(dir, input.MaxTemplate))
	var pe *fs.PathError
	if errors.As(err, &pe) && (errors.Is(err, input.ErrNotRegular) || errors.Is(err, input.ErrTooLarge)) {
		return nil, fileErr(display(opts.Dir, pe.Path), err)
	}
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
	if rel, err := filepath.Rel(dir, path); err == nil && !filepath.IsAbs(rel) && rel != "" && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return path
}

// isSlug reports a name safe for a file: an ASCII letter or digit, then
// those and . _ -.
func isSlug(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || i > 0 && strings.IndexByte("._-", c) >= 0) {
			return false
		}
	}
	return s != ""
}
