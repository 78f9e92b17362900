package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/lazyregexp"
	"github.com/meetup-tools/connpass-scaffold/templates"
)

// Check checks the notes against the event before publishing and prints one
// line per problem to stdout, in this order:
//
//	talk without notes: 発表3 "…"
//	note matching no talk: notes/368663.yaml:40: talk "…" matches no talk; did you mean LT3 "…"?
//	not sure it is a talk: ?1 "懇親会" (20:50-21:30; no speaker), left out of the post; fix: …
//	missing image: /assets/images/jddug13/0000_venue.png (no assets/images/jddug13/0000_venue.png in the blog)
//	TODO marker: post line 12: …
//	empty field: talks 発表1 summary
//	section not placed: stickers (no template ranges over .Sections or has …)
//
// (an entry naming several talks is an "ambiguous note", one naming a talk
// another entry already names a "duplicate note", an added talk without a
// title an "incomplete note", a bad order: name starts with "order: ").
// Talks are named by the label the notes use; where the post numbers a
// talk otherwise (after drop:, add: or order:), its post label follows:
// `LT4 "…" (LT3 in the post)`. A row the timetable reader is not sure is a
// talk is listed until the notes say add: true or drop: true for it. An
// empty field is a notes field the templates ask for, read from their parse
// trees (templates.Set.Fields: printed bare, or tested with an else): with
// the default templates, the intro, the closing and each talk's summary,
// highlights and audience. The empty fields of a talk without notes are not listed again.
// Images are the ones the rendered post references with a path from the
// site's root (/assets/...), looked for in the blog root (the config's
// folder); URLs and relative paths are not checked. The post is rendered
// with the notes' entries that are right. Clean: exit 0 and a line on
// stderr; otherwise an *Error with Code 1.
func Check(ctx context.Context, opts Options) error {
	job, err := prepare(ctx, opts, false)
	if err != nil {
		return err
	}
	var problems []string
	withoutNotes := map[string]bool{}
	postLabels := map[string]string{} // notes label -> post label, where they differ
	for _, t := range job.talks.all {
		if t.post < 0 {
			continue
		}
		post := job.talks.Talks[t.post].Label
		if post != t.NotesLabel {
			postLabels[t.NotesLabel] = post
		}
		if t.entry < 0 {
			problems = append(problems, "talk without notes: "+talkName(t.Talk)+inPost(t.NotesLabel, post))
			withoutNotes[t.NotesLabel] = true
		}
	}
	for _, p := range job.talks.problems {
		problems = append(problems, p.check)
	}
	for _, t := range job.talks.uncertain() {
		problems = append(problems, uncertainLine(t, job.notes))
	}
	var post bytes.Buffer
	if err := job.set.Render(&post, job.report); err != nil {
		return templateUserErr(err)
	}
	problems = append(problems, missingImages(opts.Dir, job.root, post.Bytes())...)
	todos, _ := todoMarkers(post.Bytes(), withoutNotes, postLabels)
	problems = append(problems, todos...)
	for _, what := range emptyFields(job.fields, job.report, notesLabels(job), withoutNotes) {
		if f := strings.Fields(what); len(f) >= 2 && f[0] == "talks" {
			if post, ok := postLabels[f[1]]; ok {
				what += inPost(f[1], post)
			}
		}
		problems = append(problems, "empty field: "+what)
	}
	problems = append(problems, unplacedSections(job.set, job.fields, job.report)...)

	if err := ctx.Err(); err != nil {
		return err
	}
	if len(problems) == 0 {
		opts.report().Say("check: no problems in " + job.notes.file)
		return nil
	}
	for _, p := range problems {
		if _, err := fmt.Fprintln(opts.Stdout, fetch.PrintSafe(p)); err != nil { // problems quote connpass text
			return err
		}
	}
	return &Error{Msg: fmt.Sprintf("check found %s", plural(len(problems), "problem")), Code: ExitFailure}
}

// notesLabels is the notes' label of each talk of the report, in order.
func notesLabels(job *job) []string {
	labels := make([]string, len(job.report.Talks))
	for i, t := range job.report.Talks {
		labels[i] = t.Label
	}
	for _, t := range job.talks.all {
		if t.post >= 0 && t.post < len(labels) {
			labels[t.post] = t.NotesLabel
		}
	}
	return labels
}

// inPost is " (LT3 in the post)" when the post numbers a talk otherwise
// than the notes, else "".
func inPost(notes, post string) string {
	if post == notes {
		return ""
	}
	return fmt.Sprintf(" (%s in the post)", post)
}

// uncertainLine is check's line for a row left out of the post because the
// reader is not sure it is a talk, with the fix.
func uncertainLine(t *postTalk, notes *Notes) string {
	what := t.doubt
	if t.Time != "" {
		what = t.Time.Raw() + "; " + what
	}
	line := fmt.Sprintf("not sure it is a talk: %s (%s), left out of the post; fix: ", talkName(t.Talk), what)
	if t.entry >= 0 {
		return line + fmt.Sprintf("add: true at %s publishes it, drop: true there leaves it out", notes.entryPos(t.entry))
	}
	return line + fmt.Sprintf("a talks entry \"talk: %s\" with add: true publishes it, with drop: true leaves it out", t.Label)
}

var (
	// mdImageRe finds the target of a Markdown image: ![alt](target "title").
	mdImageRe = lazyregexp.New(`!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// htmlImageRe finds the src of an HTML img.
	htmlImageRe = lazyregexp.New(`(?i)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']`)
)

// missingImages lists the images the post references by a path from the
// site's root that are not in the blog, in the order of the post, each once.
func missingImages(dir, root string, post []byte) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(string(post), "\n") {
		var refs []string
		for _, m := range mdImageRe().FindAllStringSubmatch(line, -1) {
			refs = append(refs, m[1])
		}
		for _, m := range htmlImageRe().FindAllStringSubmatch(line, -1) {
			refs = append(refs, m[1])
		}
		for _, ref := range refs {
			if seen[ref] {
				continue
			}
			seen[ref] = true
			file, ok := siteFile(root, ref)
			if !ok {
				continue
			}
			if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
				out = append(out, fmt.Sprintf("missing image: %s (no %s in the blog)", ref, display(dir, file)))
			}
		}
	}
	return out
}

// siteFile is the file of the blog an image reference such as
// /assets/images/jddug13/x.png stands for; false for URLs, relative paths
// (Jekyll resolves them against the page) and Liquid.
func siteFile(root, ref string) (string, bool) {
	if !strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "//") || strings.Contains(ref, "{") {
		return "", false
	}
	if i := strings.IndexAny(ref, "?#"); i >= 0 {
		ref = ref[:i]
	}
	p, err := url.PathUnescape(ref)
	if err != nil {
		p = ref
	}
	return filepath.Join(root, filepath.FromSlash(path.Clean(p))), true
}

// todoMarkers lists the TODO markers left in the post: the todo function's
// markers become empty fields ("empty field: intro"), except those of the
// talks in skip (reported as talks without notes); a talk's notes label in
// postLabels is followed by its post label. Any other "TODO" is listed with
// its line of the post.
func todoMarkers(post []byte, skip map[string]bool, postLabels map[string]string) (todos, empty []string) {
	seen := map[string]bool{}
	for i, line := range strings.Split(string(post), "\n") {
		if !strings.Contains(line, "TODO") {
			continue
		}
		whats, rest := templates.TodoFields(line)
		for _, what := range whats {
			if f := strings.Fields(what); len(f) >= 2 && f[0] == "talks" {
				if skip[f[1]] {
					continue
				}
				if post, ok := postLabels[f[1]]; ok {
					what += inPost(f[1], post)
				}
			}
			if !seen[what] {
				seen[what] = true
				empty = append(empty, "empty field: "+what)
			}
		}
		if strings.Contains(rest, "TODO") {
			todos = append(todos, fmt.Sprintf("TODO marker: post line %d: %s", i+1, shorten(strings.TrimSpace(line), 80)))
		}
	}
	return todos, empty
}

// shorten cuts s to n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
