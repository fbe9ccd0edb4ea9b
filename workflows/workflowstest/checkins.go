package workflowstest

import (
	"fmt"

	"registrar/workflows"
)

func (Renderer) Completed(d workflows.CompletionEmail) (workflows.EmailContent, error) {
	body := fmt.Sprintf("completed: %s (%s), %s with %s in %s. %s", d.Name, d.Role, d.StudentName, d.MentorName, d.EventTitle, d.Path)
	return workflows.EmailContent{Subject: "completed " + d.StudentName, HTML: "<p>" + body + "</p>", Text: body}, nil
}

func (Renderer) CheckInAlert(d workflows.CheckInAlertEmail) (workflows.EmailContent, error) {
	body := fmt.Sprintf("alert: %s, %s with %s in %s, week %s, %s. %s", d.Name, d.StudentName, d.MentorName, d.EventTitle, d.Week, d.State, d.Path)
	return workflows.EmailContent{Subject: "alert " + d.StudentName, HTML: "<p>" + body + "</p>", Text: body}, nil
}
