package workflows

import (
	"context"
	"time"
)

// UnconfirmedLifetime is how long a sign-up waits for its address to be
// confirmed before it is deleted: anyone can type any address into the
// public form, and what they typed should not stay.
const UnconfirmedLifetime = 7 * 24 * time.Hour

// expireBatch bounds one pass, so a backlog is worked off over several.
const expireBatch = 200

// ExpireUnconfirmed deletes registrations pending for longer than
// UnconfirmedLifetime, and their people when nothing else remains of them
// (no other registration, not an organizer), queueing the deletion of the
// mirrors' copies as erasure does. It returns how many registrations went.
func (s *Signups) ExpireUnconfirmed(ctx context.Context) (int, error) {
	now := s.Clock.Now()
	// The pass runs every minute and finds nothing most of the time: it
	// looks on a read-only snapshot, which holds up no sign-up (the search
	// reads every registration), and each person found is checked again in
	// the transaction, so a sign-up confirmed meanwhile stays.
	var people []string
	err := s.Store.View(ctx, func(tx Tx) (err error) {
		people, err = tx.Erasures.PendingBefore(ctx, now.Add(-UnconfirmedLifetime), expireBatch)
		return err
	})
	if err != nil || len(people) == 0 {
		return 0, err
	}
	expired := 0
	err = s.Store.InTx(ctx, func(tx Tx) error {
		expired = 0
		for _, id := range people {
			n, err := expirePerson(ctx, tx, id, now)
			if err != nil {
				return err
			}
			expired += n
		}
		return nil
	})
	return expired, err
}

func expirePerson(ctx context.Context, tx Tx, personID string, now time.Time) (int, error) {
	// Another instance's pass may be at the same person: the second waits,
	// then finds them gone or their registrations already expired.
	if err := tx.Erasures.LockPerson(ctx, personID); KindOf(err) == NotFound {
		return 0, nil
	} else if err != nil {
		return 0, err
	}
	rec, err := personRecord(ctx, tx, personID)
	if err != nil {
		return 0, err
	}
	stale, kept := rec, rec
	stale.Registrations, kept.Registrations = nil, nil
	for _, r := range rec.Registrations {
		if r.Status == StatusPending && r.Created.Before(now.Add(-UnconfirmedLifetime)) {
			stale.Registrations = append(stale.Registrations, r)
		} else {
			kept.Registrations = append(kept.Registrations, r)
		}
	}
	planned, _ := erasuresOf(stale, now) // a pending registration holds no seat
	if len(kept.Registrations) == 0 && !rec.Person.Organizer {
		err = tx.Erasures.ErasePerson(ctx, personID)
	} else {
		for _, r := range stale.Registrations {
			if err = tx.Erasures.DeleteRegistration(ctx, r.ID); err != nil {
				break
			}
		}
	}
	if err != nil {
		return 0, err
	}
	// Queued after the deletion, which clears the outbox rows keyed by the
	// registrations (the sync jobs that would write them back).
	for _, pe := range planned {
		if err := tx.Erasures.CreateErasure(ctx, pe.Erasure); err != nil {
			return 0, err
		}
		for _, kind := range pe.jobs {
			if err := tx.Jobs.Enqueue(ctx, kind, pe.RegistrationID, now.Add(eraseDelay)); err != nil {
				return 0, err
			}
		}
	}
	return len(stale.Registrations), nil
}
