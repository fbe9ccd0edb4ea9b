package workflows_test

import (
	"testing"
	"time"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
	"registrar/workflows/workflowstest"
)

// find returns the newest entry of action in entries.
func find(t *testing.T, entries []workflows.AuditEntry, action workflows.AuditAction) workflows.AuditEntry {
	t.Helper()
	for _, e := range entries {
		if e.Action == action {
			return e
		}
	}
	t.Fatalf("no %s in the audit log", action)
	return workflows.AuditEntry{}
}

// TestAuditLogSaysWhoDidWhat: an organizer accepting, a student
// withdrawing themself, the automatic promotion that follows and a move on
// the Trello board each name their actor apart from whom they concern; and
// the filters narrow the log by event, actor, kind of actor and action,
// with sign-ins hidden unless asked for.
func TestAuditLogSaysWhoDidWhat(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		r := newAuditRig(t, db)                                                       // one student seat
		bobReg := r.registered(t, "spring", workflows.RoleStudent, "bob@example.org") // waitlisted: the seat is Ada's
		bob := r.person(t, "bob@example.org")
		_, err := r.svc.Reviews.Accept(t.Context(), r.olga, r.adaReg)
		must(t, err)
		change, err := r.homes().Withdraw(t.Context(), r.ada, r.adaReg) // Bob gets the seat
		must(t, err)
		if len(change.Promoted) != 1 || change.Promoted[0].ID != bobReg {
			t.Fatalf("promoted %+v, want Bob", change.Promoted)
		}
		r.moveOnBoard(t, bobReg, "Withdrawn")
		accounts := &workflows.Accounts{Store: db, Emails: workflowstest.Renderer{}, Clock: r.clock, Links: workflowstest.Links{}}
		must(t, accounts.RequestLogin(t.Context(), "olga@example.org"))
		_, err = accounts.Login(t.Context(), r.loginToken(t, "olga@example.org"))
		must(t, err)
		autumn := r.fixture.event(t, "autumn", 5, 5)
		r.event = autumn
		r.write(t, 1, workflows.AuditEventClose)

		entries := r.log(t, workflows.AuditQuery{}).Entries
		tests := []struct {
			action           workflows.AuditAction
			kind             workflows.AuditActorKind
			actor, person    string
			self             bool
			actorName, about string
		}{
			{workflows.AuditAccept, workflows.ActorOrganizer, r.olga.PersonID, r.ada.PersonID, false, "Olga Organizer", "ada@example.org"},
			{workflows.AuditWithdrawOwn, workflows.ActorPerson, r.ada.PersonID, r.ada.PersonID, true, "Ada Lovelace", "ada@example.org"},
			{workflows.AuditPromote, workflows.ActorSystem, "", bob.PersonID, false, "", "bob@example.org"},
			{workflows.AuditWithdraw, workflows.ActorBoard, "", bob.PersonID, false, "", "bob@example.org"},
		}
		for _, tt := range tests {
			e := find(t, entries, tt.action)
			if e.ActorKind != tt.kind || e.ActorID != tt.actor || e.ActorName != tt.actorName || e.Self() != tt.self {
				t.Errorf("%s: actor %s %q %q (self %v), want %s %q %q", tt.action, e.ActorKind, e.ActorID, e.ActorName, e.Self(),
					tt.kind, tt.actor, tt.actorName)
			}
			if e.PersonID != tt.person || e.SubjectEmail != tt.about || e.Role != workflows.RoleStudent || e.EventSlug != "spring" {
				t.Errorf("%s: about %q %q (%s) in %q, want %q (student) in spring", tt.action, e.PersonID, e.SubjectEmail, e.Role,
					e.EventSlug, tt.about)
			}
		}

		only := func(name string, q workflows.AuditQuery, keep func(workflows.AuditEntry) bool, min int) {
			t.Helper()
			got := r.log(t, q).Entries
			if len(got) < min {
				t.Errorf("%s: %d entries, want at least %d", name, len(got), min)
			}
			for _, e := range got {
				if !keep(e) {
					t.Errorf("%s: has %s by %s %q", name, e.Action, e.ActorKind, e.ActorID)
				}
			}
		}
		noSignIn := func(e workflows.AuditEntry) bool { return e.Action != workflows.AuditSignIn }
		only("default", workflows.AuditQuery{}, noSignIn, 6)
		only("event", workflows.AuditQuery{EventSlug: "autumn"}, func(e workflows.AuditEntry) bool { return e.EventID == autumn.ID }, 1)
		only("organizer", workflows.AuditQuery{ActorID: r.olga.PersonID},
			func(e workflows.AuditEntry) bool { return e.ActorID == r.olga.PersonID && noSignIn(e) }, 2)
		only("system", workflows.AuditQuery{ActorKind: workflows.ActorSystem},
			func(e workflows.AuditEntry) bool { return e.Action == workflows.AuditPromote }, 1)
		only("people", workflows.AuditQuery{ActorKind: workflows.ActorPerson},
			func(e workflows.AuditEntry) bool { return e.Action == workflows.AuditWithdrawOwn }, 1)
		only("action", workflows.AuditQuery{Action: workflows.AuditAccept},
			func(e workflows.AuditEntry) bool { return e.Action == workflows.AuditAccept }, 1)
		only("sign-ins by action", workflows.AuditQuery{Action: workflows.AuditSignIn},
			func(e workflows.AuditEntry) bool { return e.Action == workflows.AuditSignIn }, 1)
		find(t, r.log(t, workflows.AuditQuery{SignIns: true}).Entries, workflows.AuditSignIn)
		find(t, r.log(t, workflows.AuditQuery{ActorID: r.olga.PersonID, SignIns: true}).Entries, workflows.AuditSignIn)

		refused := []struct {
			q    workflows.AuditQuery
			want workflows.Kind
		}{
			{workflows.AuditQuery{Action: "registration.accept' OR 1=1"}, workflows.Invalid},
			{workflows.AuditQuery{ActorKind: "everyone"}, workflows.Invalid},
			{workflows.AuditQuery{EventSlug: "winter"}, workflows.NotFound},
			{workflows.AuditQuery{ActorID: "nobody"}, workflows.NotFound},
		}
		for _, tt := range refused {
			if _, err := r.svc.AuditTrail.Log(t.Context(), r.olga, tt.q); workflows.KindOf(err) != tt.want {
				t.Errorf("%+v: %v, want kind %d", tt.q, err, tt.want)
			}
		}
		for _, v := range []workflows.Viewer{{}, r.ada, bob} {
			if _, err := r.svc.AuditTrail.Log(t.Context(), v, workflows.AuditQuery{}); workflows.KindOf(err) != workflows.Forbidden {
				t.Errorf("the audit log as %q: %v, want Forbidden", v.Email, err)
			}
		}
	})
}

// moveOnBoard gives the registration a card, as the runner does when
// trello.card succeeds, and drags it to list.
func (r *auditRig) moveOnBoard(t *testing.T, registrationID, list string) {
	t.Helper()
	must(t, r.db.InTx(t.Context(), func(tx workflows.Tx) error {
		return tx.Jobs.Enqueue(t.Context(), workflows.JobTrelloCard, registrationID, r.clock.Now())
	}))
	claimed, err := r.db.Claim(t.Context(), workflows.JobTrelloCard, 10, r.clock.Now(), time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %d, %v", len(claimed), err)
	}
	must(t, sqlstoretest.CompleteJob(t.Context(), r.db, claimed[0], "card-"+registrationID, r.clock.Now()))
	if out, err := r.svc.Reviews.MoveCard(t.Context(), "move-"+registrationID, "card-"+registrationID, list); err != nil || out != workflows.BoardMoved {
		t.Fatalf("move to %s: %s, %v", list, out, err)
	}
}
