package main

// Set by the release build through -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
var (
	version = ""
	commit  = ""
	date    = ""
)

// versionLine is what --version prints.
func versionLine() string {
	v := version
	if v == "" {
		v = "dev"
	}
	return "scaffold " + v
}
