package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// writePost writes data to path atomically: a temporary file in the same
// folder, synced, then renamed over the target, so a reader (or a crash)
// never sees half a post. An existing post is kept unless force is set; then
// it is first saved as path+".bak".
func writePost(path string, data []byte, force bool) error {
	old, err := os.ReadFile(path)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fileErr(path, err)
	}
	if exists && !force {
		return userErr(fmt.Sprintf("%s already exists; not overwriting it", path),
			"use --dry-run to see what would change",
			"use --force to overwrite it (the old post is kept as "+filepath.Base(path)+".bak)")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fileErr(filepath.Dir(path), err)
	}
	if exists {
		if bytes.Equal(old, data) {
			return nil // nothing changes; keep the file and any earlier backup
		}
		if err := atomicWrite(path+".bak", old); err != nil {
			return err
		}
	}
	return atomicWrite(path, data)
}

// atomicWrite replaces path with data through a synced temporary file.
func atomicWrite(path string, data []byte) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fileErr(dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fileErr(path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fileErr(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return fileErr(path, err)
	}
	if err := tmp.Close(); err != nil {
		return fileErr(path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fileErr(path, err)
	}
	ok = true
	return nil
}

// dryRun prints the unified diff between the existing post (or nothing) and
// the new one to stdout, and writes nothing.
func dryRun(opts Options, path string, post []byte) error {
	name := display(opts.Dir, path)
	old, err := os.ReadFile(path)
	oldName := name
	if errors.Is(err, fs.ErrNotExist) {
		old, oldName = nil, "/dev/null"
	} else if err != nil {
		return fileErr(name, err)
	}
	d := unifiedDiff(oldName, name, old, post)
	if d == "" {
		fmt.Fprintf(opts.Stderr, "scaffold: %s is up to date\n", name)
		return nil
	}
	_, err = fmt.Fprint(opts.Stdout, d)
	return err
}
