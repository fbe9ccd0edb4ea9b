package workflows

import "strconv"

// The one plain vocabulary for statuses: pages, emails, the CSV's
// status_label, the sheet and the board all say it this way, so a person
// and an organizer read the same words for the same state.

// Label names the status in plain words, e.g. "Confirmed — awaiting review".
func (s Status) Label() string {
	switch s {
	case StatusPending:
		return "Awaiting confirmation"
	case StatusConfirmed:
		return "Confirmed — awaiting review"
	case StatusAccepted:
		return "Accepted"
	case StatusWaitlisted:
		return "On the waitlist"
	case StatusActive:
		return "Mentoring"
	case StatusCompleted:
		return "Completed"
	case StatusWithdrawn:
		return "Withdrawn"
	}
	return string(s)
}

// PlaceLabel is Label with the place in line of a waitlisted registration
// when it is known (place > 0): "On the waitlist (3rd)".
func (s Status) PlaceLabel(place int) string {
	if s == StatusWaitlisted && place > 0 {
		return s.Label() + " (" + Ordinal(place) + ")"
	}
	return s.Label()
}

// Explain says, to the person a registration is about, what its status
// means and what happens next, in a sentence or two. place is the place in
// line of a waitlisted registration (0 when unknown).
func (s Status) Explain(role Role, place int) string {
	switch s {
	case StatusPending:
		return "We have not seen your address confirmed yet. Open the link we emailed you to take your place; until then no seat is held for you."
	case StatusConfirmed:
		return "Your address is confirmed and a seat is held for you. An organizer reviews your registration next and we email you the decision."
	case StatusAccepted:
		if role == RoleMentor {
			return "You are accepted as a mentor. Next, organizers pair you with students and we email you their names."
		}
		return "You are accepted. Next, organizers pair you with a mentor and we email you who it is."
	case StatusWaitlisted:
		line := "You are on the waitlist."
		if place > 0 {
			line = "You are " + Ordinal(place) + " in line."
		}
		return line + " If a seat frees up, we will email you and you are in."
	case StatusActive:
		if role == RoleMentor {
			return "You are mentoring. Record a check-in with each mentee every week."
		}
		return "You are paired with a mentor. Work through your checklist below; your mentor meets you each week."
	case StatusCompleted:
		return "You completed this training. Well done! There is nothing more to do."
	case StatusWithdrawn:
		return "Your registration is withdrawn and holds no seat. If that is a mistake, contact the event's organizers."
	}
	return ""
}

// Ordinal writes 1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st.
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}
