package workflows

import (
	"context"
	"maps"
	"time"
)

// cocMessage is the field error of a sign-up that did not accept the event's
// code of conduct.
const cocMessage = "Read the code of conduct and tick the box to accept it."

// checkCoC requires in to accept the event's code of conduct at url, when
// it has one ("" for none). It returns the acceptance to store, if any.
func checkCoC(url string, in SignupInput, now time.Time) (*CoCAcceptance, error) {
	if url == "" {
		return nil, nil
	}
	if !in.AcceptCoC {
		return nil, Violations{"code_of_conduct": cocMessage}.Err()
	}
	return &CoCAcceptance{URL: url, Accepted: now}, nil
}

// withCoCError adds the code-of-conduct error to a sign-up that failed
// validation, so the person sees every problem at once rather than the
// box only after fixing the rest. The read happens only on this failure
// path, never on a good sign-up.
func (s *Signups) withCoCError(ctx context.Context, in SignupInput, err error) error {
	fields := FieldErrors(err)
	if in.AcceptCoC || fields == nil {
		return err
	}
	var required bool
	_ = s.Store.View(ctx, func(tx Tx) error {
		_, coc, err := tx.Events.EventForSignup(ctx, in.EventSlug)
		required = err == nil && coc != ""
		return err
	})
	if !required {
		return err
	}
	v := Violations(maps.Clone(fields))
	v.Check(false, "code_of_conduct", cocMessage)
	return v.Err()
}
