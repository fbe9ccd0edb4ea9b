package emails

import "registrar/workflows"

// Completed congratulates a student or their mentor on a first merged change.
func (r *Renderer) Completed(d workflows.CompletionEmail) (workflows.EmailContent, error) {
	subject := "Your first change is merged!"
	if d.Role == workflows.RoleMentor {
		subject = d.StudentName + "'s first change is merged"
	}
	m := r.meta(subject, "The last step of the "+d.EventTitle+" checklist is done.",
		"You received this email because you take part in "+d.EventTitle+".")
	link := r.baseURL + d.Path
	return render(m, completedHTML(m, d, link), completedText(m, d, link))
}

// CheckInAlert tells an organizer that a pairing needs them.
func (r *Renderer) CheckInAlert(d workflows.CheckInAlertEmail) (workflows.EmailContent, error) {
	m := r.meta(d.StudentName+" needs an organizer ("+d.EventTitle+")", d.MentorName+"'s check-in for "+string(d.Week)+": "+d.State+".",
		"You received this email because you organize "+d.EventTitle+".")
	link := r.baseURL + d.Path
	return render(m, checkInAlertHTML(m, d, link), checkInAlertText(m, d, link))
}

func completionRows(d workflows.CompletionEmail) [][2]string {
	rows := [][2]string{{"Event", d.EventTitle}, {"Student", d.StudentName}, {"Mentor", d.MentorName}}
	if d.ChangeURL != "" {
		rows = append(rows, [2]string{"Change", d.ChangeURL})
	}
	return rows
}

func whatNow(r workflows.Role) string {
	if r == workflows.RoleMentor {
		return "Your mentee's registration is marked completed. If you have room for another mentee, tell the organizers."
	}
	return "Keep going: pick another bug, review other people's changes, and join your project's weekly meeting. Your mentor is still there to help."
}

func alertLead(d workflows.CheckInAlertEmail) string {
	switch {
	case d.NeedsOrganizer && d.State == "Blocked":
		return d.MentorName + " reports that " + d.StudentName + " is blocked and asks an organizer to step in."
	case d.NeedsOrganizer:
		return d.MentorName + " asks an organizer to step in for " + d.StudentName + "."
	default:
		return d.MentorName + " reports that " + d.StudentName + " is blocked."
	}
}

func alertRows(d workflows.CheckInAlertEmail) [][2]string {
	return [][2]string{{"Event", d.EventTitle}, {"Student", d.StudentName}, {"Mentor", d.MentorName},
		{"Week", string(d.Week)}, {"State", d.State}}
}
