package scaffold

import "context"

// WriteNotes writes notes/<id>.yaml pre-filled from the facts.
func WriteNotes(ctx context.Context, opts Options) error {
	return userErr("scaffold notes is not implemented yet")
}
