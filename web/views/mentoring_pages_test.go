package views_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"registrar/web/views"
)

const evil = `<script>alert(1)</script>`

func steps() []views.StepItem {
	return []views.StepItem{
		{Key: "gerrit-account", Number: 1, Title: evil, Description: evil, DocURL: "https://docs.openstack.org/", Done: true,
			DoneOn: "3 Feb", Evidence: evil, Action: "/me/registrations/r1/steps/gerrit-account"},
		{Key: "first-change-submitted", Number: 2, Title: "Submit", Ask: "Link", Hint: "https://review.opendev.org/1",
			Value: evil, Error: evil, Action: "/me/registrations/r1/steps/first-change-submitted", Next: true},
		{Key: "git-review", Number: 3, Title: "git-review", Optional: true, Action: "/me/registrations/r1/steps/git-review"},
	}
}

func menteeCard() views.MenteeCardView {
	return views.MenteeCardView{PairingURL: "/mentor/pairings/p1", Name: evil, EventTitle: evil, Colour: "amber",
		ColourLabel: "Slowing", Reason: evil, Done: 3, Total: 10, Week: "2027-W05", WeekDates: "1–7 Feb 2027",
		Contact: views.ContactView{Name: evil, Email: "ada@example.org"}, LastCheckIn: "None yet",
		Form: views.CheckInForm{Action: "/mentor/pairings/p1/check-ins", Prefix: "ci-p1", CurrentWeek: "2027-W05", Week: "2027-W05",
			Notes: evil, Errors: map[string]string{"state": evil, "week": "Choose this week."}, Open: true}}
}

func states() []views.CheckInState {
	return []views.CheckInState{{Value: "on_track", Label: "On track"}, {Value: "blocked", Label: "Blocked"}}
}

// The mentoring pages escape what people typed, label every control, keep
// IDs unique, need no inline script or style, and never skip a heading level.
func TestMentoringPages(t *testing.T) {
	pages := map[string]templ.Component{
		"checklist": views.MyPage(views.MyPageView{Page: page(), Role: "student", Checklists: []views.ChecklistView{
			{EventTitle: evil, Done: 1, Total: 3, Mentor: &views.ContactView{Name: evil, Email: "grace@example.org", IRC: evil}, Steps: steps()}}}),
		"dashboard": views.MentorDashboard(views.MentorDashboardView{Page: page(), Mentees: []views.MenteeCardView{menteeCard()},
			States: states(), Tiles: []views.StatTile{{Label: "Mentees", Value: "1"}}}),
		"pairing": views.PairingPage(views.PairingView{Page: page(), Card: menteeCard(), Mentor: views.ContactView{Name: "Grace"},
			CheckIns: []views.CheckInRow{{Week: "2027-W04", State: "blocked", StateLabel: "Blocked", Notes: evil, NextSteps: evil, NeedsOrganizer: true}},
			Steps:    steps(), States: states()}),
		"steps": views.AdminStepsPage(views.AdminStepsView{Page: page(), EventTitle: evil, EventURL: "/admin/events/spring",
			Action: "/admin/events/spring/steps", Agreement: "dco", Agreements: []views.Option{{Value: "dco", Label: "DCO"}},
			Evidence: []views.Option{{Value: "", Label: "None"}, {Value: "change", Label: "Change"}},
			Rows:     []views.StepRowForm{{Key: "git-review", Position: "1", Title: evil, Errors: map[string]string{"title": evil}}},
			Errors:   map[string]string{"title.git-review": evil}}),
	}
	for name, c := range pages {
		t.Run(name, func(t *testing.T) {
			d, html := render(t, c)
			if strings.Contains(html, evil) || !strings.Contains(d.Text(), evil) {
				t.Error("typed text is not escaped, or was lost")
			}
			if d.Find("script, style, [style]").Length() != 0 {
				t.Error("inline script or style")
			}
			ids := map[string]bool{}
			d.Find("[id]").Each(func(_ int, s *goquery.Selection) {
				id, _ := s.Attr("id")
				if ids[id] {
					t.Errorf("id %q twice", id)
				}
				ids[id] = true
			})
			d.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
				if s.AttrOr("type", "") == "hidden" {
					return
				}
				id := s.AttrOr("id", "")
				if s.ParentsFiltered("label").Length() == 0 && (id == "" || d.Find(`label[for="`+id+`"]`).Length() == 0) {
					t.Errorf("%s %q has no label", goquery.NodeName(s), s.AttrOr("name", ""))
				}
			})
			last := 0
			d.Find("h1, h2, h3, h4").Each(func(_ int, s *goquery.Selection) {
				level := int(goquery.NodeName(s)[1] - '0')
				if level > last+1 {
					t.Errorf("heading %q at level %d after level %d", strings.TrimSpace(s.Text()), level, last)
				}
				last = level
			})
		})
	}
}
