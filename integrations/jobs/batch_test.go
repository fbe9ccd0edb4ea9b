package jobs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"registrar/integrations/jobs"
	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// queueEmailFor queues an email of kind to a new person with the given
// bounce and complaint.
func (r *rig) queueEmailFor(t *testing.T, kind workflows.EmailKind, undeliverable, complained bool) string {
	t.Helper()
	id, person := workflows.NewID(), workflows.NewID()
	err := r.db.InTx(t.Context(), func(tx workflows.Tx) error {
		p := workflows.Person{ID: person, Email: person + "@example.org", Name: "Ada", Undeliverable: undeliverable, Created: r.clock.Now()}
		if err := tx.People.CreatePerson(t.Context(), p); err != nil {
			return err
		}
		if complained {
			if err := tx.People.MarkComplained(t.Context(), person); err != nil {
				return err
			}
		}
		return tx.Emails.QueueEmail(t.Context(), workflows.Email{ID: id, Kind: kind, PersonID: person, To: p.Email,
			Subject: "Hello", HTML: "<p>Hi</p>", Text: "Hi", Status: workflows.EmailQueued, Created: r.clock.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// email reads one email and its job's row (JobStatus{} once the row is gone).
func (r *rig) email(t *testing.T, id string) (workflows.Email, workflows.JobStatus) {
	t.Helper()
	var (
		e    workflows.Email
		jobs []workflows.JobStatus
	)
	err := r.db.View(t.Context(), func(tx workflows.Tx) error {
		var err error
		if e, err = tx.Emails.EmailByID(t.Context(), id); err != nil {
			return err
		}
		jobs, err = tx.Jobs.JobsFor(t.Context(), []string{id})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		if j.Kind == workflows.JobSendEmail {
			return e, j
		}
	}
	return e, workflows.JobStatus{}
}

func TestBatchOfEmailsRetriesTheFailedOneAlone(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		var ids []string
		for range 5 { // padded to 8 in the batch statements
			ids = append(ids, r.queueEmail(t))
		}
		failing := ids[2]
		r.mailer.Fail = func(m workflows.Message) error {
			if m.ID == failing && !m.MaybeSent {
				return workflows.E(workflows.Unavailable, "provider down")
			}
			return nil
		}
		run := r.runner()
		if n := runOnce(t, run); n != 5 {
			t.Fatalf("ran %d jobs, want the 5 in one batch", n)
		}
		for _, id := range ids {
			e, job := r.email(t, id)
			switch {
			case id == failing:
				if e.Status != workflows.EmailQueued || e.HTML == "" || job.State != workflows.JobQueued || job.Failures != 1 || job.LastError == "" {
					t.Errorf("failed email = %s %q, job %+v; want queued with its body, job retrying", e.Status, e.HTML, job)
				}
			case e.Status != workflows.EmailSent || e.ProviderID != "fake-"+id || e.HTML != "" || e.Text != "" || job.Key != "":
				t.Errorf("email %s = %+v, job %+v; want sent, its provider ID kept, its body and job row gone", id, e, job)
			}
		}
		r.clock.Advance(time.Minute) // past the longest backoff
		if n := runOnce(t, run); n != 1 {
			t.Fatalf("retry ran %d jobs, want the failed one", n)
		}
		for _, id := range ids {
			if got := r.mailer.Deliveries(id); got != 1 {
				t.Errorf("email %s delivered %d times, want 1", id, got)
			}
		}
		if e, job := r.email(t, failing); e.Status != workflows.EmailSent || job.Key != "" {
			t.Errorf("retried email = %s, job %+v; want sent and its job gone", e.Status, job)
		}
		if sent := r.mailer.Sent(); !sent[len(sent)-1].MaybeSent {
			t.Errorf("the retry did not tell the mailer it may have sent already")
		}
	})
}

func TestBatchRecordsSuppressedEmails(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		bounced := r.queueEmailFor(t, workflows.EmailConfirmSignup, true, false)
		unasked := r.queueEmailFor(t, workflows.EmailWaitlisted, false, true)
		asked := r.queueEmailFor(t, workflows.EmailLoginLink, false, true)
		plain := r.queueEmailFor(t, workflows.EmailWaitlisted, false, false)
		if n := runOnce(t, r.runner()); n != 4 {
			t.Fatalf("ran %d jobs, want 4", n)
		}
		want := map[string]workflows.EmailStatus{bounced: workflows.EmailFailed, unasked: workflows.EmailSuppressed,
			asked: workflows.EmailSent, plain: workflows.EmailSent}
		for id, status := range want {
			e, job := r.email(t, id)
			if e.Status != status || job.Key != "" {
				t.Errorf("email %s (%s) = %s, job %+v; want %s and its job gone", id, e.Kind, e.Status, job, status)
			}
			if delivered := r.mailer.Deliveries(id); (delivered == 1) != (status == workflows.EmailSent) {
				t.Errorf("email %s (%s) delivered %d times", id, status, delivered)
			}
		}
		var tags []string
		for _, m := range r.mailer.Sent() {
			tags = append(tags, m.Tag)
		}
		slices.Sort(tags)
		if !slices.Equal(tags, []string{string(workflows.EmailLoginLink), string(workflows.EmailWaitlisted)}) {
			t.Errorf("tags sent = %v, want each email's kind", tags)
		}
	})
}

// TestWorkerDyingBetweenSendAndRecordSendsNothingTwice: the sends went out,
// nothing was recorded; once the leases run out the retry looks before
// sending, finds each email and records it sent.
func TestWorkerDyingBetweenSendAndRecordSendsNothingTwice(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		ids := []string{r.queueEmail(t), r.queueEmail(t), r.queueEmail(t)}
		ctx, kill := context.WithCancel(t.Context())
		d := &workflows.Delivery{Store: db, Mailer: r.mailer, Clock: r.clock}
		dying := jobs.New(db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{Lease: 30 * time.Second})
		dying.RegisterBatch(workflows.JobSendEmail, 32, func(ctx context.Context, refs []workflows.JobRef) workflows.JobBatch {
			b := d.SendAll(ctx, refs)
			kill()
			return b
		})
		if _, err := dying.RunOnce(ctx, workflows.JobSendEmail); !errors.Is(err, context.Canceled) {
			t.Fatalf("dying worker returned %v, want context.Canceled", err)
		}
		r.clock.Advance(31 * time.Second)
		run := jobs.New(db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{Lease: 30 * time.Second})
		looking := &workflows.Delivery{Store: db, Mailer: lookingMailer{r.mailer}, Clock: r.clock}
		run.RegisterBatch(workflows.JobSendEmail, 32, looking.SendAll)
		if n := runOnce(t, run); n != 3 {
			t.Fatalf("ran %d jobs after the leases ran out, want 3", n)
		}
		for _, id := range ids {
			if e, job := r.email(t, id); r.mailer.Deliveries(id) != 1 || e.Status != workflows.EmailSent || e.ProviderID != "fake-"+id || job.Key != "" {
				t.Errorf("email %s delivered %d times, %s %q, job %+v; want once, sent with its provider ID, job gone",
					id, r.mailer.Deliveries(id), e.Status, e.ProviderID, job)
			}
		}
	})
}

// lookingMailer finds an earlier send when told the outcome is unknown, as
// the Mailgun adapter does through the events API.
type lookingMailer struct{ *workflowstest.Mailer }

func (m lookingMailer) Send(ctx context.Context, msg workflows.Message) (string, error) {
	if msg.MaybeSent && m.Deliveries(msg.ID) > 0 {
		return "fake-" + msg.ID, nil
	}
	return m.Mailer.Send(ctx, msg)
}

// TestBatchWriteFailingForOneJobFailsItAlone: when the batch's write fails,
// the runner records job by job, and the job whose write fails retries.
func TestBatchWriteFailingForOneJobFailsItAlone(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		keys := []string{"reg-a", "reg-b", "reg-c"}
		err := db.InTx(t.Context(), func(tx workflows.Tx) error {
			for _, k := range keys {
				if err := tx.Jobs.Enqueue(t.Context(), workflows.JobSheetRow, k, r.clock.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var committed []string
		run := jobs.New(db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{})
		run.RegisterBatch(workflows.JobSheetRow, 10, func(ctx context.Context, refs []workflows.JobRef) workflows.JobBatch {
			return workflows.JobBatch{Results: make([]workflows.JobResult, len(refs)),
				Commit: func(ctx context.Context, tx workflows.Tx, done []int) error {
					for _, i := range done {
						if refs[i].Key == "reg-b" {
							return fmt.Errorf("write for %s: %w", refs[i].Key, workflows.E(workflows.Unavailable, "busy"))
						}
					}
					for _, i := range done {
						committed = append(committed, refs[i].Key)
					}
					return nil
				}}
		})
		if n, err := run.RunOnce(t.Context(), workflows.JobSheetRow); n != 3 || err != nil {
			t.Fatalf("ran %d, %v; want 3 recorded", n, err)
		}
		slices.Sort(committed)
		if !slices.Equal(committed, []string{"reg-a", "reg-c"}) {
			t.Errorf("committed writes for %v, want reg-a and reg-c", committed)
		}
		var got []workflows.JobStatus
		if err := db.View(t.Context(), func(tx workflows.Tx) error {
			got, err = tx.Jobs.JobsFor(t.Context(), keys)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for _, j := range got {
			want := workflows.JobDone
			if j.Key == "reg-b" {
				want = workflows.JobQueued
			}
			if j.State != want || (j.Key == "reg-b") != (j.Failures == 1) {
				t.Errorf("job %s = %s with %d failures (%q), want %s", j.Key, j.State, j.Failures, j.LastError, want)
			}
		}
	})
}

// TestBatchKeepsNewerVersionsAndClaims: in one batch, a job enqueued again
// while it ran stays due, and a job whose lease ran out and was claimed anew
// is left to the newer claim; the rest are done.
func TestBatchKeepsNewerVersionsAndClaims(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newRig(t, db)
		lost := r.queueEmail(t) // oldest: the one claimed anew
		r.clock.Advance(time.Second)
		plain := r.queueEmail(t)
		r.clock.Advance(time.Second)
		again := r.queueEmail(t)
		d := &workflows.Delivery{Store: db, Mailer: r.mailer, Clock: r.clock}
		run := jobs.New(db, r.clock, slog.New(slog.NewTextHandler(io.Discard, nil)), nil, jobs.Options{Lease: 30 * time.Second})
		run.RegisterBatch(workflows.JobSendEmail, 32, func(ctx context.Context, refs []workflows.JobRef) workflows.JobBatch {
			b := d.SendAll(ctx, refs)
			r.clock.Advance(31 * time.Second) // the leases run out…
			if err := db.InTx(ctx, func(tx workflows.Tx) error { return tx.Jobs.Enqueue(ctx, workflows.JobSendEmail, again, r.clock.Now()) }); err != nil {
				t.Error(err)
			}
			// …and another worker claims the oldest (again's run_at is now newer).
			if claimed, err := db.Claim(ctx, workflows.JobSendEmail, 1, r.clock.Now(), 30*time.Second); err != nil || len(claimed) != 1 || claimed[0].Key != lost {
				t.Errorf("second claim = %+v, %v; want %s", claimed, err, lost)
			}
			return b
		})
		if n := runOnce(t, run); n != 3 {
			t.Fatalf("ran %d jobs, want 3", n)
		}
		if _, job := r.email(t, plain); job.Key != "" {
			t.Errorf("plain job = %+v, want its row gone", job)
		}
		if _, job := r.email(t, again); job.State != workflows.JobQueued || !job.RunAt.Equal(r.clock.Now()) {
			t.Errorf("job enqueued again = %+v, want queued and due", job)
		}
		if s := stats(t, r); s.InFlight != 1 {
			t.Errorf("stats = %+v, want the newer claim of %s still in flight", s, lost)
		}
	})
}
