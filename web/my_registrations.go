package web

import (
	"net/url"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// The viewer's areas and their registrations, shared by the people's own pages.

// areas lists the places the viewer can go, marking the one at here.
func areas(v workflows.Viewer, here string) []views.AreaLink {
	var out []views.AreaLink
	add := func(on bool, label, href string) {
		if on {
			out = append(out, views.AreaLink{Label: label, Href: href, Current: href == here})
		}
	}
	add(v.Organizer, "Organizer", "/admin")
	add(v.Mentor, "Mentoring", "/mentor")
	add(v.Student, "My registrations", "/me")
	return out
}

// areaOf names the area a path belongs to ("/admin", "/mentor", "/me"), or
// "" for public pages.
func areaOf(path string) string {
	for _, a := range []string{"/admin", "/mentor", "/me"} {
		if path == a || strings.HasPrefix(path, a+"/") {
			return a
		}
	}
	return ""
}

func myItem(r workflows.MyRegistration) views.MyRegistrationItem {
	it := views.MyRegistrationItem{ID: r.ID, EventTitle: r.Event.Title, EventURL: "/events/" + url.PathEscape(r.Event.Slug),
		Dates: workflows.FormatDates(r.Event), Location: r.Event.Location, Role: string(r.Role), Status: string(r.Status),
		StatusLabel: r.Status.PlaceLabel(r.Place), StatusText: r.Status.Explain(r.Role, r.Place), Place: r.Place}
	if r.CanWithdraw() {
		it.WithdrawAction = "/me/registrations/" + url.PathEscape(r.ID) + "/withdraw"
	}
	if r.Status == workflows.StatusPending {
		it.ResendAction = "/me/registrations/" + url.PathEscape(r.ID) + "/resend"
	}
	if r.Role == workflows.RoleMentor {
		it.MentorURL = "/mentor/events/" + url.PathEscape(r.Event.Slug)
		it.Projects, it.MaxMentees = r.Answers.Projects, r.Answers.MaxMentees
	}
	return it
}
