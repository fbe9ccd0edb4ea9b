package workflows

import (
	"fmt"
	"strings"
)

// A card's marker ties it to its registration, so that a card whose
// creation went unacknowledged is found again rather than made twice. It is
// a line of the description that reads exactly "registrar:<id>". Text people
// typed cannot produce it: CardDescription escapes the colon of every
// "registrar:" above the marker ("registrar\:", which Trello's Markdown shows
// as it was typed), so an answer naming another registration's marker never
// makes a search find the wrong card.
const markerPrefix = "registrar:"

// CardMarker is the marker line of a registration's card.
func CardMarker(registrationID string) string { return markerPrefix + registrationID }

// CardDescription is body, escaped, above a rule and the registration's
// marker.
func CardDescription(body, registrationID string) string {
	body = strings.TrimRight(strings.ReplaceAll(body, markerPrefix, `registrar\:`), "\n")
	if body == "" {
		return CardMarker(registrationID)
	}
	return body + "\n\n---\n" + CardMarker(registrationID)
}

// HasCardMarker reports whether desc holds the registration's marker as a
// line of its own ("registrar:r1" does not match "registrar:r10", nor a
// marker inside a sentence).
func HasCardMarker(desc, registrationID string) bool {
	mark := CardMarker(registrationID)
	for line := range strings.Lines(desc) {
		if strings.TrimRight(line, "\r\n") == mark {
			return true
		}
	}
	return false
}

// CardOf is a registration as its Trello card shows it.
func CardOf(r SyncView) Card {
	name := r.Person.Name
	if r.Person.Company != "" {
		name += " — " + r.Person.Company
	}
	body := fmt.Sprintf("**%s** for %s\n\nEmail: %s\nIRC: %s\nTime zone: %s\nStatus: %s\n",
		r.Role, r.Event.Title, r.Person.Email, orDash(r.Person.IRC), r.Person.Timezone, r.Status.Label())
	if r.Role == RoleMentor {
		body += fmt.Sprintf("\nProjects:\n%s\n\nMax mentees: %d\n", orDash(r.Answers.Projects), r.Answers.MaxMentees)
	} else {
		body += fmt.Sprintf("\nProject: %s\n\nExperience:\n%s\n\nGoals:\n%s\n",
			orDash(r.Answers.Project), orDash(r.Answers.Experience), orDash(r.Answers.Goals))
	}
	if m := r.Mentoring; m.Mentor != "" {
		body += fmt.Sprintf("\nMentor: %s\nSteps done: %d/%d\n", m.Mentor, m.Done, m.Total)
	}
	return Card{RegistrationID: r.ID, Name: name, Description: CardDescription(body, r.ID), List: TrelloList(r.Status), Label: string(r.Role),
		Checklist: cardChecklist(r)}
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
