package views_test

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/web/views"
)

// TestDescriptionPlainText renders an event description as organizers type
// it: paragraphs at blank lines, bare http(s) URLs as links, every other
// character as text (no markup, no other schemes).
func TestDescriptionPlainText(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		paras []string // each paragraph's text
		links []string // hrefs, in order
	}{
		{"paragraphs", "One.\n\nTwo,\nthree.\n\n\n\nFour.", []string{"One.", "Two,three.", "Four."}, nil},
		{"script tag stays text", "<script>alert(1)</script> hi", []string{"<script>alert(1)</script> hi"}, nil},
		{"html stays text", `<a href="https://evil.example">x</a> <img src=x onerror=alert(1)>`, []string{`<a href="https://evil.example">x</a> <img src=x onerror=alert(1)>`}, []string{"https://evil.example"}},
		{"javascript: not linked", "Click javascript:alert(1) or JavaScript://%0aalert(1)", []string{"Click javascript:alert(1) or JavaScript://%0aalert(1)"}, nil},
		{"data: not linked", "data:text/html;base64,PHNjcmlwdD4=", []string{"data:text/html;base64,PHNjcmlwdD4="}, nil},
		{"markdown stays text", "[click](https://example.org) **bold**", []string{"[click](https://example.org) **bold**"}, []string{"https://example.org"}},
		{"link in a sentence", "Slides: https://example.org/slides. Bring them.", []string{"Slides: https://example.org/slides. Bring them."}, []string{"https://example.org/slides"}},
		{"link in brackets", "(see https://en.wikipedia.org/wiki/Go_(language))", []string{"(see https://en.wikipedia.org/wiki/Go_(language))"}, []string{"https://en.wikipedia.org/wiki/Go_(language)"}},
		{"quote ends a link", `https://example.org/a"onmouseover="alert(1)`, []string{`https://example.org/a"onmouseover="alert(1)`}, []string{"https://example.org/a"}},
		{"http and upper case", "http://example.org and HTTPS://EXAMPLE.ORG/X", []string{"http://example.org and HTTPS://EXAMPLE.ORG/X"}, []string{"http://example.org", "HTTPS://EXAMPLE.ORG/X"}},
		{"no host", "https:// and https:///path", []string{"https:// and https:///path"}, nil},
		{"two links on two lines", "https://a.example\nhttps://b.example/?q=1&r=2", []string{"https://a.examplehttps://b.example/?q=1&r=2"}, []string{"https://a.example", "https://b.example/?q=1&r=2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := eventView()
			v.Content = views.EventContent{Description: tt.in}
			d, html := render(t, views.EventPage(v))
			section := d.Find(testid("description"))
			if section.Find("script, img, b, strong").Length() != 0 {
				t.Fatalf("description made markup: %s", html)
			}
			var paras []string
			section.Find("p").Each(func(_ int, p *goquery.Selection) { paras = append(paras, p.Text()) })
			if strings.Join(paras, "|") != strings.Join(tt.paras, "|") {
				t.Errorf("paragraphs = %q, want %q", paras, tt.paras)
			}
			var links []string
			section.Find("a").Each(func(_ int, a *goquery.Selection) {
				links = append(links, a.AttrOr("href", ""))
				if a.Text() != a.AttrOr("href", "") {
					t.Errorf("link text %q differs from its address %q", a.Text(), a.AttrOr("href", ""))
				}
			})
			if strings.Join(links, " ") != strings.Join(tt.links, " ") {
				t.Errorf("links = %q, want %q", links, tt.links)
			}
			if strings.Contains(tt.in, "\n") && !strings.Contains(tt.in, "\n\n") && section.Find("br").Length() != strings.Count(tt.in, "\n") {
				t.Errorf("line breaks: %d <br>, want %d", section.Find("br").Length(), strings.Count(tt.in, "\n"))
			}
		})
	}
}

func TestEventContentSectionsOnlyWhenFilled(t *testing.T) {
	d, _ := render(t, views.EventPage(eventView()))
	for _, id := range []string{"description", "agenda", "venue", "prerequisites", "contact", "privacy", "waitlist-notice"} {
		if d.Find(testid(id)).Length() != 0 {
			t.Errorf("empty content shows the %s section", id)
		}
	}
	v := eventView()
	v.Content = views.EventContent{Agenda: "09:00 Welcome", ContactEmail: "team@example.org"}
	v.Privacy = []views.DataPlace{{Name: "Registrar (this site)", What: "keeps your answers."}}
	d, _ = render(t, views.EventPage(v))
	for id, want := range map[string]int{"agenda": 1, "contact": 1, "privacy": 1, "description": 0, "venue": 0} {
		if got := d.Find(testid(id)).Length(); got != want {
			t.Errorf("%s sections = %d, want %d", id, got, want)
		}
	}
	if d.Find(testid("contact")+` a[href^="https://"]`).Length() != 0 {
		t.Error("a contact without a code of conduct links one")
	}
}
