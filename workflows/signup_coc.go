package workflows

import (
	"context"
	"maps"
	"time"
)

// cocMessage is the field error of a sign-up that did not accept the event's
// code of conduct.
const cocMessage = "Read the code of conduct and tick the box to accept it."

// checkCoC loads the event's content and, when it has a code of conduct,
// requires in to accept it. It returns the acceptance to store, if any.
func checkCoC(ctx context.Context, tx Tx, eventID string, in SignupInput, now time.Time) (*CoCAcceptance, error) {
	c, err := tx.Contents.EventContent(ctx, eventID)
	if err != nil || c.CodeOfConduct == "" {
		return nil, err
	}
	if !in.AcceptCoC {
		return nil, Violations{"code_of_conduct": cocMessage}.Err()
	}
	return &CoCAcceptance{URL: c.CodeOfConduct, Accepted: now}, nil
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
		ev, err := tx.Events.EventBySlug(ctx, in.EventSlug)
		if err != nil {
			return err
		}
		c, err := tx.Contents.EventContent(ctx, ev.ID)
		required = err == nil && c.CodeOfConduct != ""
		return err
	})
	if !required {
		return err
	}
	v := Violations(maps.Clone(fields))
	v.Check(false, "code_of_conduct", cocMessage)
	return v.Err()
}
