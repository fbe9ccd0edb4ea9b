package workflows_test

import (
	"context"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// registered signs addr up for slug in role, confirms, and returns the
// registration ID.
func (f *fixture) registered(t *testing.T, slug string, role workflows.Role, addr string) string {
	t.Helper()
	in := student(slug, addr)
	if role == workflows.RoleMentor {
		in.Role, in.MaxMentees = workflows.RoleMentor, "2"
	}
	out, err := f.signups.SignUp(t.Context(), in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.signups.Confirm(t.Context(), f.confirmToken(t, addr)); err != nil {
		t.Fatal(err)
	}
	return out.RegistrationID
}

func (f *fixture) admin() workflows.Services {
	return workflows.NewServices(workflows.Deps{Store: f.db, Clock: f.clock, Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}})
}

func (f *fixture) homes() *workflows.Homes {
	return &workflows.Homes{Store: f.db, Clock: f.clock, Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}}
}

// TestAdminRefusesAnyoneButOrganizers calls every organizer use case as
// people who are not organizers: the refusal comes from workflows, whatever
// route or command led there, and nothing is written.
func TestAdminRefusesAnyoneButOrganizers(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		reg := f.registered(t, "spring", workflows.RoleStudent, "ada@example.org")
		a := f.admin()
		calls := map[string]func(context.Context, workflows.Viewer) error{
			"Dashboard": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.Overview.Dashboard(ctx, v)
				return err
			},
			"Event": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.EventAdmin.Event(ctx, v, "spring")
				return err
			},
			"CreateEvent": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.EventAdmin.CreateEvent(ctx, v, workflows.EventForm{})
				return err
			},
			"UpdateEvent": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.EventAdmin.UpdateEvent(ctx, v, "spring", workflows.EventForm{})
				return err
			},
			"SetEventClosed": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.EventAdmin.SetEventClosed(ctx, v, "spring", true)
				return err
			},
			"Registrations": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.Reviews.Registrations(ctx, v, "spring", workflows.RegistrationFilter{})
				return err
			},
			"ExportRegistrations": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.Reviews.ExportRegistrations(ctx, v, "spring")
				return err
			},
			"Accept": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.Reviews.Accept(ctx, v, reg)
				return err
			},
			"Waitlist": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.Reviews.Waitlist(ctx, v, reg)
				return err
			},
			"Withdraw": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.Reviews.Withdraw(ctx, v, reg, "because")
				return err
			},
			"Person": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.PeopleAdmin.Person(ctx, v, v.PersonID)
				return err
			},
			"ExportPerson": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.PeopleAdmin.ExportPerson(ctx, v, v.PersonID)
				return err
			},
			"Erase": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.PeopleAdmin.Erase(ctx, v, v.PersonID, "ada@example.org")
				return err
			},
			"RetryJob": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.PeopleAdmin.RetryJob(ctx, v, workflows.JobSheetRow, reg)
				return err
			},
			"AuditLog": func(ctx context.Context, v workflows.Viewer) error {
				_, err := a.AuditTrail.Entries(ctx, v, workflows.AuditFilter{})
				return err
			},
		}
		viewers := map[string]workflows.Viewer{
			"anonymous":                       {},
			"student and mentor":              {PersonID: "p1", Student: true, Mentor: true},
			"organizer flag without a person": {Organizer: true},
		}
		for name, call := range calls {
			for who, v := range viewers {
				if err := call(t.Context(), v); workflows.KindOf(err) != workflows.Forbidden {
					t.Errorf("%s as %s: %v, want Forbidden", name, who, err)
				}
			}
		}
		if n := f.count(t, "audit_log"); n != 0 {
			t.Fatalf("audit_log has %d rows after refused calls", n)
		}
	})
}

func TestHomesShowOnlyTheViewersOwn(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		f.event(t, "autumn", 5, 5)
		ada := f.registered(t, "spring", workflows.RoleStudent, "ada@example.org")
		bob := f.registered(t, "spring", workflows.RoleStudent, "bob@example.org")
		f.registered(t, "spring", workflows.RoleMentor, "grace@example.org")
		f.registered(t, "autumn", workflows.RoleMentor, "linus@example.org")
		h := f.homes()
		v := func(addr string) workflows.Viewer {
			a := &workflows.Accounts{Store: db, Emails: workflowstest.Renderer{}, Clock: f.clock, Links: workflowstest.Links{}}
			if err := a.RequestLogin(t.Context(), addr); err != nil {
				t.Fatal(err)
			}
			res, err := a.Login(t.Context(), f.loginToken(t, addr))
			if err != nil || res.Outcome != workflows.LoginOK {
				t.Fatalf("login %s: %v %v", addr, res.Outcome, err)
			}
			return res.Viewer
		}
		adaV, graceV, linusV := v("ada@example.org"), v("grace@example.org"), v("linus@example.org")
		mine, err := h.Student(t.Context(), adaV)
		if err != nil || len(mine) != 1 || mine[0].ID != ada {
			t.Fatalf("ada's registrations: %v, %v", mine, err)
		}
		if _, err := h.Withdraw(t.Context(), adaV, bob); workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("ada withdrawing bob: %v, want NotFound", err)
		}
		if _, err := h.Student(t.Context(), graceV); workflows.KindOf(err) != workflows.Forbidden {
			t.Fatalf("a mentor on the student page: %v, want Forbidden", err)
		}
		if _, err := h.MentorEvent(t.Context(), graceV, "spring"); err != nil {
			t.Fatalf("grace's own event: %v", err)
		}
		if _, err := h.MentorEvent(t.Context(), linusV, "spring"); workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("another mentor's event: %v, want NotFound", err)
		}
	})
}

func TestLoginIsSingleUseWithinFifteenMinutes(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 5, 5)
		f.registered(t, "spring", workflows.RoleStudent, "ada@example.org")
		a := &workflows.Accounts{Store: db, Emails: workflowstest.Renderer{}, Clock: f.clock, Links: workflowstest.Links{}}
		login := func() string {
			f.clock.Advance(time.Second) // so the newest email is the last one
			if err := a.RequestLogin(t.Context(), "ada@example.org"); err != nil {
				t.Fatal(err)
			}
			return f.loginToken(t, "ada@example.org")
		}
		token := login()
		for i, want := range []workflows.LoginOutcome{workflows.LoginOK, workflows.LoginUsed} {
			if res, err := a.Login(t.Context(), token); err != nil || res.Outcome != want {
				t.Fatalf("use %d: %v %v, want %v", i+1, res.Outcome, err, want)
			}
		}
		token = login()
		f.clock.Advance(workflows.LoginTokenLifetime)
		if res, _ := a.Login(t.Context(), token); res.Outcome != workflows.LoginExpired {
			t.Fatalf("after 15 minutes: %v, want expired", res.Outcome)
		}
		if err := a.RequestLogin(t.Context(), "stranger@example.org"); err != nil {
			t.Fatalf("unknown address: %v, want nil like a known one", err)
		}
		// A sign-in lasts SignInLifetime; then the viewer is gone.
		token = login()
		res, _ := a.Login(t.Context(), token)
		f.clock.Advance(workflows.SignInLifetime - time.Second)
		if _, err := a.Viewer(t.Context(), res.Viewer.SignInID); err != nil {
			t.Fatalf("viewer within the sign-in's life: %v", err)
		}
		f.clock.Advance(time.Second)
		if _, err := a.Viewer(t.Context(), res.Viewer.SignInID); workflows.KindOf(err) != workflows.NotFound {
			t.Fatalf("viewer after the sign-in's life: %v, want NotFound", err)
		}
	})
}

// TestWaitlistOrder: the line is ordered by when each joined the waitlist
// (not by when they confirmed), then by sign-up.
func TestWaitlistOrder(t *testing.T) {
	at := func(m int) time.Time { return start.Add(time.Duration(m) * time.Minute) }
	reg := func(id string, role workflows.Role, s workflows.Status, created, confirmed, joined int) workflows.RegistrationDetail {
		var d workflows.RegistrationDetail
		d.ID, d.Role, d.Status, d.Created, d.Updated, d.Confirmed = id, role, s, at(created), at(created), at(confirmed)
		if joined > 0 {
			d.Waitlisted = at(joined)
		}
		return d
	}
	rows := []workflows.RegistrationDetail{
		reg("early-signup-late-join", workflows.RoleStudent, workflows.StatusWaitlisted, 1, 2, 30),
		reg("seated", workflows.RoleStudent, workflows.StatusConfirmed, 2, 3, 0),
		reg("late-signup-early-join", workflows.RoleStudent, workflows.StatusWaitlisted, 10, 20, 20),
		reg("mentor", workflows.RoleMentor, workflows.StatusWaitlisted, 0, 5, 5),
		reg("same-time-b", workflows.RoleStudent, workflows.StatusWaitlisted, 12, 13, 40),
		reg("same-time-a", workflows.RoleStudent, workflows.StatusWaitlisted, 11, 14, 40),
	}
	var got []string
	for _, r := range workflows.WaitlistOrder(rows, workflows.RoleStudent) {
		got = append(got, r.ID)
	}
	want := []string{"late-signup-early-join", "early-signup-late-join", "same-time-a", "same-time-b"}
	if len(got) != len(want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}

// loginToken reads the newest sign-in token emailed to addr.
func (f *fixture) loginToken(t *testing.T, addr string) string {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), f.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	var token string
	for _, e := range emails {
		if e.Kind == workflows.EmailLoginLink {
			token = e.Text[len("https://registrar.example.org/login/"):]
		}
	}
	if token == "" {
		t.Fatalf("no sign-in email to %s", addr)
	}
	return token
}
