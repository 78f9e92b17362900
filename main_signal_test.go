package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
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
	bin := filepath.Join(dir, "scaffold")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
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
