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
)

// Check checks the notes against the event before publishing and prints one
// line per problem to stdout, in this order:
//
//	talk without notes: 発表3 "…"
//	note matching no talk: notes/368663.yaml:40: talk "…" matches no talk; did you mean LT3 "…"?
//	missing image: /assets/images/jddug13/0000_venue.png (no assets/images/jddug13/0000_venue.png in the blog)
//	TODO marker: post line 12: …
//	empty field: talks 発表1 summary
//
// (an entry naming several talks is an "ambiguous note", one naming a talk
// another entry already names a "duplicate note"). An empty field is one the
// templates ask for with todo: with the default templates, the intro, the
// closing and each talk's summary, highlights and audience. The empty
// fields of a talk without notes are not listed again. Images are the
// ones the rendered post references with a path from the site's root
// (/assets/...), looked for in the blog root (the config's folder); URLs
// and relative paths are not checked. Clean: exit 0 and a line on stderr;
// otherwise an *Error with Code 1.
func Check(ctx context.Context, opts Options) error {
	var problems []string
	withoutNotes := map[string]bool{}
	job, err := prepareWith(ctx, opts, func(cfg Config, facts *Facts, notes *Notes) *Notes {
		talks, notes, err := withAddedTalks(cfg, facts.talks(cfg, nil), notes)
		if err != nil {
			return notes // the render reports it
		}
		matches := matchTalks(talks, notes.Talks)
		hasNotes := make([]bool, len(talks))
		usable := *notes // the entries that match: the post is rendered with them
		usable.Talks, usable.talkLines = nil, nil
		for n, m := range matches {
			if m.err == nil {
				hasNotes[m.talk] = true
				usable.Talks = append(usable.Talks, notes.Talks[n])
				usable.talkLines = append(usable.talkLines, notes.talkLine(n))
			}
		}
		for i, t := range talks {
			if !hasNotes[i] {
				problems = append(problems, "talk without notes: "+talkName(t))
				withoutNotes[t.Label] = true
			}
		}
		for _, m := range matches {
			if m.err == nil {
				continue
			}
			kind := "note matching no talk"
			switch m.err.kind {
			case matchAmbiguous:
				kind = "ambiguous note"
			case matchDuplicate:
				kind = "duplicate note"
			}
			line := kind + ": " + m.err.where(notes) + ": " + m.err.describe(talks, notes)
			if s := m.err.suggestion(talks); s != "" {
				line += "; " + s
			}
			problems = append(problems, line)
		}
		return &usable
	})
	if err != nil {
		return err
	}
	var post bytes.Buffer
	if err := job.set.Render(&post, job.report); err != nil {
		return templateUserErr(err)
	}
	problems = append(problems, missingImages(opts.Dir, job.root, post.Bytes())...)
	todos, empty := todoMarkers(post.Bytes(), withoutNotes)
	problems = append(problems, todos...)
	problems = append(problems, empty...)

	if err := ctx.Err(); err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintf(opts.Stderr, "scaffold: check: no problems in %s\n", job.notes.file)
		return nil
	}
	for _, p := range problems {
		if _, err := fmt.Fprintln(opts.Stdout, fetch.PrintSafe(p)); err != nil { // problems quote connpass text
			return err
		}
	}
	return &Error{Msg: fmt.Sprintf("check found %s", plural(len(problems), "problem")), Code: ExitFailure}
}

var (
	// mdImageRe finds the target of a Markdown image: ![alt](target "title").
	mdImageRe = lazyRegexp(`!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	// htmlImageRe finds the src of an HTML img.
	htmlImageRe = lazyRegexp(`(?i)<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']`)
	// todoRe is the marker the templates' todo function writes.
	todoRe = lazyRegexp(`TODO: write (.+?) in the notes`)
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
// talks in skip (reported as talks without notes); any other "TODO" is
// listed with its line of the post.
func todoMarkers(post []byte, skip map[string]bool) (todos, empty []string) {
	seen := map[string]bool{}
	for i, line := range strings.Split(string(post), "\n") {
		if !strings.Contains(line, "TODO") {
			continue
		}
		for _, m := range todoRe().FindAllStringSubmatch(line, -1) {
			what := m[1]
			if f := strings.Fields(what); len(f) >= 2 && f[0] == "talks" && skip[f[1]] {
				continue
			}
			if !seen[what] {
				seen[what] = true
				empty = append(empty, "empty field: "+what)
			}
		}
		if rest := todoRe().ReplaceAllString(line, ""); strings.Contains(rest, "TODO") {
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
