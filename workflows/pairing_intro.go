package workflows

import (
	"context"
	"fmt"
	"time"
)

// EmailPairingIntro introduces a student and a mentor to each other.
const EmailPairingIntro EmailKind = "pairing_intro"

// PairingIntroEmail is what the introduction says to one of the two.
type PairingIntroEmail struct {
	Name       string // the recipient
	Role       Role   // the recipient's role
	EventTitle string
	Other      IntroPerson
	// SharedHours is the working time the two share, in the recipient's
	// zone, e.g. "09:00–12:00 your time (Europe/Berlin), 3 h a day"; "" when none.
	SharedHours string
	FirstSteps  []string
	Path        string // the recipient's page: /me or /mentor
}

// IntroPerson is the other side of an introduction.
type IntroPerson struct {
	Name, Email, IRC, Timezone string
	Project                    string // the student's project, or the mentor's projects
}

// introduce queues the introduction to both people.
func (s *Pairings) introduce(ctx context.Context, tx Tx, student, mentor RegistrationView, now time.Time) error {
	day := student.Event.StartsOn
	if today := DayOf(now); day.Before(today) {
		day = today
	}
	studentSide := PairingIntroEmail{Name: student.Person.Name, Role: RoleStudent, EventTitle: student.Event.Title,
		Other: IntroPerson{Name: mentor.Person.Name, Email: mentor.Person.Email, IRC: mentor.Person.IRC,
			Timezone: mentor.Person.Timezone, Project: mentor.Answers.Projects},
		SharedHours: SharedHours(day, student.Person.Timezone, mentor.Person.Timezone),
		FirstSteps: []string{
			"Write to " + mentor.Person.Name + " this week to say hello and agree a weekly time to talk.",
			"Open your checklist and start with the first step that is not done.",
			"Mark each step done as you go: your mentor sees it.",
		},
		Path: "/me"}
	mentorSide := PairingIntroEmail{Name: mentor.Person.Name, Role: RoleMentor, EventTitle: student.Event.Title,
		Other: IntroPerson{Name: student.Person.Name, Email: student.Person.Email, IRC: student.Person.IRC,
			Timezone: student.Person.Timezone, Project: student.Answers.Project},
		SharedHours: SharedHours(day, mentor.Person.Timezone, student.Person.Timezone),
		FirstSteps: []string{
			"Write to " + student.Person.Name + " within two days and agree a weekly time to talk.",
			"Look at their checklist together and help with the accounts (Launchpad, Gerrit) first.",
			"Record a check-in every week on your mentor page, even a short one.",
		},
		Path: "/mentor"}
	for _, m := range []struct {
		to   RegistrationView
		data PairingIntroEmail
	}{{student, studentSide}, {mentor, mentorSide}} {
		c, err := s.Emails.PairingIntro(m.data)
		if err != nil {
			return fmt.Errorf("render pairing introduction: %w", err)
		}
		err = tx.Emails.QueueEmail(ctx, Email{ID: NewID(), Kind: EmailPairingIntro, PersonID: m.to.PersonID, To: m.to.Person.Email,
			Subject: c.Subject, HTML: c.HTML, Text: c.Text, Status: EmailQueued, Created: now})
		if err != nil {
			return err
		}
	}
	return nil
}

// DayOf is t's calendar day in UTC.
func DayOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	return Date{y, int(m), d}
}

// SharedHours describes the longest stretch of working hours (09:00–17:00
// each side) that mine and other share on day, in mine's local time.
func SharedHours(day Date, mine, other string) string {
	lm, lo := zoneOrUTC(mine), zoneOrUTC(other)
	startM, endM := workday(day.In(time.UTC), lm)
	var best [2]time.Time
	for _, d := range []int{-1, 0, 1} {
		startO, endO := workday(day.In(time.UTC).AddDate(0, 0, d), lo)
		a, b := maxTime(startM, startO), minTime(endM, endO)
		if b.Sub(a) > best[1].Sub(best[0]) {
			best = [2]time.Time{a, b}
		}
	}
	if !best[1].After(best[0]) {
		return ""
	}
	return fmt.Sprintf("%s–%s your time (%s), %s a day", best[0].In(lm).Format("15:04"), best[1].In(lm).Format("15:04"),
		lm.String(), hours(best[1].Sub(best[0])))
}
