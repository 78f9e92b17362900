package main

import (
	"runtime/debug"
	"strings"
)

// Set by the release build through
// -ldflags "-X main.version=... -X main.commit=... -X main.date=..."
// (see .goreleaser.yaml); empty in a binary built by go install, go build or go run.
var (
	version = ""
	commit  = ""
	date    = ""
)

// versionLine is what --version prints, e.g.
// "scaffold 1.2.3 (commit abc1234, built 2026-11-26T09:00:00Z)".
func versionLine() string {
	bi, ok := debug.ReadBuildInfo()
	return versionInfo(version, commit, date, bi, ok)
}

// versionInfo builds the version line from the ldflags values v, c and d,
// filling each one that is empty from the build information the Go toolchain
// embeds (bi, ok as returned by debug.ReadBuildInfo): the module version for a
// go install pkg@version, and the vcs.revision and vcs.time settings for a
// build inside a git checkout. It says "dev" only when no version is known.
// It takes its inputs as arguments so that the fallback is testable without a
// real build.
func versionInfo(v, c, d string, bi *debug.BuildInfo, ok bool) string {
	if ok && bi != nil {
		if v == "" {
			v = bi.Main.Version // "v0.3.0", or "(devel)" for a build in a checkout
		}
		var revision, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				if d == "" {
					d = s.Value
				}
			case "vcs.modified":
				modified = s.Value
			}
		}
		if c == "" && revision != "" {
			c = revision
			if modified == "true" {
				c += "+dirty"
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	var details []string
	if c != "" {
		details = append(details, "commit "+c)
	}
	if d != "" {
		details = append(details, "built "+d)
	}
	line := "scaffold " + v
	if len(details) > 0 {
		line += " (" + strings.Join(details, ", ") + ")"
	}
	return line
}
