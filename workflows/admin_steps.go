package workflows

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// EventSteps is an event's checklist as organizers edit it.
type EventSteps struct {
	Event     Event
	Steps     []Step
	Agreement Agreement // of the contribution-agreement step; "" when the event has none
}

// StepEdit is one step as the steps form posts it; Key names an existing
// step, or the new one.
type StepEdit struct {
	Key         string
	Title       string
	Description string // new steps only
	DocURL      string
	Position    string
	Optional    bool
	Evidence    string
}

// StepsEdit is the whole steps form: every step, the agreement, and a step to
// add when Add is set.
type StepsEdit struct {
	Steps     []StepEdit
	Agreement string
	Add       *StepEdit
}

var stepKeyPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// EventSteps returns an event's checklist for organizers.
func (c *Checklists) EventSteps(ctx context.Context, v Viewer, slug string) (EventSteps, error) {
	if err := v.organizer(); err != nil {
		return EventSteps{}, err
	}
	var out EventSteps
	err := c.Store.View(ctx, func(tx Tx) error {
		var err error
		out, err = eventSteps(ctx, tx, slug)
		return err
	})
	return out, err
}

func eventSteps(ctx context.Context, tx Tx, slug string) (EventSteps, error) {
	e, err := eventNamed(ctx, tx.Events, slug)
	if err != nil {
		return EventSteps{}, err
	}
	steps, err := tx.Steps.StepsOfEvent(ctx, e.ID)
	if err != nil {
		return EventSteps{}, fmt.Errorf("steps of %s: %w", slug, err)
	}
	out := EventSteps{Event: e, Steps: steps}
	for _, s := range steps {
		if s.Key == StepContributionAgreement {
			out.Agreement = s.Agreement
		}
	}
	return out, nil
}

// EditSteps renames, reorders and re-marks an event's steps, switches its
// contribution agreement and adds a step, all or nothing.
func (c *Checklists) EditSteps(ctx context.Context, v Viewer, slug string, in StepsEdit) (EventSteps, error) {
	if err := v.organizer(); err != nil {
		return EventSteps{}, err
	}
	now := c.Clock.Now()
	var out EventSteps
	err := c.Store.InTx(ctx, func(tx Tx) error {
		cur, err := eventSteps(ctx, tx, slug)
		if err != nil {
			return err
		}
		steps, err := in.apply(cur)
		if err != nil {
			return err
		}
		for _, s := range steps {
			if err := tx.Steps.PutStep(ctx, s); err != nil {
				return err
			}
		}
		out = EventSteps{Event: cur.Event, Steps: steps, Agreement: cur.Agreement}
		if cur.Agreement != "" && in.Agreement != "" {
			out.Agreement = Agreement(in.Agreement)
		}
		detail := fmt.Sprintf("Edited the checklist of %s (%d steps).", cur.Event.Title, len(steps))
		if in.Add != nil {
			detail = fmt.Sprintf("Added the step %q to the checklist of %s.", in.Add.Title, cur.Event.Title)
		}
		return audit(ctx, tx.Audit, v, now, AuditEntry{Action: AuditStepsEdit, EventID: cur.Event.ID, Detail: detail})
	})
	return out, err
}

// apply checks the form against the current steps and returns the new
// checklist, renumbered 1…n in the order asked.
func (in StepsEdit) apply(cur EventSteps) ([]Step, error) {
	v := Violations{}
	byKey := map[string]StepEdit{}
	for _, e := range in.Steps {
		byKey[e.Key] = e
	}
	order := map[string]int{}
	steps := slices.Clone(cur.Steps)
	for i, s := range steps {
		e, ok := byKey[s.Key]
		order[s.Key] = s.Position
		if !ok {
			continue
		}
		steps[i].Title, steps[i].DocURL, steps[i].Optional = strings.TrimSpace(e.Title), strings.TrimSpace(e.DocURL), e.Optional
		steps[i].Evidence = EvidenceKind(e.Evidence)
		order[s.Key] = checkStepEdit(v, e, "."+s.Key)
	}
	if cur.Agreement != "" && in.Agreement != "" { // "": the agreement is not on the posted form
		a := Agreement(in.Agreement)
		v.Check(a == AgreementDCO || a == AgreementICLA || a == AgreementCCLA, "agreement", "Choose the DCO, the ICLA or the CCLA.")
		if a != cur.Agreement && v["agreement"] == "" {
			i := slices.IndexFunc(steps, func(s Step) bool { return s.Key == StepContributionAgreement })
			t := AgreementStep(a)
			steps[i].Title, steps[i].Description, steps[i].DocURL, steps[i].Agreement = t.Title, t.Description, t.DocURL, a
		}
	}
	if in.Add != nil {
		add := *in.Add
		key := strings.TrimSpace(add.Key)
		v.Check(stepKeyPattern.MatchString(key) && len(key) <= 40, "new_key", "Use lowercase letters, digits and single hyphens (at most 40), like blog-post.")
		v.Check(!slices.ContainsFunc(steps, func(s Step) bool { return s.Key == key }), "new_key", "This checklist has a step with this key: choose another.")
		v.Check(utf8.RuneCountInString(add.Description) <= 500, "new_description", "Use at most 500 characters.")
		if strings.TrimSpace(add.Position) == "" {
			add.Position = strconv.Itoa(len(steps) + 1)
		}
		order[key] = checkStepEdit(v, add, "new_")
		steps = append(steps, Step{EventID: cur.Event.ID, Key: key, Title: strings.TrimSpace(add.Title),
			Description: strings.TrimSpace(add.Description), DocURL: strings.TrimSpace(add.DocURL), Optional: add.Optional,
			Evidence: EvidenceKind(add.Evidence)})
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	// A step moved to a taken position lands on it: after the step there
	// when it moved down, before when it moved up.
	slices.SortStableFunc(steps, func(a, b Step) int {
		if c := cmp.Compare(order[a.Key], order[b.Key]); c != 0 {
			return c
		}
		return cmp.Compare(moved(a, order), moved(b, order))
	})
	for i := range steps {
		steps[i].Position = i + 1
	}
	return steps, nil
}

// moved is +1 for a step asked further down than it was, -1 for one asked
// further up, 0 otherwise (new steps have no Position yet and count as down).
func moved(s Step, order map[string]int) int {
	return cmp.Compare(order[s.Key], s.Position)
}

// checkStepEdit checks one step's fields, naming errors name+suffix (or
// prefix+name for the new step), and returns the position asked for.
func checkStepEdit(v Violations, e StepEdit, affix string) int {
	field := func(name string) string {
		if strings.HasPrefix(affix, ".") {
			return name + affix
		}
		return affix + name
	}
	title := strings.TrimSpace(e.Title)
	v.Check(title != "", field("title"), "Enter a title.")
	v.Check(utf8.RuneCountInString(title) <= 120, field("title"), "Use at most 120 characters.")
	doc := strings.TrimSpace(e.DocURL)
	u, err := url.Parse(doc)
	v.Check(doc == "" || err == nil && u.Scheme == "https" && u.Host != "" && len(doc) <= 300, field("doc_url"),
		"Enter an https:// link to the step's documentation, or leave it empty.")
	v.Check(EvidenceKind(e.Evidence).Valid(), field("evidence"), "Choose what the step asks for.")
	pos, err := strconv.Atoi(strings.TrimSpace(e.Position))
	v.Check(err == nil && pos >= 1 && pos <= 999, field("position"), "Enter a position from 1 to 999.")
	return pos
}
