package emails_test

import (
	"strings"
	"testing"

	"registrar/web/emails"
	"registrar/workflows"
)

func TestMentoringEmails(t *testing.T) {
	r := emails.New("https://registrar.test/")
	tests := []struct {
		name    string
		render  func() (workflows.EmailContent, error)
		subject string
		link    string
		says    []string
	}{
		{"completed, student", func() (workflows.EmailContent, error) {
			return r.Completed(workflows.CompletionEmail{Name: "Ada <b>Lovelace</b>", Role: workflows.RoleStudent, StudentName: "Ada <b>Lovelace</b>",
				MentorName: "Grace Hopper", EventTitle: "Spring training", ChangeURL: "https://review.opendev.org/912345", Path: "/me"})
		}, "Your first change is merged!", "https://registrar.test/me",
			[]string{"Hello Ada <b>Lovelace</b>,", "Your first change is merged", "Grace Hopper", "https://review.opendev.org/912345"}},
		{"completed, mentor", func() (workflows.EmailContent, error) {
			return r.Completed(workflows.CompletionEmail{Name: "Grace Hopper", Role: workflows.RoleMentor, StudentName: "Ada <b>Lovelace</b>",
				MentorName: "Grace Hopper", EventTitle: "Spring training", Path: "/mentor"})
		}, "Ada <b>Lovelace</b>'s first change is merged", "https://registrar.test/mentor",
			[]string{"Ada <b>Lovelace</b>'s first change is merged. Thank you", "marked completed"}},
		{"check-in alert", func() (workflows.EmailContent, error) {
			return r.CheckInAlert(workflows.CheckInAlertEmail{Name: "Olga", StudentName: "Ada <b>Lovelace</b>", MentorName: "Grace Hopper",
				EventTitle: "Spring training", Week: "2027-W05", State: "Blocked", NeedsOrganizer: true, Notes: "Gerrit refuses her key.",
				NextSteps: "Pair on SSH setup.", Path: "/mentor/pairings/p1"})
		}, "Ada <b>Lovelace</b> needs an organizer (Spring training)", "https://registrar.test/mentor/pairings/p1",
			[]string{"Grace Hopper reports that Ada <b>Lovelace</b> is blocked and asks an organizer to step in", "2027-W05",
				"Gerrit refuses her key.", "Pair on SSH setup.", "once per pairing and week"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.render()
			if err != nil {
				t.Fatal(err)
			}
			checkParts(t, c, tt.subject, tt.link, tt.says)
			if strings.Contains(c.HTML, "<b>") {
				t.Error("markup in a name is not escaped in the HTML part")
			}
		})
	}
}
