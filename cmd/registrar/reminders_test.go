package main

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// TestRemindersRunCommand: a dry run prints the counts and changes no row;
// a real run queues the sends and their batch; a second real run sends
// nothing new.
func TestRemindersRunCommand(t *testing.T) {
	dbURL := "sqlite:" + t.TempDir() + "/registrar.db"
	starts := time.Now().UTC().AddDate(0, 0, 10)
	_, err := registrar(t, dbURL, "event", "create", "--slug", "upstream", "--title", "Upstream", "--starts", starts.Format(time.DateOnly),
		"--ends", starts.Format(time.DateOnly), "--student-capacity", "30", "--timezone", "Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlstore.Open(t.Context(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.InTx(t.Context(), func(tx workflows.Tx) error {
		ev, err := tx.Events.EventBySlug(t.Context(), "upstream")
		if err != nil {
			return err
		}
		for i := range 3 {
			p := workflows.Person{ID: workflows.NewID(), Email: workflows.NewID() + "@example.org", Name: "Student " + string(rune('A'+i)), Timezone: "UTC", Created: time.Now()}
			if err := tx.People.CreatePerson(t.Context(), p); err != nil {
				return err
			}
			if err := tx.Registrations.CreateRegistration(t.Context(), workflows.Registration{ID: workflows.NewID(), EventID: ev.ID,
				PersonID: p.ID, Role: workflows.RoleStudent, Status: workflows.StatusAccepted, Created: time.Now(), Updated: time.Now()}, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Two days before the start, 09:00 in Berlin, plus half an hour.
	loc, _ := time.LoadLocation("Europe/Berlin")
	d := starts.AddDate(0, 0, -2)
	at := time.Date(d.Year(), d.Month(), d.Day(), 9, 30, 0, 0, loc).UTC().Format(time.RFC3339)

	counts := func() map[string]int {
		out := map[string]int{}
		for _, table := range []string{"sends", "send_batches", "jobs", "unsubscribe_tokens", "reminder_rules"} {
			n, err := sqlstoretest.CountRows(t.Context(), db, table)
			if err != nil {
				t.Fatal(err)
			}
			out[table] = n
		}
		return out
	}
	before := counts()
	out, err := registrar(t, dbURL, "reminders", "run", "--at", at, "--dry-run")
	if err != nil {
		t.Fatalf("dry run: %v", err)
	}
	if !regexpMatch(`upstream\s+event-soon\s+3 recipients`, out) || !strings.Contains(out, "dry run") {
		t.Errorf("dry run printed %q, want event-soon with 3 recipients", out)
	}
	if after := counts(); !equalCounts(before, after) {
		t.Errorf("dry run changed rows: before %v, after %v", before, after)
	}
	out, err = registrar(t, dbURL, "reminders", "run", "--at", at)
	if err != nil || !regexpMatch(`upstream\s+event-soon\s+3 recipients\s+0 missed\s+1 batches`, out) {
		t.Fatalf("run: %v, printed %q", err, out)
	}
	if c := counts(); c["sends"] != 3 || c["send_batches"] != 1 {
		t.Errorf("after the run: %v, want 3 sends in 1 batch", c)
	}
	out, err = registrar(t, dbURL, "reminders", "run", "--at", at)
	if err != nil || !regexpMatch(`upstream\s+event-soon\s+0 recipients`, out) {
		t.Fatalf("second run: %v, printed %q", err, out)
	}
	if c := counts(); c["sends"] != 3 || c["send_batches"] != 1 {
		t.Errorf("after the second run: %v, want still 3 sends in 1 batch", c)
	}
	if _, err := registrar(t, dbURL, "reminders", "run", "--at", "yesterday"); !isUsage(err) {
		t.Errorf("--at yesterday: %v, want a usage error", err)
	}
}

func equalCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return len(a) == len(b)
}

func regexpMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }
