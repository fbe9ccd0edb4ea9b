package workflows

import (
	"context"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Field limits, in characters.
const (
	MaxName     = 200
	MaxCompany  = 200
	MaxEmail    = 254
	MaxIRC      = 64
	MaxFreeText = 4000
)

// ConfirmTokenLifetime is how long a confirmation link works: long enough for
// a slow inbox, short enough that an old link is not a standing key.
const ConfirmTokenLifetime = 14 * 24 * time.Hour

// SignupInput is a sign-up form as typed.
type SignupInput struct {
	EventSlug string
	Role      Role
	Name      string
	Email     string
	Company   string
	IRC       string
	Timezone  string
	// student
	Project    string
	Experience string
	Goals      string
	// mentor
	Projects   string
	MaxMentees string // a number 1–10, as typed
	AcceptCoC  bool   // ticked the event's code of conduct, when it has one
}

// normalize trims what people paste around their answers.
func (in *SignupInput) normalize() {
	for _, f := range []*string{&in.Name, &in.Email, &in.Company, &in.IRC, &in.Timezone, &in.Project, &in.MaxMentees} {
		*f = strings.TrimSpace(*f)
	}
	for _, f := range []*string{&in.Experience, &in.Goals, &in.Projects} {
		*f = strings.TrimRight(*f, " \t\r\n")
	}
}

// Validate checks every rule and reports each failing field once.
func (in SignupInput) Validate() error {
	v := Violations{}
	text := func(field, value string, max int) {
		v.Check(utf8.ValidString(value), field, "Remove the characters that are not valid text.")
		if utf8.RuneCountInString(value) > max { // the message only when it is needed: this runs for every field of every sign-up
			v.Check(false, field, fmt.Sprintf("Use at most %d characters.", max))
		}
		v.Check(!hasControl(value, field == "experience" || field == "goals" || field == "projects"), field, "Remove the control characters.")
		v.Check(!hasFormat(value), field, "Remove the invisible formatting characters (such as direction overrides).")
	}
	v.Check(in.Role == RoleStudent || in.Role == RoleMentor, "role", "Choose student or mentor.")
	v.Check(in.Name != "", "name", "Enter your name.")
	text("name", in.Name, MaxName)
	v.Check(in.Email != "", "email", "Enter your email address.")
	v.Check(!strings.ContainsAny(in.Email, "\r\n"), "email", "Enter the email address on one line.")
	text("email", in.Email, MaxEmail)
	v.Check(validAddress(in.Email), "email", "Enter an email address like ada@example.org.")
	text("company", in.Company, MaxCompany)
	text("irc", in.IRC, MaxIRC)
	v.Check(in.Timezone != "", "timezone", "Choose your time zone.")
	v.Check(in.Timezone == "" || ValidTimezone(in.Timezone), "timezone", "Choose a time zone from the list.")
	switch in.Role {
	case RoleStudent:
		text("project", in.Project, MaxFreeText)
		text("experience", in.Experience, MaxFreeText)
		text("goals", in.Goals, MaxFreeText)
	case RoleMentor:
		text("projects", in.Projects, MaxFreeText)
		n, err := strconv.Atoi(in.MaxMentees)
		v.Check(err == nil && n >= 1 && n <= 10, "max_mentees", "Enter a whole number of mentees from 1 to 10.")
	}
	return v.Err()
}

// validAddress accepts a bare address (no display name) that net/mail parses.
func validAddress(s string) bool {
	if s == "" || len(s) > MaxEmail {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".")
}

func (in SignupInput) answers() Answers {
	if in.Role == RoleMentor {
		n, _ := strconv.Atoi(in.MaxMentees)
		return Answers{Projects: in.Projects, MaxMentees: n}
	}
	return Answers{Project: in.Project, Experience: in.Experience, Goals: in.Goals}
}

// AlreadyRegisteredEvery is the least time between two "already
// registered" emails to one address.
const AlreadyRegisteredEvery = time.Hour

// salutation is the name to greet p by in email: none until p has confirmed
// the address (or is an organizer), since until then the name is whatever
// someone typed next to it, and mail from the organizers' domain must not
// carry it.
func salutation(ctx context.Context, regs RegistrationStore, p Person) (string, error) {
	if ok, err := confirmed(ctx, regs, p); err != nil || !ok {
		return "", err
	}
	return p.Name, nil
}

// confirmed reports whether p's owner has shown they hold the address: an
// organizer, or someone who confirmed a sign-up.
func confirmed(ctx context.Context, regs RegistrationStore, p Person) (bool, error) {
	if p.Organizer {
		return true, nil
	}
	rs, err := regs.RegistrationsOfPerson(ctx, p.ID)
	if err != nil {
		return false, err
	}
	for _, r := range rs {
		if !r.Confirmed.IsZero() {
			return true, nil
		}
	}
	return false, nil
}

// SignupOutcome says what SignUp did. The web page is the same either way, so
// nobody learns whether an address is registered.
type SignupOutcome struct {
	RegistrationID string
	Duplicate      bool // already registered: we emailed them instead
}

// Signups runs sign-up and confirmation.
type Signups struct {
	Store   Store
	Emails  EmailRenderer
	Clock   Clock
	Links   Links
	Mirrors []JobKind // sync jobs to enqueue for each change (enabled integrations)
}

// Links builds the absolute URLs that go into emails.
type Links interface {
	Confirm(token string) string
	Event(slug string) string
	Login(token string) string
	Unsubscribe(token string) string
	// Page is an absolute URL for a path of the app, e.g. "/me".
	Page(path string) string
}

// SignUp registers a person for an event, queueing the confirmation email and
// the sync jobs in the same transaction.
func (s *Signups) SignUp(ctx context.Context, in SignupInput) (SignupOutcome, error) {
	in.normalize()
	if err := in.Validate(); err != nil {
		return SignupOutcome{}, s.withCoCError(ctx, in, err)
	}
	now := s.Clock.Now()
	// The link's token is made before the transaction: on SQLite write
	// transactions run one at a time, and hashing need not hold them up.
	token, hash := NewToken()
	var out SignupOutcome
	err := s.Store.InTx(ctx, func(tx Tx) error {
		ev, cocURL, err := tx.Events.EventForSignup(ctx, in.EventSlug)
		if err != nil {
			return notFound(err, "There is no such event.")
		}
		if !ev.OpenAt(now) {
			return &Error{Kind: Gone, Message: fmt.Sprintf("Sign-up for %s is closed.", ev.Title)}
		}
		coc, err := checkCoC(cocURL, in, now)
		if err != nil {
			return err
		}
		who, err := s.findOrCreatePerson(ctx, tx, in, now)
		if err != nil {
			return err
		}
		person := who.Person
		mail := signupEmail(ev, who.salutation(), in.Role)
		// Someone new has no registration to find.
		if existing, err := who.registrationFor(ctx, tx.Registrations, ev.ID); err == nil {
			out = SignupOutcome{RegistrationID: existing.ID, Duplicate: true}
			// Anyone can type an address into the form: its owner hears
			// about it at most once an hour.
			sent, err := tx.Emails.CountEmailsSince(ctx, person.ID, EmailAlreadyRegistered, now.Add(-AlreadyRegisteredEvery))
			if err != nil || sent > 0 {
				return err
			}
			mail.Role, mail.Link = existing.Role, s.Links.Event(ev.Slug)
			return s.queue(ctx, tx.Emails, person, EmailAlreadyRegistered, mail, now)
		} else if KindOf(err) != NotFound {
			return err
		}
		reg := Registration{ID: NewID(), EventID: ev.ID, PersonID: person.ID, Role: in.Role,
			Status: StatusPending, Answers: in.answers(), Created: now, Updated: now}
		mail.Link = s.Links.Confirm(token)
		if err := s.queue(ctx, tx.Emails, person, EmailConfirmSignup, mail, now); err != nil {
			return err
		}
		if err := s.mirror(ctx, tx.Jobs, reg.ID, now); err != nil {
			return err
		}
		// The registration goes in last but for the rows that refer to it:
		// on PostgreSQL its insert locks one of the event's count rows
		// (registration_counts) until commit, which other sign-ups to the
		// event may be waiting for.
		if err := tx.Registrations.CreateRegistration(ctx, reg, person); err != nil {
			return err
		}
		if coc != nil {
			if err := tx.Contents.AcceptCodeOfConduct(ctx, reg.ID, *coc); err != nil {
				return err
			}
		}
		out = SignupOutcome{RegistrationID: reg.ID}
		return tx.Tokens.CreateToken(ctx, Token{Hash: hash, Purpose: TokenConfirm, PersonID: person.ID,
			RegistrationID: reg.ID, Expires: now.Add(ConfirmTokenLifetime), Created: now})
	})
	return out, err
}

// queue stores a sign-up email with its send job: its subject and the data
// the sender renders it from (rendered now too, so a template that fails
// fails the transaction, not the send).
func (s *Signups) queue(ctx context.Context, emails EmailStore, to Person, kind EmailKind, data SignupEmail, now time.Time) error {
	c, err := RenderSignup(s.Emails, kind, data)
	if err != nil {
		return err
	}
	return emails.QueueEmail(ctx, Email{ID: NewID(), Kind: kind, PersonID: to.ID, To: to.Email,
		Subject: c.Subject, Signup: &data, Status: EmailQueued, Created: now})
}

// mirror enqueues the sync of a registration to every enabled integration.
func (s *Signups) mirror(ctx context.Context, jobs JobStore, registrationID string, now time.Time) error {
	for _, kind := range s.Mirrors {
		if err := jobs.Enqueue(ctx, kind, registrationID, now); err != nil {
			return err
		}
	}
	return nil
}

// eventNamed reads the event by its slug; NotFound says so in words.
func eventNamed(ctx context.Context, events EventStore, slug string) (Event, error) {
	e, err := events.EventBySlug(ctx, slug)
	return e, notFound(err, "There is no such event.")
}

// notFound gives a store's NotFound a message for people; other errors pass.
func notFound(err error, message string) error {
	if KindOf(err) == NotFound {
		return Wrap(NotFound, message, err)
	}
	return err
}

// FormatDates renders an event's dates for people, e.g. "4–6 May 2026".
func FormatDates(e Event) string {
	s, en := e.StartsOn.In(time.UTC), e.EndsOn.In(time.UTC)
	switch {
	case s.Equal(en):
		return s.Format("2 January 2006")
	case s.Year() == en.Year() && s.Month() == en.Month():
		return fmt.Sprintf("%d–%s", s.Day(), en.Format("2 January 2006"))
	case s.Year() == en.Year():
		return fmt.Sprintf("%s – %s", s.Format("2 January"), en.Format("2 January 2006"))
	default:
		return fmt.Sprintf("%s – %s", s.Format("2 January 2006"), en.Format("2 January 2006"))
	}
}
