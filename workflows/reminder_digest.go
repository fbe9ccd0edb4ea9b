package workflows

import (
	"fmt"
	"html"
	"strings"
)

// DigestFacts is what the organizers' weekly digest counts.
type DigestFacts struct {
	NewSignups  int
	Waitlisted  int
	Pending     int
	FailedJobs  int
	RedStudents int // active, no progress for more than 14 days
	// NeedOrganizer counts pairings whose check-in this week asked for one.
	NeedOrganizer int
}

// Lines says the facts in sentences.
func (d DigestFacts) Lines() []string {
	return []string{
		fmt.Sprintf("%d new sign-ups in the last seven days", d.NewSignups),
		fmt.Sprintf("%d people on the waitlist", d.Waitlisted),
		fmt.Sprintf("%d sign-ups not yet confirmed", d.Pending),
		fmt.Sprintf("%d students without progress for two weeks", d.RedStudents),
		fmt.Sprintf("%d pairings that asked for an organizer", d.NeedOrganizer),
		fmt.Sprintf("%d sync jobs failing", d.FailedJobs),
	}
}

// recipientVars are one member's values for the batch placeholders.
func recipientVars(sendID, name, email, link, unsubscribe string) map[string]string {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	if first == "" {
		first = "there"
	}
	return map[string]string{"send_id": sendID, "name": name, "first_name": first, "email": email,
		"name_html": html.EscapeString(name), "first_name_html": html.EscapeString(first),
		"link": link, "unsubscribe_url": unsubscribe}
}
