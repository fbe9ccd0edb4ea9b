package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"registrar/web/views"
	"registrar/workflows"
)

// Formatting shared by the admin pages: times in the viewer's time zone,
// events, outbox jobs and audit lines as their view models.

func when(v workflows.Viewer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.Location()).Format("2 Jan 2006, 15:04 MST")
}

func day(v workflows.Viewer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.Location()).Format("2 Jan 2006")
}

func toneIf(cond bool, tone string) string {
	if cond {
		return tone
	}
	return ""
}

func integrationName(name string) string {
	switch name {
	case "mailgun":
		return "Mailgun"
	case "sheets":
		return "Google Sheets"
	case "trello":
		return "Trello"
	}
	return name
}

func eventRow(e workflows.EventSummary) views.AdminEventRow {
	loc, err := workflows.LoadLocation(e.Timezone)
	if err != nil {
		loc = time.UTC
	}
	at := func(t time.Time) string { return t.In(loc).Format("2 Jan 2006, 15:04 MST") }
	row := views.AdminEventRow{Slug: e.Slug, Title: e.Title, Dates: workflows.FormatDates(e.Event), Location: e.Location,
		Timezone: e.Timezone, URL: adminEventPath(e.Slug), EditURL: adminEventPath(e.Slug) + "/edit",
		PublicURL:  "/events/" + url.PathEscape(e.Slug),
		Students:   strconv.Itoa(e.Students.Seats()) + " of " + strconv.Itoa(e.StudentCapacity),
		Mentors:    strconv.Itoa(e.Mentors.Seats()) + " of " + strconv.Itoa(e.MentorCapacity),
		Waitlisted: e.Students.ByStatus[workflows.StatusWaitlisted] + e.Mentors.ByStatus[workflows.StatusWaitlisted],
		Pending:    e.Students.ByStatus[workflows.StatusPending] + e.Mentors.ByStatus[workflows.StatusPending],
		Window:     "sign-up until " + at(e.RegistrationCloses())}
	if e.StudentCapacity > 0 {
		row.StudentPct = e.Students.Seats() * 100 / e.StudentCapacity
	}
	if !e.OpensAt.IsZero() {
		row.Window = "sign-up " + at(e.OpensAt) + " – " + at(e.RegistrationCloses())
	}
	switch e.State {
	case workflows.SignupOpen:
		row.State, row.StateTone = "Open", "ok"
	case workflows.SignupClosed:
		row.State, row.StateTone = "Closed", "closed"
	case workflows.SignupNotYet:
		row.State, row.StateTone = "Opens "+e.OpensAt.In(loc).Format("2 Jan"), "warn"
	default:
		row.State, row.StateTone = "Ended", "closed"
	}
	return row
}

// jobTarget names the system a job kind writes to.
func jobTarget(kind workflows.JobKind) string {
	switch prefix, _, _ := strings.Cut(string(kind), "."); prefix {
	case "mail":
		return "Email"
	case "sheets":
		return "Google Sheets"
	case "trello":
		return "Trello"
	default:
		return prefix
	}
}

// jobRow shows an outbox job; about says what it is for.
func jobRow(v workflows.Viewer, j workflows.JobStatus, about string) views.JobRow {
	row := views.JobRow{Target: jobTarget(j.Kind), Kind: string(j.Kind), Key: j.Key, Attempts: j.Attempts,
		LastError: j.LastError, Updated: when(v, j.Updated), About: about, PersonName: j.PersonName}
	if j.PersonID != "" {
		row.PersonURL = personPath(j.PersonID)
	}
	switch {
	case j.State == workflows.JobDone:
		row.State, row.StateTone = "done", "ok"
	case j.State == workflows.JobFailed:
		row.State, row.StateTone = "failed", "bad"
	case j.Retrying():
		row.State, row.StateTone = "retrying", "warn"
	default:
		row.State = "waiting"
	}
	if j.State != workflows.JobDone {
		row.RetryAction = "/admin/jobs/" + url.PathEscape(string(j.Kind)) + "/" + url.PathEscape(j.Key) + "/retry"
	}
	return row
}

func personPath(id string) string { return "/admin/people/" + url.PathEscape(id) }

func auditRow(v workflows.Viewer, a workflows.AuditEntry) views.AuditRow {
	row := views.AuditRow{When: when(v, a.At), WhenISO: a.At.UTC().Format(time.RFC3339), ActorKind: string(a.ActorKind),
		Kind: auditKind(a.Action), Action: auditLabel(a.Action), ActionCode: string(a.Action), Detail: a.Detail, EventTitle: a.EventTitle}
	row.Who, row.WhoEmail, row.ActorAs = auditActor(a)
	row.Subject, row.SubjectAs = auditSubject(a)
	if a.EventSlug != "" {
		row.EventURL = adminEventPath(a.EventSlug)
	}
	if a.PersonID != "" {
		row.PersonURL = personPath(a.PersonID)
		row.SubjectURL = row.PersonURL
	}
	return row
}

func adminNav(v workflows.Viewer, section string) views.AdminNav {
	return views.AdminNav{Areas: areas(v, "/admin"), Section: section}
}

func adminEventPath(slug string) string { return "/admin/events/" + url.PathEscape(slug) }

// promotedText tells the organizer who got a seat from the waitlist.
func promotedText(promoted []workflows.RegistrationView) string {
	if len(promoted) == 0 {
		return ""
	}
	names := make([]string, len(promoted))
	for i, p := range promoted {
		names[i] = p.Person.Name
	}
	return fmt.Sprintf(" A freed seat went to %s from the waitlist; we emailed them.", strings.Join(names, ", "))
}

func project(a workflows.Answers) string {
	if a.Projects != "" {
		return a.Projects
	}
	return a.Project
}

// clip shortens s to n characters for a table cell.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// integrationRow shows an integration's state with the settings that would
// turn it on as separate names, which a phone can wrap between.
func integrationRow(in Integration) views.IntegrationRow {
	row := views.IntegrationRow{Name: integrationName(in.Name), On: in.On, State: "off"}
	if in.On {
		row.State = in.Summary()
		return row
	}
	row.Instead, row.Settings = in.Instead, in.Missing
	if in.Instead != "" {
		row.State = "off:"
	}
	return row
}
