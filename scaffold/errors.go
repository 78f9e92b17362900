package scaffold

import "errors"

// Error is an error the user can fix. main prints it as
//
//	scaffold: error: <Msg>
//	scaffold: hint: <each hint>
//
// and exits with Code (1 when zero). An Error with no Msg prints nothing: the
// run has said what it had to (--dry-run's diff) and only the code remains.
type Error struct {
	Msg   string
	Hints []string
	Code  int
	Err   error // the underlying error, if any, for errors.Is/As
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Exit codes, as main uses them.
const (
	ExitOK          = 0
	ExitFailure     = 1
	ExitUsage       = 2
	ExitInterrupted = 130
)

// userErr builds an *Error with optional hints.
func userErr(msg string, hints ...string) *Error {
	return &Error{Msg: msg, Hints: hints}
}

// usageErr builds an *Error that exits with ExitUsage.
func usageErr(msg string, hints ...string) *Error {
	return &Error{Msg: msg, Hints: hints, Code: ExitUsage}
}

// Hints returns the hints attached to err, if it is or wraps an *Error.
func Hints(err error) []string {
	var e *Error
	if errors.As(err, &e) {
		return e.Hints
	}
	return nil
}

// ExitCode returns the exit code main should use for err.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var e *Error
	if errors.As(err, &e) && e.Code != 0 {
		return e.Code
	}
	return ExitFailure
}
