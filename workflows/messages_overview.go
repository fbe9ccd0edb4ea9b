package workflows

import (
	"context"
	"fmt"
	"time"
)

// RuleOverview is a rule as organizers see it: when it runs next, whom it
// concerns now, how it reads for one of them and what it sent.
type RuleOverview struct {
	EventRule
	NextRun time.Time // zero when it has no single next time
	OwnZone bool      // NextRun's wall-clock time holds in each person's zone
	Reach   []Candidate
	Counts  map[SendState]int
	Preview EmailContent // as the first person reached (or a sample) sees it
}

// MessagesOverview is the organizers' page of an event's reminders and messages.
type MessagesOverview struct {
	Event    Event
	Now      time.Time
	Rules    []RuleOverview
	Messages []CohortMessage
	History  []SendSummary
}

// Overview returns an event's rules, messages and send history.
func (m *Messages) Overview(ctx context.Context, v Viewer, slug string) (MessagesOverview, error) {
	if err := v.organizer(); err != nil {
		return MessagesOverview{}, err
	}
	now := m.Clock.Now()
	out := MessagesOverview{Now: now}
	err := m.Store.InTx(ctx, func(tx Tx) error {
		ev, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		out.Event = ev
		rules, err := tx.Reminders.RulesOfEvent(ctx, ev.ID)
		if err != nil {
			return err
		}
		loc := LoadZone(ev.Timezone)
		for _, r := range rules {
			ro, err := m.ruleOverview(ctx, tx, EventRule{Rule: r, Event: ev}, loc, now)
			if err != nil {
				return err
			}
			out.Rules = append(out.Rules, ro)
		}
		if out.Messages, err = tx.Messages.MessagesOfEvent(ctx, ev.ID); err != nil {
			return err
		}
		out.History, err = tx.Sends.SendHistory(ctx, ev.ID, 30)
		return err
	})
	return out, err
}

func (m *Messages) ruleOverview(ctx context.Context, tx Tx, er EventRule, loc *time.Location, now time.Time) (RuleOverview, error) {
	ro := RuleOverview{EventRule: er, OwnZone: er.Kind == RuleCheckInDue || er.Kind == RuleStudentNudge}
	ro.NextRun, _ = er.NextRun(er.Event, loc, now)
	var err error
	if ro.Reach, err = tx.Reminders.Candidates(ctx, er, now); err != nil {
		return ro, err
	}
	if ro.Counts, err = tx.Sends.SendCounts(ctx, er.ID); err != nil {
		return ro, err
	}
	content, err := renderRule(ctx, tx, m.Emails, er, now)
	if err != nil {
		return ro, err
	}
	name := "Sample Person"
	if len(ro.Reach) > 0 {
		name = ro.Reach[0].Name
	}
	ro.Preview = expandContent(content, recipientVars("", name, "", previewLink(m.Links, er.Kind, er.Event), m.Links.Unsubscribe("preview")))
	return ro, nil
}

// previewLink is the link a rule's mail carries, with a stand-in token.
func previewLink(l Links, kind RuleKind, ev Event) string {
	switch kind {
	case RuleUnconfirmed:
		return l.Confirm("preview")
	case RuleCheckInDue:
		return l.Page("/mentor/events/" + ev.Slug)
	case RuleStudentNudge:
		return l.Page("/me")
	case RuleOrganizerDigest:
		return l.Page("/admin/events/" + ev.Slug)
	}
	return l.Event(ev.Slug)
}

// UpdateRule pauses or resumes a rule and changes its wording and timing.
// Occurrences that fell due before the change never fire. Audited.
func (m *Messages) UpdateRule(ctx context.Context, v Viewer, slug, ruleID string, in RuleInput) error {
	if err := v.organizer(); err != nil {
		return err
	}
	now := m.Clock.Now()
	return m.Store.InTx(ctx, func(tx Tx) error {
		ev, err := eventNamed(ctx, tx.Events, slug)
		if err != nil {
			return err
		}
		rules, err := tx.Reminders.RulesOfEvent(ctx, ev.ID)
		if err != nil {
			return err
		}
		for _, r := range rules {
			if r.ID != ruleID {
				continue
			}
			changed, err := in.Apply(r, now)
			if err != nil {
				return err
			}
			if err := tx.Reminders.UpdateRule(ctx, changed); err != nil {
				return err
			}
			state := "active"
			if changed.Paused {
				state = "paused"
			}
			return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditRuleUpdate, EventID: ev.ID,
				Detail: fmt.Sprintf("Changed the %s reminder (%s).", r.Kind, state)})
		}
		return E(NotFound, "There is no such reminder rule.")
	})
}
