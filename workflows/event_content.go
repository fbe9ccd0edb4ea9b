package workflows

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// EventContent is what an event's page tells people beyond its facts, as
// organizers wrote it. The long texts are plain text: the page splits them
// into paragraphs at blank lines and links bare http(s) URLs, nothing more.
type EventContent struct {
	Description   string
	Agenda        string
	Venue         string // how to get there, rooms, access
	Prerequisites string // what to bring or set up before the first day
	ContactEmail  string // where people write with questions
	CodeOfConduct string // https URL sign-up must accept; "" for none
}

// Field limits of event content, in characters.
const (
	MaxContentText = 10000
	MaxURL         = 2000
)

// normalize trims what organizers paste around the texts.
func (c *EventContent) normalize() {
	for _, f := range []*string{&c.Description, &c.Agenda, &c.Venue, &c.Prerequisites} {
		*f = strings.TrimSpace(strings.ReplaceAll(*f, "\r\n", "\n"))
	}
	c.ContactEmail, c.CodeOfConduct = strings.TrimSpace(c.ContactEmail), strings.TrimSpace(c.CodeOfConduct)
}

// check records the content's violations in v, keyed by form field.
func (c EventContent) check(v Violations) {
	for field, value := range map[string]string{"description": c.Description, "agenda": c.Agenda,
		"venue": c.Venue, "prerequisites": c.Prerequisites} {
		v.Check(utf8.ValidString(value), field, "Remove the characters that are not valid text.")
		v.Check(utf8.RuneCountInString(value) <= MaxContentText, field, fmt.Sprintf("Use at most %d characters.", MaxContentText))
		v.Check(!hasControl(value, true), field, "Remove the control characters.")
		v.Check(!hasFormat(value), field, "Remove the invisible formatting characters (such as direction overrides).")
	}
	v.Check(c.ContactEmail == "" || validAddress(c.ContactEmail), "contact_email", "Enter an email address like training@example.org, or leave it empty.")
	v.Check(c.CodeOfConduct == "" || validHTTPS(c.CodeOfConduct), "code_of_conduct", "Enter a web address starting with https://, or leave it empty.")
}

// validHTTPS accepts an absolute https URL with a host and nothing that
// would read differently in an email or on a page (spaces, credentials).
func validHTTPS(s string) bool {
	if len(s) > MaxURL || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) || hasFormat(s) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != "" && u.Hostname() != "" && u.User == nil && u.Opaque == ""
}

// changes names the content fields that differ, for the audit log (the
// texts are too long to quote).
func (c EventContent) changes(o EventContent) []string {
	var out []string
	for _, d := range []struct{ name, a, b string }{
		{"description", c.Description, o.Description}, {"agenda", c.Agenda, o.Agenda},
		{"venue", c.Venue, o.Venue}, {"prerequisites", c.Prerequisites, o.Prerequisites},
	} {
		if d.a != d.b {
			out = append(out, d.name+" edited")
		}
	}
	if c.ContactEmail != o.ContactEmail {
		out = append(out, fmt.Sprintf("contact %q → %q", c.ContactEmail, o.ContactEmail))
	}
	if c.CodeOfConduct != o.CodeOfConduct {
		out = append(out, fmt.Sprintf("code of conduct %q → %q", c.CodeOfConduct, o.CodeOfConduct))
	}
	return out
}

// CoCAcceptance is a registration's acceptance of its event's code of
// conduct: the address it pointed to then, and when.
type CoCAcceptance struct {
	URL      string    `json:"url"`
	Accepted time.Time `json:"accepted_at"`
}

// ContentStore holds events' content and the code-of-conduct acceptances
// given at sign-up.
type ContentStore interface {
	// EventContent is an event's content; the zero value when none was written.
	EventContent(ctx context.Context, eventID string) (EventContent, error)
	SaveEventContent(ctx context.Context, eventID string, c EventContent, now time.Time) error
	AcceptCodeOfConduct(ctx context.Context, registrationID string, a CoCAcceptance) error
	// CoCAcceptances returns the acceptances of a person's registrations, by registration ID.
	CoCAcceptances(ctx context.Context, personID string) (map[string]CoCAcceptance, error)
}
