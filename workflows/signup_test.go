package workflows_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type fixture struct {
	db      *sqlstore.DB
	clock   *workflowstest.Clock
	signups *workflows.Signups
	events  *workflows.Events
}

func newFixture(t testing.TB, db *sqlstore.DB) *fixture {
	t.Helper()
	clock := workflowstest.NewClock(start)
	return &fixture{db: db, clock: clock,
		signups: &workflows.Signups{Store: db, Emails: workflowstest.Renderer{}, Clock: clock, Links: workflowstest.Links{},
			Mirrors: []workflows.JobKind{workflows.JobSheetRow}},
		events: &workflows.Events{Store: db, Clock: clock}}
}

func (f *fixture) event(t testing.TB, slug string, students, mentors int) workflows.Event {
	t.Helper()
	e, err := f.events.Create(t.Context(), workflows.EventInput{Slug: slug, Title: "Upstream " + slug, Location: "Berlin",
		Timezone: "Europe/Berlin", StartsOn: "2026-05-04", EndsOn: "2026-05-06", StudentCapacity: students, MentorCapacity: mentors})
	if err != nil {
		t.Fatalf("create event: %v", err)
	}
	return e
}

func (f *fixture) count(t *testing.T, table string) int {
	t.Helper()
	n, err := sqlstoretest.CountRows(t.Context(), f.db, table)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func student(slug, email string) workflows.SignupInput {
	return workflows.SignupInput{EventSlug: slug, Role: workflows.RoleStudent, Name: "Ada Lovelace", Email: email,
		Company: "Analytical Engines", IRC: "ada", Timezone: "Europe/London", Project: "nova", Experience: "git", Goals: "merge a patch"}
}

var linkPattern = regexp.MustCompile(`/confirm/([a-z0-9]+)`)

// confirmToken finds the confirmation link in the email sent to addr.
func (f *fixture) confirmToken(t *testing.T, addr string) string {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), f.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range emails {
		if e.Kind == workflows.EmailConfirmSignup {
			if m := linkPattern.FindStringSubmatch(e.Text); m != nil {
				return m[1]
			}
		}
	}
	t.Fatalf("no confirmation email to %s", addr)
	return ""
}

func TestSignUpStoresRegistrationAndOutboxTogether(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 10, 2)
		out, err := f.signups.SignUp(t.Context(), student("spring", "  Ada@Example.org "))
		if err != nil {
			t.Fatalf("sign up: %v", err)
		}
		if out.Duplicate || out.RegistrationID == "" {
			t.Fatalf("outcome = %+v, want a new registration", out)
		}
		for table, want := range map[string]int{"people": 1, "registrations": 1, "tokens": 1, "outbound_emails": 1, "jobs": 2} {
			if got := f.count(t, table); got != want {
				t.Errorf("%s rows = %d, want %d", table, got, want)
			}
		}
		emails, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		if len(emails) != 1 || emails[0].Kind != workflows.EmailConfirmSignup || emails[0].Status != workflows.EmailQueued {
			t.Fatalf("emails = %+v, want one queued confirmation to the normalised address", emails)
		}
	})
}

func TestSignUpRejectsInvalidInputAndStoresNothing(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		long := func(n int) string { return strings.Repeat("x", n) }
		mentor := func(mod func(*workflows.SignupInput)) workflows.SignupInput {
			in := workflows.SignupInput{EventSlug: "spring", Role: workflows.RoleMentor, Name: "Grace", Email: "grace@example.org",
				Timezone: "UTC", Projects: "nova", MaxMentees: "3"}
			mod(&in)
			return in
		}
		stud := func(mod func(*workflows.SignupInput)) workflows.SignupInput {
			in := student("spring", "ada@example.org")
			mod(&in)
			return in
		}
		tests := []struct {
			name  string
			in    workflows.SignupInput
			field string
		}{
			{"missing name", stud(func(in *workflows.SignupInput) { in.Name = "  " }), "name"},
			{"missing email", stud(func(in *workflows.SignupInput) { in.Email = "" }), "email"},
			{"bad email", stud(func(in *workflows.SignupInput) { in.Email = "ada.example.org" }), "email"},
			{"email with display name", stud(func(in *workflows.SignupInput) { in.Email = "Ada <ada@example.org>" }), "email"},
			{"email with CRLF", stud(func(in *workflows.SignupInput) { in.Email = "ada@example.org\r\nBcc: x@example.org" }), "email"},
			{"email too long", stud(func(in *workflows.SignupInput) { in.Email = long(250) + "@example.org" }), "email"},
			{"name too long", stud(func(in *workflows.SignupInput) { in.Name = long(201) }), "name"},
			{"company too long", stud(func(in *workflows.SignupInput) { in.Company = long(201) }), "company"},
			{"irc too long", stud(func(in *workflows.SignupInput) { in.IRC = long(65) }), "irc"},
			{"goals too long", stud(func(in *workflows.SignupInput) { in.Goals = long(4001) }), "goals"},
			{"experience too long", stud(func(in *workflows.SignupInput) { in.Experience = long(4001) }), "experience"},
			{"invalid UTF-8", stud(func(in *workflows.SignupInput) { in.Name = "Ada \xff" }), "name"},
			{"unknown timezone", stud(func(in *workflows.SignupInput) { in.Timezone = "Mars/Olympus" }), "timezone"},
			{"max mentees not a number", mentor(func(in *workflows.SignupInput) { in.MaxMentees = "two" }), "max_mentees"},
			{"max mentees zero", mentor(func(in *workflows.SignupInput) { in.MaxMentees = "0" }), "max_mentees"},
			{"max mentees eleven", mentor(func(in *workflows.SignupInput) { in.MaxMentees = "11" }), "max_mentees"},
			{"projects too long", mentor(func(in *workflows.SignupInput) { in.Projects = long(4001) }), "projects"},
		}
		f := newFixture(t, db)
		f.event(t, "spring", 10, 2)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.signups.SignUp(t.Context(), tt.in)
				fields := workflows.FieldErrors(err)
				if fields[tt.field] == "" {
					t.Fatalf("err = %v (fields %v), want an error on %q", err, fields, tt.field)
				}
				for _, table := range []string{"people", "registrations", "outbound_emails", "jobs"} {
					if n := f.count(t, table); n != 0 {
						t.Errorf("%s has %d rows after invalid input", table, n)
					}
				}
			})
		}
	})
}

func TestSignUpTwiceKeepsOneRegistrationAndEmailsInstead(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 10, 2)
		first, err := f.signups.SignUp(t.Context(), student("spring", "ada@example.org"))
		if err != nil {
			t.Fatal(err)
		}
		again := workflows.SignupInput{EventSlug: "spring", Role: workflows.RoleMentor, Name: "Someone Else",
			Email: "ADA@example.org", Timezone: "UTC", Projects: "x", MaxMentees: "2"}
		second, err := f.signups.SignUp(t.Context(), again)
		if err != nil {
			t.Fatal(err)
		}
		if !second.Duplicate || second.RegistrationID != first.RegistrationID {
			t.Fatalf("second outcome = %+v, want the first registration marked duplicate", second)
		}
		if n := f.count(t, "registrations"); n != 1 {
			t.Fatalf("registrations = %d, want 1", n)
		}
		emails, _ := sqlstoretest.EmailsTo(t.Context(), db, "ada@example.org")
		kinds := map[workflows.EmailKind]int{}
		for _, e := range emails {
			kinds[e.Kind]++
		}
		if kinds[workflows.EmailConfirmSignup] != 1 || kinds[workflows.EmailAlreadyRegistered] != 1 {
			t.Fatalf("email kinds = %v, want one confirmation and one already-registered", kinds)
		}
	})
}

func TestSignUpUnknownOrClosedEvent(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 10, 2)
		if _, err := f.signups.SignUp(t.Context(), student("nope", "ada@example.org")); workflows.KindOf(err) != workflows.NotFound {
			t.Errorf("unknown event: err = %v, want NotFound", err)
		}
		f.clock.Advance(120 * 24 * time.Hour) // past the event
		if _, err := f.signups.SignUp(t.Context(), student("spring", "ada@example.org")); workflows.KindOf(err) != workflows.Gone {
			t.Errorf("closed event: err = %v, want Gone", err)
		}
		if n := f.count(t, "registrations"); n != 0 {
			t.Errorf("registrations = %d, want 0", n)
		}
	})
}

func TestConfirmWorksOnceAndWaitlistsBeyondCapacity(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 1, 1)
		for _, addr := range []string{"a@example.org", "b@example.org"} {
			if _, err := f.signups.SignUp(t.Context(), student("spring", addr)); err != nil {
				t.Fatal(err)
			}
		}
		steps := []struct {
			addr string
			want workflows.ConfirmOutcome
		}{
			{"a@example.org", workflows.ConfirmedSeat},
			{"a@example.org", workflows.ConfirmedAgain},
			{"b@example.org", workflows.ConfirmedWait},
		}
		for _, s := range steps {
			res, err := f.signups.Confirm(t.Context(), f.confirmToken(t, s.addr))
			if err != nil {
				t.Fatal(err)
			}
			if res.Outcome != s.want || res.Event.Slug != "spring" {
				t.Fatalf("confirm %s = %+v, want %s", s.addr, res, s.want)
			}
		}
		res, err := f.signups.Confirm(t.Context(), "not-a-token")
		if err != nil || res.Outcome != workflows.ConfirmInvalid {
			t.Fatalf("unknown token = %+v, %v; want invalid", res, err)
		}
		emails, _ := sqlstoretest.EmailsTo(t.Context(), db, "b@example.org")
		if last := emails[len(emails)-1]; last.Kind != workflows.EmailWaitlisted && emails[0].Kind != workflows.EmailWaitlisted {
			t.Fatalf("b's emails = %v, want a waitlist email", emails)
		}
	})
}

func TestConfirmExpiredLinkIsInvalid(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 1, 1)
		if _, err := f.signups.SignUp(t.Context(), student("spring", "a@example.org")); err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(workflows.ConfirmTokenLifetime + time.Second)
		res, err := f.signups.Confirm(t.Context(), f.confirmToken(t, "a@example.org"))
		if err != nil || res.Outcome != workflows.ConfirmInvalid {
			t.Fatalf("expired = %+v, %v; want invalid", res, err)
		}
	})
}

func TestConcurrentConfirmationsRaceForTheLastSeat(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 1, 1)
		const racers = 8
		tokens := make([]string, racers)
		for i := range racers {
			addr := "racer" + string(rune('a'+i)) + "@example.org"
			if _, err := f.signups.SignUp(t.Context(), student("spring", addr)); err != nil {
				t.Fatal(err)
			}
			tokens[i] = f.confirmToken(t, addr)
		}
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			outcomes = map[workflows.ConfirmOutcome]int{}
		)
		for _, tok := range tokens {
			wg.Go(func() {
				res, err := f.signups.Confirm(context.WithoutCancel(t.Context()), tok)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				outcomes[res.Outcome]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if outcomes[workflows.ConfirmedSeat] != 1 || outcomes[workflows.ConfirmedWait] != racers-1 {
			t.Fatalf("outcomes = %v, want exactly one seat and %d waitlisted", outcomes, racers-1)
		}
	})
}
