package views_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"registrar/web/views"
)

// A form re-rendered with errors stays accessible: its error summary never
// skips a heading level (it follows the page's h1 on the sign-in and event
// forms), every summary link points at a control on the page, and every
// control keeps its label.
func TestFormPagesWithErrors(t *testing.T) {
	ev := eventView()
	ev.Student = form("student", map[string]string{"timezone": "UTC"}, map[string]string{"name": "Enter your name.", "email": "Enter an email address."}, true)
	pages := map[string]templ.Component{
		"sign in": views.LoginPage(views.LoginView{Page: page(), Email: "nope", Errors: map[string]string{"email": "Enter an email address."}}),
		"new event": views.EventFormPage(views.EventFormView{Page: page(), Action: "/admin/events", Timezones: []string{"UTC"},
			Errors: map[string]string{"title": "Enter a title.", "slug": "Use lowercase letters."}}),
		"edit event": views.EventFormPage(views.EventFormView{Page: page(), Editing: true, Action: "/admin/events/spring",
			Event: views.AdminEventRow{Title: "Spring"}, Timezones: []string{"UTC"}, Errors: map[string]string{"title": "Enter a title."}}),
		"sign up": views.EventPage(ev),
		"edit person": views.PersonEditPage(views.PersonEditView{Page: page(), Name: "Ada", BackURL: "/admin/people/p1", Action: "/admin/people/p1",
			Values: map[string]string{"email": "bob@example.org"}, Timezones: []string{"UTC"},
			Errors: map[string]string{"name": "Enter their name.", "email": "Another person has this address."}}),
	}
	for name, c := range pages {
		t.Run(name, func(t *testing.T) {
			d, _ := render(t, c)
			if d.Find(testid("error-summary")).Length() != 1 {
				t.Fatal("no error summary")
			}
			last := 0
			d.Find("h1, h2, h3, h4, h5, h6").Each(func(_ int, s *goquery.Selection) {
				level := int(goquery.NodeName(s)[1] - '0')
				if level > last+1 {
					t.Errorf("heading %q at level %d after level %d", strings.TrimSpace(s.Text()), level, last)
				}
				last = level
			})
			d.Find(testid("error-summary") + " a").Each(func(_ int, s *goquery.Selection) {
				if href := s.AttrOr("href", ""); d.Find(href).Length() != 1 {
					t.Errorf("summary link %q points at no control", href)
				}
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
		})
	}
}
