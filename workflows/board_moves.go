package workflows

import (
	"cmp"
	"context"
	"fmt"
)

// BoardMoveOutcome says what a card move on the Trello board did.
type BoardMoveOutcome string

const (
	BoardMoved     BoardMoveOutcome = "moved"
	BoardUnchanged BoardMoveOutcome = "unchanged" // the card is where its status says: our own move echoing back
	BoardRefused   BoardMoveOutcome = "refused"   // not an allowed change: the card is put back
	BoardUnknown   BoardMoveOutcome = "unknown"   // not a card of ours
)

// boardActor is who the audit log names for changes made on the board:
// Trello does not tell us which organizer dragged the card.
func boardActor() Viewer { return Viewer{Name: "Trello board", Organizer: true, acting: ActorBoard} }

// MoveCard applies an organizer's drag of a card to the list named list,
// when that change of status is allowed, with the same rules as the admin
// area (capacity, waitlist promotion, emails). A refused move enqueues the
// card's sync, which puts it back in the list of its real status. The
// action ID is remembered in the same transaction, so a replay is refused
// (Forbidden) while a delivery that failed can be retried.
func (a *Reviews) MoveCard(ctx context.Context, actionID, cardID, list string) (BoardMoveOutcome, error) {
	now := a.Clock.Now()
	outcome := BoardUnknown
	err := a.Store.InTx(ctx, func(tx Tx) error {
		if err := tx.Webhooks.RememberWebhookToken(ctx, "trello", actionID, now); err != nil {
			if KindOf(err) == Conflict {
				return Wrap(Forbidden, "This webhook was delivered before.", err)
			}
			return err
		}
		reg, err := tx.Registrations.RegistrationByCardID(ctx, cardID)
		if KindOf(err) == NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		if inTrelloList(reg.Status, list) {
			outcome = BoardUnchanged
			return nil
		}
		s := a.seating(boardActor(), now)
		_, err = s.moveTo(ctx, tx, reg, list)
		if KindOf(err) == Conflict {
			outcome = BoardRefused
			return tx.Jobs.Enqueue(ctx, JobTrelloCard, reg.ID, now)
		}
		if err != nil {
			return err
		}
		outcome = BoardMoved
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("move card %s to %q: %w", cardID, list, err)
	}
	return outcome, nil
}

// moveTo is the status change a board list stands for.
func (s seating) moveTo(ctx context.Context, tx Tx, reg RegistrationView, list string) (SeatChange, error) {
	detail := func(verb string) string {
		return fmt.Sprintf("%s %s (%s) in %s on the Trello board.", verb, reg.Person.Name, reg.Role, reg.Event.Title)
	}
	switch {
	case inTrelloList(StatusAccepted, list):
		return s.accept(ctx, tx, reg)
	case inTrelloList(StatusWaitlisted, list):
		return s.waitlist(ctx, tx, reg)
	case inTrelloList(StatusWithdrawn, list):
		// The note is for organizers: the person is not told how it was done.
		return s.withdraw(ctx, tx, reg, "Moved to Withdrawn on the Trello board.", AuditWithdraw, false)
	case inTrelloList(StatusActive, list):
		if reg.Status != StatusAccepted {
			return SeatChange{}, E(Conflict, "Only accepted registrations start mentoring.")
		}
		return SeatChange{Registration: reg}, s.set(ctx, tx, &reg, StatusActive, AuditBoardMove, detail("Started mentoring for"))
	case inTrelloList(StatusCompleted, list):
		if reg.Status != StatusActive {
			return SeatChange{}, E(Conflict, "Only registrations in mentoring can be completed.")
		}
		if merged, err := stepDone(ctx, tx, reg.ID, StepFirstChangeMerged); err != nil || !merged {
			return SeatChange{}, cmp.Or(err, error(E(Conflict, "Only a student whose first change is merged is completed.")))
		}
		return SeatChange{Registration: reg}, s.set(ctx, tx, &reg, StatusCompleted, AuditBoardMove, detail("Completed"))
	}
	return SeatChange{}, E(Conflict, fmt.Sprintf("A card cannot be moved to %q by hand.", list))
}

// stepDone reports whether the registration has done the step.
func stepDone(ctx context.Context, tx Tx, registrationID, key string) (bool, error) {
	done, err := tx.Steps.ProgressOf(ctx, registrationID)
	if err != nil {
		return false, err
	}
	for _, p := range done {
		if p.Key == key {
			return true, nil
		}
	}
	return false, nil
}
