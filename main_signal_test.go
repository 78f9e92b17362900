package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptExits130: Ctrl-C while a request to the API is in flight
// stops the process with exit code 130, one line on stderr, and no post or
// cache entry left behind.
func TestInterruptExits130(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	arrived := make(chan struct{}, 1)
	release := make(chan struct{})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer api.Close()
	defer close(release)

	dir := t.TempDir()
	bin := buildBinary(t, dir)
	blog := filepath.Join(dir, "blog")
	cache := filepath.Join(dir, "cache")
	if err := os.MkdirAll(blog, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--event", "368663")
	cmd.Dir = blog
	cmd.Env = append(os.Environ(), "CONNPASS_API_KEY=signal-test-key", "CONNPASS_API_BASE="+api.URL+"/api/v2/", "SCAFFOLD_CACHE_DIR="+cache)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the request never reached the API")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Fatalf("exit code %d (%v), want 130; stderr: %s", code, err, stderr.String())
	}
	if got := stderr.String(); got != "scaffold: error: interrupted; nothing was written\n" {
		t.Errorf("stderr = %q", got)
	}
	if stdout.Len() > 0 {
		t.Errorf("stdout = %q", stdout.String())
	}
	for _, d := range []string{filepath.Join(blog, "_posts"), cache} {
		entries, _ := os.ReadDir(d)
		if len(entries) > 0 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("%s holds %s after the interrupt", d, strings.Join(names, ", "))
		}
	}
}

// buildBinary builds scaffold into dir.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "scaffold")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestSignalInRunawayTemplate: SIGTERM or SIGINT while a template runs away
// (text/template cannot be cancelled) ends the process in well under a
// second: exit 130, one line, no post, no temporary file.
func TestSignalInRunawayTemplate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	dir := t.TempDir()
	bin := buildBinary(t, dir)
	page, err := os.ReadFile("testdata/connpass/368663/event.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			blog := t.TempDir()
			files := map[string]string{
				"saved/368663.html":    string(page),
				"runaway/post.md.tmpl": "{{ range 2000000000 }}{{ end }}\n",
				"notes/368663.yaml":    "intro: hello\n",
				"_posts/keep.md":       "an older post\n",
			}
			for name, data := range files {
				if err := os.MkdirAll(filepath.Dir(filepath.Join(blog, name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(blog, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(bin, "--html", "saved/368663.html", "--templates", "runaway")
			cmd.Dir = blog
			cmd.Env = append(os.Environ(), "SCAFFOLD_CACHE_DIR="+filepath.Join(blog, ".cache"))
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			waitSpinning(t, cmd.Process.Pid)
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case <-exited:
			case <-time.After(10 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 10s after %v", sig)
			}
			took := time.Since(sent)
			t.Logf("exited %v after %v", took, sig)
			if took >= time.Second {
				t.Errorf("took %v to exit after %v, want well under a second", took, sig)
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit code %d, want 130; stderr: %s", code, stderr.String())
			}
			if got := stderr.String(); got != "scaffold: error: interrupted; nothing was written\n" {
				t.Errorf("stderr = %q", got)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout = %q", stdout.String())
			}
			var found []string
			filepath.WalkDir(blog, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(blog, p)
					if _, ok := files[rel]; !ok {
						found = append(found, rel)
					}
				}
				return nil
			})
			if len(found) > 0 {
				t.Errorf("files left after %v: %s", sig, strings.Join(found, ", "))
			}
		})
	}
}

// waitSpinning waits until the process has used 300ms of CPU time, so that
// it is inside the runaway template (reading the inputs takes far less).
func waitSpinning(t *testing.T, pid int) {
	t.Helper()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		time.Sleep(2 * time.Second) // no /proc (not Linux): reading the inputs takes far less
		return
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cpuTime(pid) >= 300*time.Millisecond {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the process never got into the template")
}

// cpuTime is the user+system time of pid from /proc/PID/stat (Linux).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(data)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.Atoi(fields[11])
	stime, _ := strconv.Atoi(fields[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}
