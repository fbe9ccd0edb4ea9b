package workflows

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// CheckIns is the mentors' weekly check-ins: the dashboard, a pairing's
// history and recording a week.
type CheckIns struct {
	Store   Store
	Clock   Clock
	Emails  CheckInEmails
	Mirrors []JobKind
}

// CheckInInput is the check-in form as posted.
type CheckInInput struct {
	Week           string // ISO week like 2027-W05; "" means the current week in the event's zone
	Met            string // "yes" or "no"
	State          string
	Notes          string
	NextSteps      string
	NeedsOrganizer bool
}

const (
	checkInNotesMax     = 4000
	checkInNextStepsMax = 2000
)

// validate checks the input and returns the check-in it describes (without
// IDs and times) for a pairing that began at pairedAt in loc.
func (in CheckInInput) validate(now, pairedAt time.Time, loc *time.Location) (CheckIn, error) {
	v := Violations{}
	week := ISOWeek(strings.TrimSpace(in.Week))
	if week == "" {
		week = WeekOf(now, loc)
	}
	w, ok := ParseWeek(string(week))
	v.Check(ok, "week", "Enter a week like "+string(WeekOf(now, loc))+".")
	if ok {
		if err := CheckWeek(w, now, pairedAt, loc); err != nil {
			for f, msg := range FieldErrors(err) {
				v.Check(false, f, msg)
			}
		}
	}
	v.Check(in.Met == "yes" || in.Met == "no", "met", "Say whether you met this week.")
	state := CheckInState(in.State)
	v.Check(validCheckInState(state), "state", "Choose how your mentee is doing.")
	notes, next := strings.TrimSpace(in.Notes), strings.TrimSpace(in.NextSteps)
	v.Check(utf8.RuneCountInString(notes) <= checkInNotesMax, "notes", fmt.Sprintf("Use at most %d characters.", checkInNotesMax))
	v.Check(utf8.RuneCountInString(next) <= checkInNextStepsMax, "next_steps", fmt.Sprintf("Use at most %d characters.", checkInNextStepsMax))
	return CheckIn{Week: w, Met: in.Met == "yes", State: state, Notes: notes, NextSteps: next, NeedsOrganizer: in.NeedsOrganizer}, v.Err()
}

func validCheckInState(s CheckInState) bool {
	for _, known := range CheckInStates() {
		if s == known {
			return true
		}
	}
	return false
}

// NeedsOrganizers reports whether a check-in should reach the organizers.
func (c CheckIn) NeedsOrganizers() bool { return c.NeedsOrganizer || c.State == CheckInBlocked }

// CheckInOutcome says what recording a check-in did.
type CheckInOutcome struct {
	CheckIn  CheckIn
	Student  RegistrationView
	Updated  bool // the week had a check-in, now rewritten
	Notified bool // organizers were emailed
}

// Record writes the check-in of one week of a pairing: the first post for a
// week creates it, later ones rewrite it (audited). A check-in that needs the
// organizers emails them once per pairing and week.
func (c *CheckIns) Record(ctx context.Context, v Viewer, pairingID string, in CheckInInput) (CheckInOutcome, error) {
	now := c.Clock.Now()
	var out CheckInOutcome
	err := c.Store.InTx(ctx, func(tx Tx) error {
		pr, err := pairingFor(ctx, tx, v, pairingID)
		if err != nil {
			return err
		}
		if !pr.Pairing.Open() {
			return E(Conflict, "This pairing has ended: record check-ins for the mentee's new mentor instead.")
		}
		ci, err := in.validate(now, pr.Pairing.Started, pr.Student.Event.loc())
		if err != nil {
			return err
		}
		ci.ID, ci.PairingID, ci.AuthorID, ci.Created, ci.Updated = NewID(), pairingID, v.PersonID, now, now
		out = CheckInOutcome{Student: pr.Student}
		if out.CheckIn, out.Updated, err = c.write(ctx, tx, v, pr, ci); err != nil {
			return err
		}
		if out.Notified, err = c.alert(ctx, tx, pr, out.CheckIn, now); err != nil {
			return err
		}
		return stepMarker{mirrors: c.Mirrors, now: now}.mirror(ctx, tx, pr.Student.ID)
	})
	return out, err
}

// write inserts the week's check-in, or rewrites the one there. The insert
// never fails on the unique key (ON CONFLICT DO NOTHING), so concurrent
// posts for one week end as one row holding the last of them.
func (c *CheckIns) write(ctx context.Context, tx Tx, v Viewer, pr pairingRecord, ci CheckIn) (CheckIn, bool, error) {
	inserted, err := tx.CheckIns.InsertCheckIn(ctx, ci)
	if err != nil {
		return CheckIn{}, false, err
	}
	if inserted {
		err := tx.Activity.RecordActivity(ctx, Activity{ID: NewID(), EventID: pr.Pairing.EventID, RegistrationID: pr.Student.ID,
			Kind: ActivityCheckIn, Week: ci.Week, At: ci.Created})
		return ci, false, err
	}
	old, err := tx.CheckIns.CheckInFor(ctx, ci.PairingID, ci.Week)
	if err != nil {
		return CheckIn{}, false, err
	}
	ci.ID, ci.Created, ci.OrganizerNotified = old.ID, old.Created, old.OrganizerNotified
	if err := tx.CheckIns.UpdateCheckIn(ctx, ci); err != nil {
		return CheckIn{}, false, err
	}
	err = audit(ctx, tx.Audit, v, ci.Updated, AuditEntry{Action: AuditCheckInUpdate, EventID: pr.Pairing.EventID,
		PersonID: pr.Student.PersonID, RegistrationID: pr.Student.ID,
		Detail: fmt.Sprintf("Check-in of %s for %s changed: %s.", pr.Student.Person.Name, ci.Week, checkInChanges(old, ci))})
	return ci, true, err
}

// checkInChanges says in words what an update changed.
func checkInChanges(old, new CheckIn) string {
	var parts []string
	if old.Met != new.Met {
		parts = append(parts, fmt.Sprintf("met %s → %s", yesNo(old.Met), yesNo(new.Met)))
	}
	if old.State != new.State {
		parts = append(parts, fmt.Sprintf("state %s → %s", old.State.Label(), new.State.Label()))
	}
	if old.NeedsOrganizer != new.NeedsOrganizer {
		parts = append(parts, fmt.Sprintf("needs an organizer %s → %s", yesNo(old.NeedsOrganizer), yesNo(new.NeedsOrganizer)))
	}
	if old.Notes != new.Notes {
		parts = append(parts, "notes rewritten")
	}
	if old.NextSteps != new.NextSteps {
		parts = append(parts, "next steps rewritten")
	}
	if len(parts) == 0 {
		return "nothing (saved again)"
	}
	return strings.Join(parts, ", ")
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// alert emails every organizer about a check-in that needs them, once per
// check-in (so once per pairing and week): the claim on the row decides who
// sends when several posts race.
func (c *CheckIns) alert(ctx context.Context, tx Tx, pr pairingRecord, ci CheckIn, now time.Time) (bool, error) {
	if !ci.NeedsOrganizers() || !ci.OrganizerNotified.IsZero() {
		return false, nil
	}
	err := tx.CheckIns.MarkOrganizerNotified(ctx, ci.ID, now)
	if KindOf(err) == NotFound {
		return false, nil // another post for this week emailed them
	}
	if err != nil {
		return false, err
	}
	organizers, err := tx.Organizers.Organizers(ctx)
	if err != nil {
		return false, err
	}
	d := CheckInAlertEmail{StudentName: pr.Student.Person.Name, MentorName: pr.Mentor.Person.Name, EventTitle: pr.Student.Event.Title,
		Week: ci.Week, State: ci.State.Label(), NeedsOrganizer: ci.NeedsOrganizer, Notes: ci.Notes, NextSteps: ci.NextSteps,
		Path: "/mentor/pairings/" + pr.Pairing.ID}
	for _, o := range organizers {
		d.Name = o.Name
		content, err := c.Emails.CheckInAlert(d)
		if err != nil {
			return false, fmt.Errorf("render check-in alert: %w", err)
		}
		if err := tx.Emails.QueueEmail(ctx, Email{ID: NewID(), Kind: EmailCheckInAlert, PersonID: o.ID, To: o.Email,
			Subject: content.Subject, HTML: content.HTML, Text: content.Text, Status: EmailQueued, Created: now}); err != nil {
			return false, err
		}
	}
	return true, nil
}
