package emails

import (
	"strings"

	"registrar/workflows"
)

// PairingIntro introduces a student and a mentor to each other: who the
// other is, how to reach them, the hours they share and what to do first.
func (r *Renderer) PairingIntro(d workflows.PairingIntroEmail) (workflows.EmailContent, error) {
	subject := "Meet your mentor, " + d.Other.Name
	if d.Role == workflows.RoleMentor {
		subject = "Meet your mentee, " + d.Other.Name
	}
	m := r.meta(subject, "How to reach "+d.Other.Name+", the hours you share and what to do first.",
		"You received this email because an organizer of "+d.EventTitle+" paired you. It is part of the programme, not a newsletter.")
	link := r.baseURL + d.Path
	return render(m, pairingIntroHTML(m, d, link), pairingIntroText(m, d, link))
}

func introLead(d workflows.PairingIntroEmail) string {
	if d.Role == workflows.RoleMentor {
		return d.Other.Name + " is your mentee in " + d.EventTitle + ". Thank you for guiding them to their first merged change."
	}
	return d.Other.Name + " is your mentor in " + d.EventTitle + ": an experienced contributor who meets you each week until your first change is merged."
}

func introRows(d workflows.PairingIntroEmail) [][2]string {
	rows := [][2]string{{"Name", d.Other.Name}, {"Email", d.Other.Email}}
	if d.Other.IRC != "" {
		rows = append(rows, [2]string{"IRC", d.Other.IRC})
	}
	rows = append(rows, [2]string{"Time zone", d.Other.Timezone})
	shared := d.SharedHours
	if shared == "" {
		shared = "None between 09:00 and 17:00: agree a time that suits you both."
	}
	rows = append(rows, [2]string{"Working hours you share", shared})
	if p := strings.TrimSpace(d.Other.Project); p != "" {
		label := "Project"
		if d.Role == workflows.RoleStudent {
			label = "Mentors in"
		}
		rows = append(rows, [2]string{label, p})
	}
	return rows
}

func introSteps(d workflows.PairingIntroEmail) []step {
	out := make([]step, 0, len(d.FirstSteps))
	for i, s := range d.FirstSteps {
		title := []string{"Say hello", "Get going", "Keep in touch"}[min(i, 2)]
		out = append(out, step{Title: title, Body: s})
	}
	return out
}

func introButton(d workflows.PairingIntroEmail) string {
	if d.Role == workflows.RoleMentor {
		return "Open your mentor page"
	}
	return "Open your checklist"
}
