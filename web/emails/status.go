package emails

import "registrar/workflows"

// statusMessage is what a status email says, in the order it says it.
type statusMessage struct {
	Subject, Preheader string
	Lead               string   // what happened
	Reason             string   // the organizer's reason, quoted; "" when none
	Next               []string // what happens next
	Button             string
}

// StatusChange tells a person what became of their registration: an
// organizer's decision, a seat from the waitlist, or their own withdrawal.
// The status is named in the words every page uses.
func (r *Renderer) StatusChange(d workflows.StatusEmail) (workflows.EmailContent, error) {
	msg := statusText(d)
	m := r.meta(msg.Subject, msg.Preheader, "You received this email because your registration for "+d.EventTitle+" changed.")
	return render(m, statusHTML(m, d, msg), statusPlain(m, d, msg))
}

func statusText(d workflows.StatusEmail) statusMessage {
	ev, role := d.EventTitle, string(d.Role)
	msg := statusMessage{Button: "See your registration"}
	switch d.Kind {
	case workflows.EmailAccepted:
		msg.Subject, msg.Preheader = "You're accepted for "+ev, "An organizer accepted your registration."
		msg.Lead = "Good news: an organizer accepted your registration as a " + role + " for " + ev + "."
		msg.Next = []string{nextStep(d.Role)}
	case workflows.EmailPromoted:
		msg.Subject, msg.Preheader = "A seat is yours in "+ev, "You were on the waitlist. Now you are in."
		if d.Status == workflows.StatusAccepted {
			msg.Lead = "Good news: an organizer gave you a seat from the waitlist. You are accepted as a " + role + " for " + ev + "."
			msg.Next = []string{nextStep(d.Role)}
		} else {
			msg.Lead = "Good news: a seat freed up in " + ev + " and you were first in line, so it is yours."
			msg.Next = []string{"An organizer reviews your registration next and we email you the decision. There is nothing you need to do."}
		}
	case workflows.EmailMovedToWaitlist:
		msg.Subject, msg.Preheader = "You're on the waitlist for "+ev, "An organizer moved your registration to the waitlist."
		msg.Lead = "An organizer moved your registration as a " + role + " for " + ev + " to the waitlist."
		line := "You are at the end of the line."
		if d.Place > 0 {
			line = "You are " + workflows.Ordinal(d.Place) + " in line."
		}
		msg.Next = []string{line + " If a seat frees up, we will email you and you are in. There is nothing you need to do."}
	case workflows.EmailWithdrawn:
		msg.Subject, msg.Preheader = "Your registration for "+ev+" is withdrawn", "An organizer withdrew your registration."
		msg.Lead = "An organizer withdrew your registration as a " + role + " for " + ev + ". You no longer hold a seat."
		msg.Reason = d.Reason
		msg.Next = []string{"If you think this is a mistake, contact the event's organizers."}
	default: // workflows.EmailWithdrawnOwn
		msg.Subject, msg.Preheader = "You withdrew from "+ev, "This confirms your withdrawal."
		msg.Lead = "This confirms that you withdrew your registration as a " + role + " for " + ev + "."
		msg.Next = []string{"If you held a seat, it goes to the next person in line. Thank you for letting us know.",
			"If you did not withdraw, contact the event's organizers."}
	}
	return msg
}

// statusRows are the facts of a status email: the event and the status in
// plain words.
func statusRows(d workflows.StatusEmail) [][2]string {
	return append(eventRows(d.SignupEmail), [2]string{"Status", d.StatusLabel})
}
