package lazyregexp

import "flag"

// -update is the README's way to rewrite golden files, and `go test ./...
// -update` passes it to every package: this package has no golden files, so
// it only accepts the flag.
var _ = flag.Bool("update", false, "rewrite golden files (this package has none)")
