package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersionInfo(t *testing.T) {
	vcs := func(kv ...string) *debug.BuildInfo {
		bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/meetup-tools/connpass-scaffold", Version: "v0.3.0"}}
		for i := 0; i+1 < len(kv); i += 2 {
			bi.Settings = append(bi.Settings, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return bi
	}
	devel := &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-02-03T04:05:06Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	tests := []struct {
		name    string
		v, c, d string
		bi      *debug.BuildInfo
		ok      bool
		want    string
	}{
		{
			name: "ldflags",
			v:    "1.2.3", c: "abc1234", d: "2026-11-26T09:00:00Z",
			want: "scaffold 1.2.3 (commit abc1234, built 2026-11-26T09:00:00Z)",
		},
		{
			name: "ldflags win over build info",
			v:    "1.2.3", c: "abc1234", d: "2026-11-26T09:00:00Z",
			bi: vcs("vcs.revision", "fedcba9", "vcs.time", "2020-01-01T00:00:00Z"), ok: true,
			want: "scaffold 1.2.3 (commit abc1234, built 2026-11-26T09:00:00Z)",
		},
		{
			name: "ldflags version only",
			v:    "1.2.3",
			want: "scaffold 1.2.3",
		},
		{
			name: "go install pkg@version",
			bi:   vcs("vcs.revision", "abc1234def", "vcs.time", "2026-01-02T03:04:05Z"), ok: true,
			want: "scaffold v0.3.0 (commit abc1234def, built 2026-01-02T03:04:05Z)",
		},
		{
			name: "module version without vcs settings",
			bi:   vcs(), ok: true,
			want: "scaffold v0.3.0",
		},
		{
			name: "build in a modified checkout",
			bi:   devel, ok: true,
			want: "scaffold (devel) (commit 0123456789abcdef0123456789abcdef01234567+dirty, built 2026-02-03T04:05:06Z)",
		},
		{
			name: "nothing known",
			want: "scaffold dev",
		},
		{
			name: "no build info",
			bi:   vcs("vcs.revision", "abc1234"), ok: false,
			want: "scaffold dev",
		},
		{
			name: "empty build info",
			bi:   &debug.BuildInfo{}, ok: true,
			want: "scaffold dev",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionInfo(tt.v, tt.c, tt.d, tt.bi, tt.ok); got != tt.want {
				t.Errorf("versionInfo() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestVersionFlag checks that --version prints versionLine, in-process.
func TestVersionFlag(t *testing.T) {
	saved := [3]string{version, commit, date}
	t.Cleanup(func() { version, commit, date = saved[0], saved[1], saved[2] })
	version, commit, date = "1.2.3", "abc1234", "2026-11-26T09:00:00Z"

	var stdout, stderr strings.Builder
	code := run(context.Background(), []string{"scaffold", "--version"}, strings.NewReader(""), &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit code %d, stderr: %s", code, stderr.String())
	}
	if want := "scaffold 1.2.3 (commit abc1234, built 2026-11-26T09:00:00Z)\n"; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
}

// TestVersionLdflags builds the real binary with the -X flags the release
// uses, proving that the names in .goreleaser.yaml match the variables here:
// a misspelt -X name is silently ignored by the linker.
func TestVersionLdflags(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	bin := filepath.Join(t.TempDir(), "scaffold")
	build := exec.Command(gobin, "build",
		"-ldflags", "-X main.version=9.9.9 -X main.commit=abc1234 -X main.date=2026-01-02T03:04:05Z",
		"-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("scaffold --version: %v\n%s", err, out)
	}
	if got, want := string(out), "scaffold 9.9.9 (commit abc1234, built 2026-01-02T03:04:05Z)\n"; got != want {
		t.Errorf("scaffold --version printed %q, want %q", got, want)
	}
}
