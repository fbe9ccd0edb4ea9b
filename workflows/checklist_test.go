package workflows_test

import (
	"testing"

	"registrar/integrations/sqlstore"
	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

const change = "https://review.opendev.org/c/openstack/nova/+/912345"

func TestStepsEvidenceAndCompletion(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		m := newMentoring(t, newFixture(t, db), "spring", "Europe/Berlin")
		ctx, c := t.Context(), m.svc.Checklists

		// Evidence is checked per step: a GitHub link is no Gerrit change.
		_, err := c.MarkOwn(ctx, m.student, m.studentID, workflows.StepFirstChangeSubmitted,
			workflows.StepMark{Done: true, Evidence: "https://github.com/openstack/nova/pull/1"})
		if workflows.FieldErrors(err)["evidence"] == "" {
			t.Fatalf("GitHub link as a change: %v, want an evidence field error", err)
		}
		_, err = c.MarkOwn(ctx, m.student, m.studentID, workflows.StepTaskChosen, workflows.StepMark{Done: true, Evidence: change})
		if workflows.FieldErrors(err)["evidence"] == "" {
			t.Fatalf("Gerrit change as a task: %v, want an evidence field error", err)
		}
		if n := m.count(t, "step_progress"); n != 0 {
			t.Fatalf("%d steps stored after refused evidence, want 0", n)
		}

		out, err := c.MarkOwn(ctx, m.student, m.studentID, workflows.StepFirstChangeSubmitted, workflows.StepMark{Done: true, Evidence: change})
		if err != nil || !out.Done || out.Completed {
			t.Fatalf("mark submitted: %+v, %v", out, err)
		}
		if n := m.count(t, "activity"); n != 1 {
			t.Errorf("%d activity lines after one step, want 1", n)
		}
		// Ticking it again changes nothing new: still one activity line.
		if _, err := c.MarkOwn(ctx, m.student, m.studentID, workflows.StepFirstChangeSubmitted, workflows.StepMark{Done: true, Evidence: change}); err != nil {
			t.Fatal(err)
		}
		if n := m.count(t, "activity"); n != 1 {
			t.Errorf("%d activity lines after ticking a done step again, want 1", n)
		}

		// Someone else's registration does not exist for this student.
		other := m.viewer(t, m.studentID)
		other.PersonID = "someone-else"
		if _, err := c.MarkOwn(ctx, other, m.studentID, workflows.StepGitReview, workflows.StepMark{Done: true}); workflows.KindOf(err) != workflows.NotFound {
			t.Errorf("another student's registration: %v, want NotFound", err)
		}

		// The mentor marks the merge without pasting the link: the submitted change is the evidence.
		out, err = c.MarkMentee(ctx, m.mentor, m.pairingID, workflows.StepFirstChangeMerged, workflows.StepMark{Done: true})
		if err != nil || !out.Completed {
			t.Fatalf("mark merged: %+v, %v", out, err)
		}
		if s := m.status(t, m.studentID); s != workflows.StatusCompleted {
			t.Errorf("status after the merge = %s, want completed", s)
		}
		for _, addr := range []string{"ada-spring@example.org", "grace-spring@example.org"} {
			if n := m.emailsOfKind(t, addr, workflows.EmailCompleted); n != 1 {
				t.Errorf("%d congratulation emails to %s, want 1", n, addr)
			}
		}
		list, err := m.svc.Homes.Student(ctx, m.student)
		if err != nil || len(list) != 1 || list[0].Checklist == nil {
			t.Fatalf("student home: %+v, %v", list, err)
		}
		cl := list[0].Checklist
		if cl.Done != 2 || cl.Mentor == nil || cl.Mentor.ID != m.mentorID {
			t.Errorf("checklist: %d done, mentor %v; want 2 done and the mentor", cl.Done, cl.Mentor)
		}
		for _, s := range cl.Steps {
			if s.Key == workflows.StepFirstChangeMerged && (s.Progress.Evidence != change || s.Progress.VerifiedBy != m.mentor.PersonID) {
				t.Errorf("merged step: %+v, want the change as evidence, verified by the mentor", s.Progress)
			}
		}

		// Unticking the merge reopens the registration.
		if _, err := c.MarkOwn(ctx, m.student, m.studentID, workflows.StepFirstChangeMerged, workflows.StepMark{}); err != nil {
			t.Fatal(err)
		}
		if s := m.status(t, m.studentID); s != workflows.StatusActive {
			t.Errorf("status after unticking the merge = %s, want active", s)
		}
	})
}

func TestMarkMenteeAuthorization(t *testing.T) {
	m := newMentoring(t, newFixture(t, sqlstoretest.Open(t)), "spring", "UTC")
	otherMentor := m.viewer(t, m.registered(t, "spring", workflows.RoleMentor, "linus@example.org"))
	tests := []struct {
		name string
		v    workflows.Viewer
		want workflows.Kind
	}{
		{"another mentor", otherMentor, workflows.NotFound},
		{"the student", m.student, workflows.Forbidden},
		{"anonymous", workflows.Viewer{}, workflows.Forbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := m.svc.Checklists.MarkMentee(t.Context(), tt.v, m.pairingID, workflows.StepGitReview, workflows.StepMark{Done: true})
			if workflows.KindOf(err) != tt.want {
				t.Errorf("MarkMentee as %s: %v, want %s", tt.name, err, tt.want)
			}
		})
	}
	if _, err := m.svc.Checklists.MarkMentee(t.Context(), m.organizer, m.pairingID, workflows.StepGitReview, workflows.StepMark{Done: true}); err != nil {
		t.Errorf("MarkMentee as an organizer: %v", err)
	}
}
