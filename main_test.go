package main

import (
	"context"
	"flag"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// -update rewrites the files a script compares against when they are inside
// its own archive (testscript's UpdateScripts); `go test ./... -update`
// passes it to every package.
var update = flag.Bool("update", false, "rewrite the expected files inside the scripts")

func TestMain(m *testing.M) {
	main := func() { os.Exit(run(context.Background(), os.Args, os.Stdin, os.Stdout, os.Stderr)) }
	if os.Getenv(asScaffoldEnv) == "1" {
		main() // the test binary re-executed as scaffold (see TestConcurrentRuns)
	}
	// connpass-scaffold is the name go install gives the binary.
	testscript.Main(m, map[string]func(){"scaffold": main, "connpass-scaffold": main})
}

// TestScript runs the end-to-end scripts in testdata/script. Each starts in
// a blog root holding the JDDUG config (.scaffold.yaml), notes/368663.yaml,
// the saved event page at saved/368663.html and the expected post at
// golden/2025-10-29-jddug13.md.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       *update,
		Cmds:                map[string]func(ts *testscript.TestScript, neg bool, args []string){"replace": cmdReplace, "crlf": cmdCRLF},
		Setup: func(env *testscript.Env) error {
			files := map[string]string{
				"testdata/blog/.scaffold.yaml":                  ".scaffold.yaml",
				"testdata/blog/notes/368663.yaml":               "notes/368663.yaml",
				"testdata/connpass/368663/event.html":           "saved/368663.html",
				"testdata/connpass/talks/event.html":            "saved/talks.html",
				"testdata/golden/2025-10-29-jddug13.md":         "golden/2025-10-29-jddug13.md",
				"testdata/golden/2025-10-29-jddug13-api.md":     "golden/2025-10-29-jddug13-api.md",
				"testdata/csv/368663.csv":                       "csv/368663.csv",
				"testdata/connpass/368663/event-shift_jis.html": "saved/368663-shift_jis.html",
				"testdata/csv/368663-cp932.csv":                 "csv/368663-cp932.csv",
				"testdata/connpass/styles/367374.html":          "saved/367374.html",
				"testdata/connpass/styles/387296.html":          "saved/387296.html",
				"testdata/golden/styles/2025-11-13-jddug14.md":  "golden/styles/2025-11-13-jddug14.md",
				"testdata/golden/styles/2026-05-28-jddug17.md":  "golden/styles/2026-05-28-jddug17.md",
			}
			// The style examples, at examples/.
			for _, dir := range []string{"examples/jddug14", "examples/jddug17"} {
				err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						files[p] = p
					}
					return err
				})
				if err != nil {
					return err
				}
			}
			// The hand-built blog that init learns from, at initblog/.
			err := filepath.WalkDir("testdata/initblog", func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					files[p] = filepath.Join("initblog", strings.TrimPrefix(p, filepath.Join("testdata", "initblog")))
				}
				return err
			})
			if err != nil {
				return err
			}
			for from, to := range files {
				data, err := os.ReadFile(from)
				if err != nil {
					return err
				}
				dst := filepath.Join(env.WorkDir, to)
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					return err
				}
			}
			env.Setenv("CONNPASS_API_KEY", "")
			// API responses are cached in the work dir, never in the user's cache.
			env.Setenv("SCAFFOLD_CACHE_DIR", filepath.Join(env.WorkDir, ".cache"))
			api := fixtureAPI(env.WorkDir)
			env.Defer(api.Close)
			env.Setenv("CONNPASS_API_BASE", api.URL+"/api/v2/")
			// Speaker Deck lookups (decks without speakerdeck_id) never leave the machine.
			env.Setenv("SCAFFOLD_SPEAKERDECK_BASE", "http://127.0.0.1:9/")
			return nil
		},
	})
}

// cmdReplace is the script command `replace FILE OLD NEW`: it replaces the
// one occurrence of OLD in FILE with NEW, as an organizer editing by hand.
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	if n := strings.Count(string(data), args[1]); n != 1 {
		ts.Fatalf("%s holds %q %d times, want once", args[0], args[1], n)
	}
	ts.Check(os.WriteFile(path, []byte(strings.Replace(string(data), args[1], args[2], 1)), 0o644))
}

// cmdCRLF is the script command `crlf FILE`: it turns the LF line endings
// of FILE into CRLF, as some editors save a file.
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: crlf FILE")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	ts.Check(os.WriteFile(path, []byte(strings.ReplaceAll(string(data), "\n", "\r\n")), 0o644))
}

// fixtureAPI is a stand-in for the connpass API v2 serving the reconstructed
// responses of event 368663 to the key "script-test-key". To the key
// "script-files-key" it answers from the script's own files instead:
// api/events.json for every events/ request and api/presentations.json for
// every presentations/ request, whatever the query (start= included).
// The search of the group datadog-jp (the latest-event pick) answers with the
// hand-built api/search-datadog-jp.json.
func fixtureAPI(workDir string) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-API-Key") == "script-files-key" {
			file := "events.json"
			if strings.HasSuffix(r.URL.Path, "/presentations/") {
				file = "presentations.json"
			}
			http.ServeFile(w, r, filepath.Join(workDir, "api", file))
			return
		}
		if r.Header.Get("X-API-Key") != "script-test-key" {
			http.Error(w, `{"detail":"invalid key"}`, http.StatusUnauthorized)
			return
		}
		file := ""
		switch {
		case r.URL.Path == "/api/v2/events/" && r.URL.Query().Get("event_id") == "368663":
			file = "events.json"
		case r.URL.Path == "/api/v2/events/" && r.URL.Query().Get("subdomain") == "datadog-jp":
			file = "search-datadog-jp.json"
		case r.URL.Path == "/api/v2/events/368663/presentations/":
			file = "presentations.json"
		case r.URL.Path == "/api/v2/events/":
			w.Write([]byte(`{"results_returned":0,"results_available":0,"results_start":1,"events":[]}`))
			return
		default:
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join("testdata", "connpass", "368663", "api", file))
	}))
}

// TestExitCodes: 0 ok, 1 failure, 2 usage error, 130 interrupted.
func TestExitCodes(t *testing.T) {
	t.Chdir("testdata/blog")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		args []string
		want int
	}{
		{"version", context.Background(), []string{"--version"}, 0},
		{"render", context.Background(), []string{"--html", "../connpass/368663/event.html", "--stdout"}, 0},
		{"unknown flag", context.Background(), []string{"--no-such-flag"}, 2},
		{"extra argument", context.Background(), []string{"--html", "x.html", "extra"}, 2},
		{"no source", context.Background(), []string{"--event", "368663"}, 1},
		{"check with problems", context.Background(), []string{"check", "--html", "../connpass/368663/event.html"}, 1}, // no images in the example blog
		{"notes exist", context.Background(), []string{"notes", "--html", "../connpass/368663/event.html"}, 1},
		{"device as notes", context.Background(), []string{"--html", "../connpass/368663/event.html", "--notes", "/dev/zero", "--stdout"}, 1},
		{"device as page", context.Background(), []string{"--html", "/dev/zero", "--stdout"}, 1},
		{"directory as config", context.Background(), []string{"--html", "../connpass/368663/event.html", "--config", ".", "--stdout"}, 1},
		{"interrupted", cancelled, []string{"--html", "../connpass/368663/event.html", "--stdout"}, 130},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr strings.Builder
			got := run(tt.ctx, append([]string{"scaffold"}, tt.args...), strings.NewReader(""), &stdout, &stderr)
			if got != tt.want {
				t.Errorf("exit code %d, want %d (stderr: %s)", got, tt.want, stderr.String())
			}
			if got != 0 && stdout.Len() > 0 && tt.args[0] != "check" { // check's list of problems is its output
				t.Errorf("stdout not empty on failure: %q", stdout.String())
			}
		})
	}
}
