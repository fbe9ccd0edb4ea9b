package workflows_test

import (
	"context"
	"testing"
	"time"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// mentoring is a student paired with a mentor in one event, with the
// viewers the use cases take.
type mentoring struct {
	*fixture
	svc       workflows.Services
	event     workflows.Event
	studentID string // registration IDs
	mentorID  string
	pairingID string
	student   workflows.Viewer
	mentor    workflows.Viewer
	organizer workflows.Viewer
}

// newMentoring creates an event in zone tz, signs up ada (student) and
// grace (mentor), accepts ada and pairs them at the fixture's clock.
func newMentoring(t *testing.T, f *fixture, slug, tz string) *mentoring {
	t.Helper()
	starts := f.clock.Now().AddDate(0, 1, 0) // open for sign-up now
	e, err := f.events.Create(t.Context(), workflows.EventInput{Slug: slug, Title: "Upstream " + slug, Location: "Online",
		Timezone: tz, StartsOn: starts.Format(time.DateOnly), EndsOn: starts.AddDate(0, 0, 2).Format(time.DateOnly),
		StudentCapacity: 5, MentorCapacity: 5})
	if err != nil {
		t.Fatal(err)
	}
	m := &mentoring{fixture: f, event: e, svc: workflows.NewServices(workflows.Deps{Store: f.db, Clock: f.clock,
		Emails: workflowstest.Renderer{}, Links: workflowstest.Links{}, Mirrors: []workflows.JobKind{workflows.JobSheetRow}})}
	m.studentID = f.registered(t, slug, workflows.RoleStudent, "ada-"+slug+"@example.org")
	m.mentorID = f.registered(t, slug, workflows.RoleMentor, "grace-"+slug+"@example.org")
	m.pairingID = m.pair(t, m.studentID, m.mentorID)
	m.student = m.viewer(t, m.studentID)
	m.mentor = m.viewer(t, m.mentorID)
	orgs := &workflows.Organizers{Store: f.db, Clock: f.clock, Links: workflowstest.Links{}}
	if _, err := orgs.Add(t.Context(), "olga-"+slug+"@example.org"); err != nil {
		t.Fatal(err)
	}
	m.organizer = m.person(t, "olga-"+slug+"@example.org")
	m.organizer.Organizer = true
	return m
}

// pair pairs a student with a mentor as the pairing use case does: an open
// pairing and the student active.
func (m *mentoring) pair(t *testing.T, studentID, mentorID string) string {
	t.Helper()
	id := workflows.NewID()
	err := m.db.InTx(t.Context(), func(tx workflows.Tx) error {
		if err := tx.Pairings.CreatePairing(t.Context(), workflows.Pairing{ID: id, EventID: m.event.ID, StudentID: studentID,
			MentorID: mentorID, Started: m.clock.Now()}); err != nil {
			return err
		}
		return tx.Registrations.SetRegistrationStatus(t.Context(), studentID, workflows.StatusActive, m.clock.Now())
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// viewer is the person of a registration, signed in with their roles.
func (m *mentoring) viewer(t *testing.T, registrationID string) workflows.Viewer {
	t.Helper()
	var v workflows.Viewer
	err := m.db.InTx(t.Context(), func(tx workflows.Tx) error {
		r, err := tx.Registrations.RegistrationByID(t.Context(), registrationID)
		v = workflows.Viewer{SignInID: "s", PersonID: r.PersonID, Name: r.Person.Name, Email: r.Person.Email,
			Student: r.Role == workflows.RoleStudent, Mentor: r.Role == workflows.RoleMentor}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (m *mentoring) person(t *testing.T, addr string) workflows.Viewer {
	t.Helper()
	var v workflows.Viewer
	err := m.db.InTx(t.Context(), func(tx workflows.Tx) error {
		p, err := tx.People.PersonByEmail(context.Background(), addr)
		v = workflows.Viewer{SignInID: "s", PersonID: p.ID, Name: p.Name, Email: p.Email}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func (m *mentoring) status(t *testing.T, registrationID string) workflows.Status {
	t.Helper()
	var s workflows.Status
	err := m.db.InTx(t.Context(), func(tx workflows.Tx) error {
		r, err := tx.Registrations.RegistrationByID(t.Context(), registrationID)
		s = r.Status
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// emailsOfKind counts the emails of kind queued to addr.
func (m *mentoring) emailsOfKind(t *testing.T, addr string, kind workflows.EmailKind) int {
	t.Helper()
	emails, err := sqlstoretest.EmailsTo(t.Context(), m.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range emails {
		if e.Kind == kind {
			n++
		}
	}
	return n
}
