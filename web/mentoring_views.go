package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"registrar/web/views"
	"registrar/workflows"
)

// View models shared by the checklist, the mentor dashboard and a pairing's page.

// stepError is a refused step post, shown again beside its step.
type stepError struct {
	registrationID, key, value, message string
}

// stepItems turns a checklist into rows whose forms post to action(key).
func stepItems(v workflows.Viewer, steps []workflows.StepState, action func(key string) string, mentor bool, e stepError) []views.StepItem {
	out := make([]views.StepItem, len(steps))
	for i, s := range steps {
		it := views.StepItem{Key: s.Key, Number: i + 1, Title: s.Title, Description: s.Description, DocURL: s.DocURL,
			Optional: s.Optional, Done: s.Done, Verified: s.Progress.VerifiedBy != "", Evidence: s.Progress.Evidence,
			Action: action(s.Key), Mentor: mentor}
		if s.Done {
			it.DoneOn = s.Progress.Done.In(v.Location()).Format("2 Jan")
		}
		if strings.HasPrefix(it.Evidence, "https://") {
			it.EvidenceURL = it.Evidence
		}
		if s.Evidence != workflows.EvidenceNone {
			it.Ask, it.Hint = evidenceAsk(s.Evidence)
		}
		if e.key == s.Key {
			it.Value, it.Error = e.value, e.message
		}
		out[i] = it
	}
	for i := range out {
		if !out[i].Done && !out[i].Optional {
			out[i].Next = true
			break
		}
	}
	return out
}

func evidenceAsk(k workflows.EvidenceKind) (label, example string) {
	switch k {
	case workflows.EvidenceChange:
		return "Link to the change on review.opendev.org", "https://review.opendev.org/c/openstack/nova/+/912345"
	case workflows.EvidenceTask:
		return "Link to the bug or story", "https://bugs.launchpad.net/nova/+bug/2045678"
	case workflows.EvidenceUsername:
		return "Your Gerrit username", "ada.lovelace"
	}
	return k.Label(), ""
}

func contactOf(p workflows.Person) views.ContactView {
	return views.ContactView{Name: p.Name, Email: p.Email, IRC: p.IRC, Timezone: p.Timezone}
}

// checklistView is a student's checklist with its forms.
func checklistView(v workflows.Viewer, c workflows.Checklist, e stepError) views.ChecklistView {
	action := func(key string) string {
		return "/me/registrations/" + url.PathEscape(c.Student.ID) + "/steps/" + url.PathEscape(key)
	}
	out := views.ChecklistView{EventTitle: c.Student.Event.Title, Done: c.Done, Total: c.Total,
		Completed: c.Student.Status == workflows.StatusCompleted, Steps: stepItems(v, c.Steps, action, false, e)}
	if c.Mentor != nil {
		m := contactOf(c.Mentor.Person)
		out.Mentor = &m
	}
	return out
}

func pairingPath(id string) string { return "/mentor/pairings/" + url.PathEscape(id) }

// checkInStates are the states the form offers, with what each means.
func checkInStates() []views.CheckInState {
	hints := map[workflows.CheckInState]string{
		workflows.CheckInOnTrack:    "making progress",
		workflows.CheckInNeedsHelp:  "stuck, you are on it",
		workflows.CheckInBlocked:    "cannot go on without someone else",
		workflows.CheckInNoResponse: "did not answer you",
	}
	var out []views.CheckInState
	for _, s := range workflows.CheckInStates() {
		out = append(out, views.CheckInState{Value: string(s), Label: s.Label(), Hint: hints[s]})
	}
	return out
}

// menteeCard is one mentee with a check-in form holding this week's answers.
func menteeCard(c workflows.MenteeCard) views.MenteeCardView {
	m := views.MenteeCardView{PairingURL: pairingPath(c.Pairing.ID), Name: c.Student.Person.Name, EventTitle: c.Student.Event.Title,
		Contact: contactOf(c.Student.Person), Colour: string(c.Progress.Colour), ColourLabel: colourName(c.Progress.Colour),
		Reason: c.Progress.Reason, Done: c.Done, Total: c.Total, Week: string(c.Week), ThisWeekDone: c.ThisWeek != nil,
		Due: c.Due, LastCheckIn: "None yet"}
	form := views.CheckInForm{Action: pairingPath(c.Pairing.ID) + "/check-ins", Prefix: "ci-" + c.Pairing.ID,
		CurrentWeek: string(c.Week), Week: string(c.Week), Open: c.ThisWeek == nil}
	if c.ThisWeek != nil {
		m.ThisWeek = c.ThisWeek.State.Label()
		form.Met, form.State, form.Notes, form.NextSteps = yesNo(c.ThisWeek.Met), string(c.ThisWeek.State), c.ThisWeek.Notes, c.ThisWeek.NextSteps
		form.NeedsOrganizer, form.Updating = c.ThisWeek.NeedsOrganizer, true
	}
	m.WeekDates = weekDates(c.Week)
	if c.Last != nil {
		m.LastCheckIn = fmt.Sprintf("%s (%s)", capitalised(weeksAgo(c.WeeksSinceLast)), weekDates(c.Last.Week))
	}
	m.Form = form
	return m
}

// colourName names a progress colour, the same on the organizers' board and
// the mentor dashboard.
func colourName(c workflows.Colour) string {
	switch c {
	case workflows.ColourRed:
		return "Stalled"
	case workflows.ColourAmber:
		return "Slowing"
	}
	return "On track"
}

func weeksAgo(n int) string {
	switch n {
	case 0:
		return "this week"
	case 1:
		return "last week"
	}
	return fmt.Sprintf("%d weeks ago", n)
}

func capitalised(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// checkInRows are a pairing's check-ins, newest week first.
func checkInRows(v workflows.Viewer, p workflows.PairingPage) []views.CheckInRow {
	out := make([]views.CheckInRow, 0, len(p.CheckIns))
	for _, c := range p.CheckIns {
		author := "Organizer"
		if c.AuthorID == p.Mentor.PersonID {
			author = p.Mentor.Person.Name
		}
		out = append(out, views.CheckInRow{Week: string(c.Week), WeekDates: weekDates(c.Week), State: string(c.State),
			StateLabel: c.State.Label(), Met: c.Met, Notes: c.Notes, NextSteps: c.NextSteps, NeedsOrganizer: c.NeedsOrganizer,
			Author: author, Updated: "saved " + when(v, c.Updated)})
	}
	return out
}

// weekDates is "1–7 Feb 2027" for a week.
func weekDates(w workflows.ISOWeek) string {
	start := w.Start(time.UTC)
	end := start.AddDate(0, 0, 6)
	if start.Month() == end.Month() {
		return fmt.Sprintf("%d–%s", start.Day(), end.Format("2 Jan 2006"))
	}
	return start.Format("2 Jan") + " – " + end.Format("2 Jan 2006")
}

// checkInForm parses the posted check-in; the form keeps what was typed.
func checkInForm(r *http.Request) (workflows.CheckInInput, error) {
	if err := r.ParseForm(); err != nil {
		return workflows.CheckInInput{}, err
	}
	f := r.PostForm
	return workflows.CheckInInput{Week: f.Get("week"), Met: f.Get("met"), State: f.Get("state"), Notes: f.Get("notes"),
		NextSteps: f.Get("next_steps"), NeedsOrganizer: f.Get("needs_organizer") != ""}, nil
}

// keep puts a refused post's values and errors into a card's form.
func keep(m *views.MenteeCardView, in workflows.CheckInInput, errs map[string]string) {
	m.Form.Week, m.Form.Met, m.Form.State, m.Form.Notes, m.Form.NextSteps = in.Week, in.Met, in.State, in.Notes, in.NextSteps
	m.Form.NeedsOrganizer, m.Form.Errors, m.Form.Open = in.NeedsOrganizer, errs, true
}
