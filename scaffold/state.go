package scaffold

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/meetup-tools/connpass-scaffold/internal/input"
)

// StateDirName is the blog's state folder, beside .scaffold.yaml. It holds
//
//	renders/<post path>      the last render of each post, the base that
//	                         re-rendering merges the hand edits against
//	backups/<time>/<path>    posts (and their hand edits) a run replaced
//	locks/                   one lock file per post and notes file
//
// renders/ is meant to be committed with the blog, so that a teammate's
// machine merges against the same base; its .gitignore keeps backups and
// locks local. Jekyll and Hugo skip folders whose name starts with a dot,
// so nothing in it is published.
const StateDirName = ".scaffold"

const stateGitignore = `# scaffold's state folder. Commit renders/: the last render of each post, which
# re-rendering merges your hand edits against. Backups of replaced posts and
# lock files stay on this machine.
/backups/
/locks/
`

// state is the state folder of the blog rooted at root.
type state struct {
	root string
	dir  string
}

func stateOf(root string) state {
	return state{root: root, dir: filepath.Join(root, StateDirName)}
}

// key is where the state of the file at path is kept, relative to a
// subfolder of the state folder: its path in the blog, or for a file
// outside the blog a name made from its absolute path.
func (s state) key(path string) string {
	path = filepath.Clean(path)
	if rel, err := filepath.Rel(s.root, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
		return rel
	}
	sum := sha256.Sum256([]byte(path))
	return filepath.Join("_outside", hex.EncodeToString(sum[:6])+"-"+filepath.Base(path))
}

// renderPath is where the last render of the post at path is kept.
func (s state) renderPath(post string) string {
	return filepath.Join(s.dir, "renders", s.key(post))
}

// lastRender is the last render of the post at path; ok is false when none
// is recorded.
func (s state) lastRender(post string) (data []byte, ok bool, err error) {
	data, err = input.ReadFile(s.renderPath(post), maxPost)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// record keeps render as the last render of the post at path.
func (s state) record(post string, render []byte) error {
	path := s.renderPath(post)
	if old, err := os.ReadFile(path); err == nil && string(old) == string(render) {
		return nil
	}
	if err := s.ensure(); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fileErr(filepath.Dir(path), err)
	}
	cleanTemps(path)
	return atomicWrite(path, render)
}

// backup keeps data, the file at path as it was before this run replaced
// it, under backups/<the run's time>/ and returns where. Runs in the same
// second get -2, -3... after the time.
func (s state) backup(now time.Time, path string, data []byte) (string, error) {
	if err := s.ensure(); err != nil {
		return "", err
	}
	stamp := now.UTC().Format("20060102T150405Z")
	for n := 1; ; n++ {
		run := stamp
		if n > 1 {
			run = fmt.Sprintf("%s-%d", stamp, n)
		}
		dst := filepath.Join(s.dir, "backups", run, s.key(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", fileErr(filepath.Dir(dst), err)
		}
		cleanTemps(dst) // left by a killed run; we hold the post's lock
		err := createExclusive(dst, data)
		if errors.Is(err, fs.ErrExist) && n < 1000 {
			continue
		}
		if err != nil {
			return "", fileErr(dst, err)
		}
		return dst, nil
	}
}

// now is the time of the run, from the clock main injects.
func now(opts Options) time.Time {
	if opts.Now == nil {
		return time.Time{}
	}
	return opts.Now()
}

// ensure creates the state folder and its .gitignore, when missing.
func (s state) ensure() error {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return fileErr(s.dir, err)
	}
	ignore := filepath.Join(s.dir, ".gitignore")
	if _, err := os.Lstat(ignore); err == nil {
		// The organizer's now: never rewritten. A temporary file beside it
		// is a killed run's, or one whose link is failing anyway.
		cleanTemps(ignore)
		return nil
	}
	err := createExclusive(ignore, []byte(stateGitignore))
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fileErr(s.dir, err)
	}
	return nil
}

// lock takes the lock of the file at path for a read-merge-write, waiting
// for another scaffold run holding it (saying so once on stderr) until ctx
// ends. Under the lock, temporary files left beside path by a killed run
// are removed: any run writing path holds the lock while its temporary
// file exists.
func (s state) lock(ctx context.Context, path, name string, rep Reporter) (unlock func(), err error) {
	if err := s.ensure(); err != nil {
		return nil, err
	}
	dir := filepath.Join(s.dir, "locks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fileErr(dir, err)
	}
	sum := sha256.Sum256([]byte(filepath.Clean(path)))
	lockPath := filepath.Join(dir, hex.EncodeToString(sum[:6])+"-"+filepath.Base(path)+".lock")
	said := false
	for {
		f, ok, err := tryLock(lockPath)
		if err != nil {
			return nil, fileErr(lockPath, err)
		}
		if ok {
			cleanTemps(path)
			return func() { f.Close() }, nil
		}
		if !said {
			rep.Say("waiting for another scaffold run writing " + name)
			said = true
		}
		t := time.NewTimer(20 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}
