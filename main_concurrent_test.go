package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// asScaffoldEnv set to 1 makes the test binary run as scaffold, with the
// command line after its name: one binary for many processes, built once.
const asScaffoldEnv = "SCAFFOLD_TEST_AS_SCAFFOLD"

// newBlog is a fresh blog root: the JDDUG config and notes, and the saved
// event page at saved/368663.html.
func newBlog(t *testing.T) string {
	t.Helper()
	blog := t.TempDir()
	for from, to := range map[string]string{
		"testdata/blog/.scaffold.yaml":        ".scaffold.yaml",
		"testdata/blog/notes/368663.yaml":     "notes/368663.yaml",
		"testdata/connpass/368663/event.html": "saved/368663.html",
	} {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(blog, to)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return blog
}

type result struct {
	code   int
	stderr string
}

// runAtOnce starts n scaffold processes in blog with args, all at once, and
// waits for them.
func runAtOnce(t *testing.T, n int, blog string, args ...string) []result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	results := make([]result, n)
	cmds := make([]*exec.Cmd, n)
	outs := make([]*bytes.Buffer, n)
	for i := range cmds {
		cmd := exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Dir = blog
		cmd.Env = append(os.Environ(), asScaffoldEnv+"=1", "CONNPASS_API_KEY=",
			"SCAFFOLD_CACHE_DIR="+filepath.Join(blog, ".cache"), "SCAFFOLD_SPEAKERDECK_BASE=http://127.0.0.1:9/")
		outs[i] = new(bytes.Buffer)
		cmd.Stderr = outs[i]
		cmds[i] = cmd
	}
	var wg sync.WaitGroup
	for i, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd.Wait()
			results[i] = result{cmd.ProcessState.ExitCode(), outs[i].String()}
		}()
	}
	wg.Wait()
	return results
}

// tempFiles lists the temporary files left under root.
func tempFiles(t *testing.T, root string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp") {
			found = append(found, path)
		}
		return nil
	})
	return found
}

// TestConcurrentRuns: 8 scaffold processes rendering the same post on a
// fresh blog at once. Exactly one creates the post and says so; the others
// wait for its lock and find the post up to date; the state folder holds
// the render the post has; no temporary file remains. Then 8 at once merge
// a hand edit with a new render: one writes, none loses the edit. And 8
// `scaffold notes` at once on a new event: one creates the notes file.
func TestConcurrentRuns(t *testing.T) {
	const n = 8
	blog := newBlog(t)
	post := filepath.Join(blog, "_posts", "2025-10-29-jddug13.md")
	golden, err := os.ReadFile("testdata/golden/2025-10-29-jddug13.md")
	if err != nil {
		t.Fatal(err)
	}
	check := func(results []result, wrote string) {
		t.Helper()
		writers := 0
		for i, r := range results {
			if r.code != 0 {
				t.Errorf("process %d: exit %d\n%s", i, r.code, r.stderr)
			}
			switch {
			case strings.Contains(r.stderr, "scaffold: wrote "):
				writers++
				if !strings.Contains(r.stderr, wrote) {
					t.Errorf("process %d: %s", i, r.stderr)
				}
			case !strings.Contains(r.stderr, "scaffold: _posts/2025-10-29-jddug13.md is up to date"):
				t.Errorf("process %d neither wrote nor found the post up to date:\n%s", i, r.stderr)
			}
		}
		if writers != 1 {
			t.Errorf("%d processes say they wrote the post, want 1", writers)
		}
		if left := tempFiles(t, blog); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	}

	check(runAtOnce(t, n, blog, "--html", "saved/368663.html"), "scaffold: wrote _posts/2025-10-29-jddug13.md\n")
	got, err := os.ReadFile(post)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, golden) {
		t.Error("the post is not the golden post")
	}
	recorded, err := os.ReadFile(filepath.Join(blog, ".scaffold", "renders", "_posts", "2025-10-29-jddug13.md"))
	if err != nil || !bytes.Equal(recorded, got) {
		t.Errorf("the state folder's render differs from the post (%v)", err)
	}

	// A hand edit at the top, a new thanks in the notes, 8 runs at once.
	edited := strings.Replace(string(got), "まるで未来に", "（手で）まるで未来に", 1)
	if err := os.WriteFile(post, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(blog, "notes", "368663.yaml")
	data, _ := os.ReadFile(notes)
	if err := os.WriteFile(notes, bytes.Replace(data, []byte("ありがとうございました！"), []byte("感謝！"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	check(runAtOnce(t, n, blog, "--html", "saved/368663.html"), "keeping 1 place edited by hand\n")
	got, _ = os.ReadFile(post)
	want := strings.Replace(edited, "ありがとうございました！", "感謝！", 1)
	if string(got) != want {
		t.Errorf("the merged post lost an edit:\n%s", got)
	}
	recorded, _ = os.ReadFile(filepath.Join(blog, ".scaffold", "renders", "_posts", "2025-10-29-jddug13.md"))
	if string(recorded) != strings.Replace(string(golden), "ありがとうございました！", "感謝！", 1) {
		t.Error("the state folder does not hold the new render")
	}

	// The notes skeleton of an event with no notes yet: created once.
	os.Remove(notes)
	results := runAtOnce(t, n, blog, "notes", "--html", "saved/368663.html")
	created := 0
	for i, r := range results {
		switch {
		case r.code == 0 && strings.Contains(r.stderr, "scaffold: wrote notes/368663.yaml"):
			created++
		case r.code == 1 && strings.Contains(r.stderr, "scaffold: error: notes/368663.yaml already exists; not overwriting it"):
		default:
			t.Errorf("notes process %d: exit %d\n%s", i, r.code, r.stderr)
		}
	}
	if created != 1 {
		t.Errorf("%d processes created the notes file, want 1", created)
	}
	if left := tempFiles(t, blog); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestKilledRuns kills scaffold processes (SIGKILL, no chance to clean up)
// at varying moments of a re-render. After each, the post is one render or
// the other, whole; the next run removes what a killed one left and ends
// with the post and the state folder on the new render, no temporary file
// anywhere.
func TestKilledRuns(t *testing.T) {
	blog := newBlog(t)
	post := filepath.Join(blog, "_posts", "2025-10-29-jddug13.md")
	render := filepath.Join(blog, ".scaffold", "renders", "_posts", "2025-10-29-jddug13.md")
	start := time.Now()
	if r := runAtOnce(t, 1, blog, "--html", "saved/368663.html"); r[0].code != 0 {
		t.Fatal(r[0].stderr)
	}
	whole := time.Since(start) // how long a run takes here: the kills spread over it
	before, _ := os.ReadFile(post)
	notes := filepath.Join(blog, "notes", "368663.yaml")
	data, _ := os.ReadFile(notes)
	if err := os.WriteFile(notes, bytes.Replace(data, []byte("ありがとうございました！"), []byte("感謝！"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	after := bytes.Replace(before, []byte("ありがとうございました！"), []byte("感謝！"), 1)
	env := append(os.Environ(), asScaffoldEnv+"=1", "CONNPASS_API_KEY=",
		"SCAFFOLD_CACHE_DIR="+filepath.Join(blog, ".cache"), "SCAFFOLD_SPEAKERDECK_BASE=http://127.0.0.1:9/")
	const kills = 16
	for i := range kills {
		// Put the post and its state back, so that every run has to write.
		os.WriteFile(post, before, 0o644)
		os.WriteFile(render, before, 0o644)
		cmd := exec.Command(os.Args[0], "--html", "saved/368663.html")
		cmd.Dir, cmd.Env = blog, env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		at := whole * time.Duration(i) / (kills - 2)
		time.Sleep(at)
		cmd.Process.Kill()
		cmd.Wait()
		for _, f := range []string{post, render} {
			got, err := os.ReadFile(f)
			if err != nil || !bytes.Equal(got, before) && !bytes.Equal(got, after) {
				t.Fatalf("killed after %s: %s is neither render whole (%v)", at, f, err)
			}
		}
	}
	if r := runAtOnce(t, 1, blog, "--html", "saved/368663.html"); r[0].code != 0 {
		t.Fatal(r[0].stderr)
	}
	for _, f := range []string{post, render} {
		if got, _ := os.ReadFile(f); !bytes.Equal(got, after) {
			t.Errorf("%s is not the new render", f)
		}
	}
	if left := tempFiles(t, blog); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
