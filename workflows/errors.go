package workflows

import (
	"errors"
	"fmt"
	"time"
)

// Kind says what sort of failure an error is, so that the web layer can pick a
// status and the job runner can decide whether a retry can help.
type Kind uint8

const (
	Internal    Kind = iota // unexpected: details go to the log, never to the page
	Invalid                 // input breaks a rule; Fields says which
	NotFound                // missing, or not visible to this person
	Conflict                // e.g. a state change that is not allowed now
	Forbidden               // not allowed for this person, or a vendor refused us for good
	Unavailable             // a dependency said "later"; RetryAfter may say when
	Gone                    // existed once but no longer usable: a closed event, a used link
	TooMany                 // asked too often; RetryAfter says when to ask again
)

func (k Kind) String() string {
	switch k {
	case Invalid:
		return "invalid"
	case NotFound:
		return "not_found"
	case Conflict:
		return "conflict"
	case Forbidden:
		return "forbidden"
	case Unavailable:
		return "unavailable"
	case Gone:
		return "gone"
	case TooMany:
		return "too_many"
	default:
		return "internal"
	}
}

// Error is the one error type the domain returns. Message is safe to show to
// a person; Err is the cause and goes to logs only.
type Error struct {
	Kind       Kind
	Message    string
	Fields     map[string]string
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Message != "":
		return e.Message + ": " + e.Err.Error()
	case e.Err != nil:
		return e.Err.Error()
	case e.Message != "":
		return e.Message
	default:
		return e.Kind.String()
	}
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error of the given kind with a safe message.
func E(kind Kind, message string) *Error { return &Error{Kind: kind, Message: message} }

// Wrap gives cause a kind and a safe message, keeping it for the logs.
func Wrap(kind Kind, message string, cause error) *Error {
	return &Error{Kind: kind, Message: message, Err: cause}
}

// Errorf is Wrap with a formatted internal cause.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Err: fmt.Errorf(format, args...)}
}

// KindOf reports the kind of err; anything that is not an *Error is Internal.
func KindOf(err error) Kind {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Kind
	}
	return Internal
}

// MessageOf returns the person-safe message of err, or "" when it has none.
func MessageOf(err error) string {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Message
	}
	return ""
}

// RetryAfterOf returns the delay a dependency asked for, or 0.
func RetryAfterOf(err error) time.Duration {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.RetryAfter
	}
	return 0
}

// FieldErrors returns the per-field messages of an Invalid error, else nil.
func FieldErrors(err error) map[string]string {
	if e, ok := errors.AsType[*Error](err); ok && e.Kind == Invalid && len(e.Fields) > 0 {
		return e.Fields
	}
	return nil
}

// Violations collects the first failed rule per field.
type Violations map[string]string

// Check records message for field when ok is false and the field has no
// message yet, so the first rule that fails is the one shown.
func (v Violations) Check(ok bool, field, message string) {
	if ok {
		return
	}
	if _, seen := v[field]; !seen {
		v[field] = message
	}
}

// Err returns nil when nothing failed, else an Invalid error carrying the fields.
func (v Violations) Err() error {
	if len(v) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Message: "Some answers need fixing.", Fields: map[string]string(v)}
}
