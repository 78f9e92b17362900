package scaffold

import "context"

// Check checks the notes against the event before publishing.
func Check(ctx context.Context, opts Options) error {
	return userErr("scaffold check is not implemented yet")
}
