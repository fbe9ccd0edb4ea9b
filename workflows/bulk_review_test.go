package workflows_test

import (
	"fmt"
	"strings"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// auditLines counts the audit lines of action about each registration.
func (f *fixture) auditLines(t *testing.T, action workflows.AuditAction, ids ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, id := range ids {
		var n int
		q := `SELECT COUNT(*) FROM audit_log WHERE action = '` + string(action) + `' AND registration_id = '` + id + `'`
		if err := f.db.SQL().QueryRowContext(t.Context(), q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[id] = n
	}
	return out
}

// seatsFreed raises an event's student capacity behind the seating rules'
// back (as a board move or an edit elsewhere could leave it), so there are
// free seats while people wait.
func (f *fixture) seatsFreed(t *testing.T, slug string, capacity int) {
	t.Helper()
	q := fmt.Sprintf(`UPDATE events SET student_capacity = %d WHERE slug = '%s'`, capacity, slug)
	if _, err := f.db.SQL().ExecContext(t.Context(), q); err != nil {
		t.Fatal(err)
	}
}

// TestBulkAcceptRespectsCapacity: taking more people from the waitlist than
// seats are free changes nothing (no status, no audit line, no email); a
// selection that fits changes every one, with one audit line per person,
// and skips those the action does not apply to.
func TestBulkAcceptRespectsCapacity(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 3, 1)
		ids := f.queue(t, "spring", workflows.RoleStudent, "a@example.org", "b@example.org", "c@example.org", "d@example.org", "e@example.org")
		f.seatsFreed(t, "spring", 4) // a, b, c hold seats; one is free; d and e wait
		reviews := f.admin().Reviews
		before := f.count(t, "audit_log")
		emails := f.count(t, "outbound_emails")

		_, err := reviews.Bulk(t.Context(), olga, "spring", workflows.BulkInput{Action: workflows.BulkAccept,
			IDs: []string{ids["a@example.org"], ids["d@example.org"], ids["e@example.org"]}})
		msg := workflows.FieldErrors(err)["registration"]
		if !strings.Contains(msg, "Only 1 student seat is free; you selected 2 from the waitlist") {
			t.Fatalf("over capacity: err %v, message %q", err, msg)
		}
		status, _ := f.standing(t, "spring", workflows.RoleStudent)
		if status["a@example.org"] != workflows.StatusConfirmed || status["d@example.org"] != workflows.StatusWaitlisted ||
			status["e@example.org"] != workflows.StatusWaitlisted {
			t.Errorf("over capacity changed statuses: %v", status)
		}
		if f.count(t, "audit_log") != before || f.count(t, "outbound_emails") != emails {
			t.Errorf("over capacity wrote audit lines or emails")
		}

		res, err := reviews.Bulk(t.Context(), olga, "spring", workflows.BulkInput{Action: workflows.BulkAccept,
			IDs: []string{ids["a@example.org"], ids["b@example.org"], ids["d@example.org"], ids["a@example.org"]}})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Changed) != 3 || len(res.Skipped) != 0 {
			t.Fatalf("changed %v, skipped %v", names(res.Changed), names(res.Skipped))
		}
		status, _ = f.standing(t, "spring", workflows.RoleStudent)
		for _, a := range []string{"a@example.org", "b@example.org", "d@example.org"} {
			if status[a] != workflows.StatusAccepted {
				t.Errorf("%s is %s, want accepted", a, status[a])
			}
		}
		lines := f.auditLines(t, workflows.AuditAccept, ids["a@example.org"], ids["b@example.org"], ids["d@example.org"], ids["c@example.org"])
		if lines[ids["a@example.org"]] != 1 || lines[ids["b@example.org"]] != 1 || lines[ids["d@example.org"]] != 1 || lines[ids["c@example.org"]] != 0 {
			t.Errorf("audit lines per person: %v", lines)
		}
		if f.count(t, "outbound_emails") != emails+3 {
			t.Errorf("%d emails queued, want one per person accepted", f.count(t, "outbound_emails")-emails)
		}

		res, err = reviews.Bulk(t.Context(), olga, "spring", workflows.BulkInput{Action: workflows.BulkAccept,
			IDs: []string{ids["a@example.org"], ids["c@example.org"]}})
		if err != nil || len(res.Changed) != 1 || len(res.Skipped) != 1 || res.Skipped[0].Person.Email != "a@example.org" {
			t.Errorf("accepting the accepted: %v, changed %v, skipped %v", err, names(res.Changed), names(res.Skipped))
		}
	})
}

// TestBulkWithdraw: a reason is required; with one, every selected person
// is withdrawn with it in one go, and the seats they free go to the line.
func TestBulkWithdraw(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db)
		f.event(t, "spring", 2, 1)
		ids := f.queue(t, "spring", workflows.RoleStudent, "a@example.org", "b@example.org", "c@example.org", "d@example.org")
		reviews := f.admin().Reviews
		sel := []string{ids["a@example.org"], ids["c@example.org"]} // a holds a seat; c waits first in line

		_, err := reviews.Bulk(t.Context(), olga, "spring", workflows.BulkInput{Action: workflows.BulkWithdraw, IDs: sel, Reason: "  "})
		if workflows.FieldErrors(err)["reason"] == "" {
			t.Fatalf("no reason: %v", err)
		}
		for _, in := range []workflows.BulkInput{{Action: "erase", IDs: sel}, {Action: workflows.BulkWaitlist}} {
			if _, err := reviews.Bulk(t.Context(), olga, "spring", in); workflows.FieldErrors(err) == nil {
				t.Errorf("%+v: %v, want field errors", in, err)
			}
		}
		if _, err := reviews.Bulk(t.Context(), workflows.Viewer{PersonID: "x"}, "spring", workflows.BulkInput{Action: workflows.BulkWithdraw,
			IDs: sel, Reason: "r"}); workflows.KindOf(err) != workflows.Forbidden {
			t.Errorf("a non-organizer: %v", err)
		}

		res, err := reviews.Bulk(t.Context(), olga, "spring", workflows.BulkInput{Action: workflows.BulkWithdraw, IDs: sel, Reason: "Cohort moved"})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Changed) != 2 || len(res.Promoted) != 1 || res.Promoted[0].Person.Email != "d@example.org" {
			t.Fatalf("changed %v, promoted %v: the freed seat goes to d, not to c who is withdrawn too", names(res.Changed), names(res.Promoted))
		}
		list, err := reviews.Registrations(t.Context(), olga, "spring", workflows.RegistrationFilter{Status: workflows.StatusWithdrawn})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list.Rows {
			if r.WithdrawReason != "Cohort moved" {
				t.Errorf("%s: reason %q", r.Person.Email, r.WithdrawReason)
			}
		}
		if lines := f.auditLines(t, workflows.AuditWithdraw, sel...); lines[sel[0]] != 1 || lines[sel[1]] != 1 || len(list.Rows) != 2 {
			t.Errorf("withdrawn %d, audit lines %v", len(list.Rows), lines)
		}

		f.event(t, "autumn", 2, 1)
		x := f.registered(t, "autumn", workflows.RoleStudent, "x@example.org")
		if _, err := reviews.Bulk(t.Context(), olga, "spring", workflows.BulkInput{Action: workflows.BulkWithdraw,
			IDs: []string{ids["b@example.org"], x}, Reason: "r"}); workflows.FieldErrors(err)["registration"] == "" {
			t.Errorf("a registration of another event: %v", err)
		}
		if status, _ := f.standing(t, "spring", workflows.RoleStudent); status["b@example.org"] != workflows.StatusConfirmed {
			t.Errorf("b is %s after a refused selection", status["b@example.org"])
		}
	})
}
