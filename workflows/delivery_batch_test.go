package workflows_test

import (
	"slices"
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/web/emails"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// togetherRig is a delivery with both mailers, and the first tries of the
// emails queued by sign-ups to spring (three people) and autumn (two).
type togetherRig struct {
	f        *fixture
	db       *sqlstore.DB
	mailer   *workflowstest.Mailer
	batch    *workflowstest.BatchMailer
	delivery *workflows.Delivery
	jobs     []workflows.JobRef
	queued   map[string]workflows.Email // by ID
}

func newTogetherRig(t *testing.T, db *sqlstore.DB, renderer workflows.EmailRenderer) *togetherRig {
	t.Helper()
	f := newFixture(t, db)
	f.signups.Emails = renderer
	f.event(t, "spring", 10, 1)
	f.event(t, "autumn", 10, 1)
	r := &togetherRig{f: f, db: db, mailer: workflowstest.NewMailer(), batch: &workflowstest.BatchMailer{}, queued: map[string]workflows.Email{}}
	r.delivery = &workflows.Delivery{Store: db, Mailer: r.mailer, Batch: r.batch, Clock: f.clock, Emails: renderer}
	for _, s := range []struct{ slug, addr string }{
		{"spring", "ada@example.org"}, {"spring", "bob@example.org"}, {"spring", "cy@example.org"},
		{"autumn", "dee@example.org"}, {"autumn", "eve@example.org"},
	} {
		if _, err := f.signups.SignUp(t.Context(), student(s.slug, s.addr)); err != nil {
			t.Fatal(err)
		}
		r.queue(t, s.addr)
	}
	return r
}

// queue adds the jobs of the queued emails to addr not yet added.
func (r *togetherRig) queue(t *testing.T, addr string) {
	t.Helper()
	es, err := sqlstoretest.EmailsTo(t.Context(), r.db, addr)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if _, ok := r.queued[e.ID]; ok || e.Status != workflows.EmailQueued {
			continue
		}
		must(t, r.db.View(t.Context(), func(tx workflows.Tx) error {
			full, err := tx.Emails.EmailByID(t.Context(), e.ID)
			r.add(full)
			return err
		}))
	}
}

// add adds the first tries of es to the rig's jobs.
func (r *togetherRig) add(es ...workflows.Email) {
	for _, e := range es {
		r.queued[e.ID] = e
		r.jobs = append(r.jobs, workflows.JobRef{Kind: workflows.JobSendEmail, Key: e.ID, Attempt: 1})
	}
}

// send runs SendAll on the rig's jobs and records the batch.
func (r *togetherRig) send(t *testing.T) workflows.JobBatch {
	t.Helper()
	b := r.delivery.SendAll(t.Context(), r.jobs)
	var done []int
	for i, res := range b.Results {
		if res.Err == nil {
			done = append(done, i)
		}
	}
	must(t, r.db.InTx(t.Context(), func(tx workflows.Tx) error { return b.Commit(t.Context(), tx, done) }))
	return b
}

// TestSignupEmailsGoTogether checks that the first tries of sign-up emails
// to one event go in one call, each recipient's copy exactly what rendering
// their own email gives, with the real renderer and the test one; and that
// what cannot go together goes alone: another event's, a named one, a
// second to the same address, a retry (which looks first).
func TestSignupEmailsGoTogether(t *testing.T) {
	for _, rc := range []struct {
		name     string
		renderer workflows.EmailRenderer
	}{{"templ", emails.New("https://registrar.test/")}, {"test renderer", workflowstest.Renderer{}}} {
		t.Run(rc.name, func(t *testing.T) {
			sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
				r := newTogetherRig(t, db, rc.renderer)
				// A second confirmation to ada (a resend, her address written
				// otherwise), and a named email, both to spring.
				first := r.queued[r.jobs[0].Key]
				again, named := first, first
				again.To = "Ada <ADA@example.org>"
				again.ID, again.Signup = workflows.NewID(), &workflows.SignupEmail{}
				*again.Signup = *first.Signup
				again.Signup.Link += "x"
				named.ID, named.Kind, named.Signup = workflows.NewID(), workflows.EmailSeatConfirmed, &workflows.SignupEmail{}
				*named.Signup = *first.Signup
				named.Signup.Name = "Ada <Lovelace>"
				must(t, db.InTx(t.Context(), func(tx workflows.Tx) error {
					if err := tx.Emails.QueueEmail(t.Context(), again); err != nil {
						return err
					}
					return tx.Emails.QueueEmail(t.Context(), named)
				}))
				r.add(again, named)
				// Dee's email to autumn is a retry: alone, and looking first;
				// so eve's goes alone too.
				for i, j := range r.jobs {
					if r.queued[j.Key].To == "dee@example.org" {
						r.jobs[i].Attempt = 2
					}
				}

				b := r.send(t)
				for i, res := range b.Results {
					if res.Err != nil {
						t.Errorf("email %s: %v", r.jobs[i].Key, res.Err)
					}
				}
				batches := r.batch.Batches()
				if len(batches) != 1 {
					t.Fatalf("%d calls together, want 1 (spring's three first confirmations)", len(batches))
				}
				var together []string
				for _, rcpt := range batches[0].Recipients {
					together = append(together, rcpt.To)
					e := r.queued[rcpt.Vars["send_id"]]
					if e.To != rcpt.To {
						t.Errorf("recipient %s carries the send ID of an email to %s", rcpt.To, e.To)
					}
					want, err := workflows.RenderSignup(rc.renderer, e.Kind, *e.Signup)
					if err != nil {
						t.Fatal(err)
					}
					got := workflows.EmailContent{Subject: workflows.Expand(batches[0].Subject, rcpt.Vars),
						HTML: workflows.Expand(batches[0].HTML, rcpt.Vars), Text: workflows.Expand(batches[0].Text, rcpt.Vars)}
					if got != want {
						t.Errorf("%s's copy differs from their email rendered alone:\ngot  %+v\nwant %+v", rcpt.To, got, want)
					}
				}
				if want := []string{"ada@example.org", "bob@example.org", "cy@example.org"}; !slices.Equal(together, want) || !batches[0].OfEmails {
					t.Errorf("together: %q (of emails: %v), want %q", together, batches[0].OfEmails, want)
				}
				alone := map[string]workflows.Message{}
				for _, m := range r.mailer.Sent() {
					alone[m.ID] = m
				}
				for id, why := range map[string]string{again.ID: "second to ada", named.ID: "named"} {
					if m, ok := alone[id]; !ok || m.MaybeSent {
						t.Errorf("%s email: sent alone %v (looking first: %v), want alone, not looking", why, ok, m.MaybeSent)
					}
				}
				var dee workflows.Message
				for _, m := range alone {
					if m.To == "dee@example.org" {
						dee = m
					}
				}
				if !dee.MaybeSent {
					t.Errorf("dee's retry: %+v, want sent alone, looking first", dee)
				}
				if len(alone) != 4 {
					t.Errorf("%d emails sent alone, want 4", len(alone))
				}
				for _, addr := range []string{"ada@example.org", "bob@example.org", "cy@example.org"} {
					es, err := sqlstoretest.EmailsTo(t.Context(), db, addr)
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range es {
						if e.Status != workflows.EmailSent || e.ProviderID == "" {
							t.Errorf("email %s to %s: %s with provider ID %q, want sent with one", e.ID, addr, e.Status, e.ProviderID)
						}
					}
				}
			})
		})
	}
}

// TestSignupEmailsTogetherRefused checks the two ways a call together can
// fail: refused for good (one bad address, say), its emails go at once, one
// by one; with an unknown outcome, they all fail, to be retried (alone).
func TestSignupEmailsTogetherRefused(t *testing.T) {
	for _, tc := range []struct {
		name      string
		kind      workflows.Kind
		wantAlone int
	}{{"refused", workflows.Invalid, 5}, {"unavailable", workflows.Unavailable, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			r := newTogetherRig(t, sqlstoretest.Open(t), workflowstest.Renderer{})
			r.batch.Fail = func(workflows.BatchMessage) error { return workflows.Errorf(tc.kind, "mail provider says no") }
			b := r.send(t)
			failed := 0
			for _, res := range b.Results {
				if res.Err != nil {
					failed++
					if workflows.KindOf(res.Err) != tc.kind {
						t.Errorf("error %v is %s, want %s", res.Err, workflows.KindOf(res.Err), tc.kind)
					}
				}
			}
			if sent := len(r.mailer.Sent()); sent != tc.wantAlone || failed != 5-tc.wantAlone {
				t.Errorf("%d sent alone and %d failed, want %d alone and %d failed", sent, failed, tc.wantAlone, 5-tc.wantAlone)
			}
			if n := len(r.batch.Batches()); n != 0 {
				t.Errorf("%d calls together went through, want none", n)
			}
		})
	}
}
