package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/meetup-tools/connpass-scaffold/fetch"
	"github.com/meetup-tools/connpass-scaffold/internal/input"
	"github.com/meetup-tools/connpass-scaffold/internal/tempfile"
)

// maxPost is the most scaffold reads of a post or its last render: posts
// are tens of KB.
const maxPost = 16 << 20

// postPlan is what writing a new render of a post comes to: decided from
// the post on disk, its last render (the state folder) and the new render,
// before anything is written.
type postPlan struct {
	old      []byte // the post on disk
	exists   bool
	out      []byte     // what the post becomes
	write    bool       // out differs from the post on disk (or there is none)
	unknown  bool       // the post exists with no recorded render and differs: refused without --force
	backup   bool       // the post holds text that writing out loses: keep it in backups/ first
	kept     int        // places edited by hand that the merge kept
	conflict []conflict // places edited by hand that the new render changed too
}

// planPost reads the post at path and its last render and decides what
// writing render makes of it: a new post; the post merged (base = the last
// render, ours = the post, theirs = render); with force, render itself.
func planPost(st state, path string, render []byte, force bool) (postPlan, error) {
	var p postPlan
	old, err := input.ReadFile(path, maxPost)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return postPlan{out: render, write: true}, nil
	case err != nil:
		return p, err
	}
	p.old, p.exists = old, true
	base, recorded, err := st.lastRender(path)
	if err != nil {
		return p, err
	}
	switch {
	case bytes.Equal(old, render):
		p.out = render
	case force:
		p.out, p.backup = render, true
	case !recorded:
		p.out, p.unknown = render, true
	default:
		m := merge3(base, old, render)
		p.out, p.kept, p.conflict = m.text, m.kept, m.conflicts
	}
	p.write = !bytes.Equal(p.out, old)
	return p, nil
}

// writeRendered writes render, the new render of the post at path, as
// planPost decides, under the post's lock; and records render as its last
// render. vet (when not nil) sees the post as it would end up, before
// anything is written; its error stops the write. With opts.DryRun it prints the diff of what would be written
// instead, and fails (exit 1, no message) when something would change.
func writeRendered(ctx context.Context, opts Options, st state, path string, render []byte, vet func(out []byte) error) error {
	name := display(opts.Dir, path)
	if opts.DryRun {
		p, err := planPost(st, path, render, opts.Force)
		if err != nil {
			return fileErr(name, err)
		}
		if len(p.conflict) == 0 && !p.unknown && vet != nil {
			if err := vet(p.out); err != nil {
				return err
			}
		}
		return showPlan(opts, st, name, p)
	}
	unlock, err := st.lock(ctx, path, name, opts.report())
	if err != nil {
		return err
	}
	defer unlock()
	p, err := planPost(st, path, render, opts.Force)
	if err != nil {
		return fileErr(name, err)
	}
	switch {
	case p.unknown:
		return userErr(fmt.Sprintf("%s already exists and scaffold has no record of writing it; not overwriting it", name),
			"use --dry-run to see what would change",
			fmt.Sprintf("use --force to overwrite it (the post as it is now is kept in %s)", display(opts.Dir, filepath.Join(st.dir, "backups"))))
	case len(p.conflict) > 0:
		printConflicts(opts, name, p.conflict)
		return conflictErr(opts, st, name, p.conflict)
	}
	if vet != nil {
		if err := vet(p.out); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var saved string
	switch {
	case !p.write:
	case !p.exists:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fileErr(display(opts.Dir, filepath.Dir(path)), err)
		}
		if err := createExclusive(path, p.out); errors.Is(err, fs.ErrExist) {
			return userErr(fmt.Sprintf("%s appeared while rendering; not overwriting it", name),
				"see what it holds with --dry-run, then run again (--force replaces it, keeping a backup)")
		} else if err != nil {
			return fileErr(name, err)
		}
	default:
		if p.backup {
			if saved, err = st.backup(now(opts), path, p.old); err != nil {
				return err
			}
		}
		if err := atomicWrite(path, p.out); err != nil {
			return err
		}
	}
	if err := st.record(path, render); err != nil {
		return err
	}
	switch {
	case !p.write:
		opts.report().Say(fmt.Sprintf("%s is up to date%s", name, keptNote(p.kept)))
	default:
		opts.report().Say(fmt.Sprintf("wrote %s%s", name, keptNote(p.kept)))
	}
	if saved != "" {
		opts.report().Say("the post it replaced is kept at " + display(opts.Dir, saved))
	}
	return nil
}

// keptNote says how many hand-edited places a merge kept.
func keptNote(kept int) string {
	if kept == 0 {
		return ""
	}
	return fmt.Sprintf(", keeping %s edited by hand", plural(kept, "place"))
}

// showPlan is --dry-run: the diff from the post on disk to what would be
// written, on stdout.
func showPlan(opts Options, st state, name string, p postPlan) error {
	if len(p.conflict) > 0 {
		printConflicts(opts, name, p.conflict)
		return conflictErr(opts, st, name, p.conflict)
	}
	if !p.write {
		opts.report().Say(fmt.Sprintf("%s is up to date%s", name, keptNote(p.kept)))
		return nil
	}
	oldName := name
	if !p.exists {
		oldName = "/dev/null"
	}
	if _, err := fmt.Fprint(opts.Stdout, unifiedDiff(oldName, name, p.old, p.out)); err != nil {
		return err
	}
	switch {
	case p.unknown:
		opts.report().Say(name + " has no recorded render: writing it takes --force")
	case p.kept > 0:
		opts.report().Say(fmt.Sprintf("the new render merged into %s%s", name, keptNote(p.kept)))
	}
	return &Error{Code: ExitFailure} // something would change: exit 1, as diff does
}

// printConflicts prints each conflict with both sides and their lines.
func printConflicts(opts Options, name string, cs []conflict) {
	for i, c := range cs {
		opts.report().Say(fmt.Sprintf("conflict %d of %d:", i+1, len(cs)))
		// The lines are the post's and the render's, quoted on the terminal:
		// made safe to print as every line of the report is (fetch.PrintSafe).
		side := func(what string, first int, lines []string) {
			what = fetch.PrintSafe(what)
			if len(lines) == 0 {
				fmt.Fprintf(opts.Stderr, "  %s: nothing before line %d\n", what, first)
				return
			}
			fmt.Fprintf(opts.Stderr, "  %s:\n", what)
			for k, l := range lines {
				fmt.Fprintf(opts.Stderr, "  %6d | %s\n", first+k, fetch.PrintSafe(strings.TrimRight(l, "\r\n")))
			}
		}
		side(name+" (edited by hand)", c.oursLine, c.ours)
		side("the new render", c.theirsLine, c.theirs)
	}
}

// conflictErr is the error of a render that conflicts with hand edits, with
// the ways out.
func conflictErr(opts Options, st state, name string, cs []conflict) error {
	verb := "was"
	if len(cs) > 1 {
		verb = "were"
	}
	return userErr(fmt.Sprintf("%s: %s edited by hand %s changed by the new render too; nothing was written", name, plural(len(cs), "place"), verb),
		fmt.Sprintf("use --force to write the new render (the post as it is now is kept in %s)", display(opts.Dir, filepath.Join(st.dir, "backups"))),
		"or write your edit into the notes, so that the new render says the same there",
		"or edit the post there to read as the new render does (or as before your edit), then render again")
}

// createExclusive writes data to path, which must not exist: through a
// synced temporary file hard-linked to path, so the post appears whole and
// the link fails (fs.ErrExist) when path appeared in the meantime. Where the
// file system has no hard links, it creates path with O_EXCL instead.
func createExclusive(path string, data []byte) error {
	tmp, err := writeTempFile(path, data)
	if err != nil {
		return err
	}
	defer removeTemp(tmp)
	// Nothing is put in place once an interrupt has arrived (tempfile.Stop).
	return tempfile.Commit(func() error {
		err := os.Link(tmp, path)
		if err == nil || errors.Is(err, fs.ErrExist) {
			return err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
		return err
	})
}

// atomicWrite replaces path with data through a synced temporary file.
func atomicWrite(path string, data []byte) error {
	tmp, err := writeTempFile(path, data)
	if err != nil {
		return fileErr(path, err)
	}
	if err := tempfile.Commit(func() error { return os.Rename(tmp, path) }); err != nil { // not after an interrupt
		removeTemp(tmp)
		return fileErr(path, err)
	}
	tempfile.Forget(tmp)
	return nil
}

// removeTemp removes a temporary file of writeTempFile, and forgets it.
func removeTemp(name string) {
	os.Remove(name)
	tempfile.Forget(name)
}

// tempPrefix starts the names of the temporary files written beside path.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp" }

// writeTempFile writes data to a new synced temporary file beside path and
// returns its name.
func writeTempFile(path string, data []byte) (string, error) {
	tmp, err := tempfile.Create(filepath.Dir(path), tempPrefix(path)+"*") // removed by main if it gives up on the run
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		removeTemp(tmp.Name())
		return "", err
	}
	return tmp.Name(), nil
}

// cleanTemps removes the temporary files beside path left by a run that was
// killed while writing it. Call it only holding path's lock.
func cleanTemps(path string) {
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		return
	}
	prefix := tempPrefix(path)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(filepath.Dir(path), e.Name()))
		}
	}
}
