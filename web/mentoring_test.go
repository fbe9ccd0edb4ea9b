package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"registrar/integrations/sqlstore/sqlstoretest"
	"registrar/workflows"
)

// mentoringApp is an app where ada (student) is paired with grace (mentor) in "big".
func mentoringApp(t *testing.T) (a *testApp, pairingID, adaReg string) {
	t.Helper()
	a = newTestApp(t, sqlstoretest.Open(t), 0)
	a.register(t, "spring", workflows.RoleStudent, "Ada Lovelace", "ada@example.org")
	a.register(t, "spring", workflows.RoleMentor, "Grace Hopper", "grace@example.org")
	pairingID, adaReg = a.pairIn(t, "big", "ada@example.org", "grace@example.org")
	return a, pairingID, adaReg
}

func TestMeSteps(t *testing.T) {
	a, _, adaReg := mentoringApp(t)
	ada := a.signIn(t, "ada@example.org")
	d := doc(t, ada.get(t, "/me"))
	if n := d.Find(`[data-testid="checklist"] [data-testid="step"]`).Length(); n != 10 {
		t.Fatalf("%d steps on /me, want the 10 of the OpenStack template", n)
	}
	if got := d.Find(`[data-testid="mentor-contact"]`).Text(); !strings.Contains(got, "Grace Hopper") || !strings.Contains(got, "grace@example.org") {
		t.Errorf("mentor contact = %q", got)
	}
	stepPath := func(key string) string { return "/me/registrations/" + adaReg + "/steps/" + key }
	tests := []struct {
		name   string
		path   string
		form   url.Values
		status int
	}{
		{"GitHub link as a change", stepPath("first-change-submitted"), url.Values{"done": {"1"}, "evidence": {"https://github.com/openstack/nova/pull/1"}}, 422},
		{"change as a task", stepPath("task-chosen"), url.Values{"done": {"1"}, "evidence": {"https://review.opendev.org/912345"}}, 422},
		{"done neither 1 nor 0", stepPath("git-review"), url.Values{"done": {"yes"}}, http.StatusBadRequest},
		{"unknown step", stepPath("no-such-step"), url.Values{"done": {"1"}}, http.StatusNotFound},
		{"someone else's registration", "/me/registrations/nope/steps/git-review", url.Values{"done": {"1"}}, http.StatusNotFound},
		{"Gerrit change", stepPath("first-change-submitted"), url.Values{"done": {"1"}, "evidence": {"https://review.opendev.org/c/openstack/nova/+/912345"}}, http.StatusSeeOther},
		{"a step without evidence", stepPath("git-review"), url.Values{"done": {"1"}}, http.StatusSeeOther},
		{"undone", stepPath("git-review"), url.Values{"done": {"0"}}, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ada.post(t, tt.path, tt.form)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			switch tt.status {
			case http.StatusSeeOther:
				if loc := w.Header().Get("Location"); loc != "/me" {
					t.Errorf("to %q, want /me", loc)
				}
			case 422: // the form again, the reason beside the step, the link kept
				d := doc(t, w)
				key := tt.path[strings.LastIndex(tt.path, "/")+1:]
				step := d.Find(`[data-testid="step"][data-key="` + key + `"]`)
				if step.Find(`[data-testid="error-evidence"]`).Length() != 1 {
					t.Error("no error beside the step")
				}
				if v, _ := step.Find(`input[name="evidence"]`).Attr("value"); v != tt.form.Get("evidence") {
					t.Errorf("evidence kept as %q, want %q", v, tt.form.Get("evidence"))
				}
			}
		})
	}
	d = doc(t, ada.get(t, "/me"))
	done := d.Find(`[data-testid="step"][data-done="true"]`)
	if done.Length() != 1 || done.AttrOr("data-key", "") != "first-change-submitted" {
		t.Errorf("%d steps done, want first-change-submitted only", done.Length())
	}
	if href, _ := done.Find(`[data-testid="evidence"] a`).Attr("href"); href != "https://review.opendev.org/c/openstack/nova/+/912345" {
		t.Errorf("evidence link = %q", href)
	}
}

func TestMentorCheckIns(t *testing.T) {
	a, pairingID, _ := mentoringApp(t)
	grace := a.signIn(t, "grace@example.org")
	d := doc(t, grace.get(t, "/mentor"))
	card := d.Find(`[data-testid="mentee"]`)
	// Paired this week: the first week's check-in is optional, not due.
	if card.Length() != 1 || !strings.Contains(card.Find(`[data-testid="this-week"]`).Text(), "First week: optional") {
		t.Fatalf("dashboard: %d mentees, this week %q; want ada, optional", card.Length(), card.Find(`[data-testid="this-week"]`).Text())
	}
	if c := card.AttrOr("data-colour", ""); c != "green" {
		t.Errorf("colour just after pairing = %q, want green (grace week)", c)
	}
	path := "/mentor/pairings/" + pairingID + "/check-ins"
	tests := []struct {
		name   string
		form   url.Values
		status int
		errors []string
	}{
		{"next week", url.Values{"week": {"2026-W11"}, "met": {"yes"}, "state": {"on_track"}}, 422, []string{"week"}},
		{"before the pairing", url.Values{"week": {"2026-W09"}, "met": {"yes"}, "state": {"on_track"}}, 422, []string{"week"}},
		{"nothing chosen", url.Values{}, 422, []string{"met", "state"}},
		{"this week", url.Values{"met": {"yes"}, "state": {"on_track"}, "notes": {"Set up git-review."}}, http.StatusSeeOther, nil},
		{"this week again", url.Values{"week": {"2026-W10"}, "met": {"no"}, "state": {"needs_help"}}, http.StatusSeeOther, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := grace.post(t, path, tt.form)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			if tt.status == http.StatusSeeOther && w.Header().Get("Location") != "/mentor" {
				t.Errorf("to %q, want /mentor", w.Header().Get("Location"))
			}
			form := doc(t, w).Find(`[data-testid="check-in-form"]`)
			for _, f := range tt.errors {
				if form.Find(`[data-testid="error-`+f+`"]`).Length() != 1 {
					t.Errorf("no error on %s in the form", f)
				}
			}
		})
	}
	if n, _ := sqlstoretest.CountRows(t.Context(), a.db, "check_ins"); n != 1 {
		t.Errorf("%d check-ins after two posts for one week, want 1", n)
	}
	d = doc(t, grace.get(t, "/mentor"))
	if got := d.Find(`[data-testid="this-week"]`).Text(); !strings.Contains(got, "Done") || !strings.Contains(got, "Needs help") {
		t.Errorf("this week after the check-in = %q, want done, needs help", got)
	}
	d = doc(t, grace.get(t, "/mentor/pairings/"+pairingID))
	if rows := d.Find(`[data-testid="check-in"]`); rows.Length() != 1 || rows.AttrOr("data-week", "") != "2026-W10" {
		t.Errorf("pairing page: %d check-ins, want one for 2026-W10", rows.Length())
	}
}

func TestAdminSteps(t *testing.T) {
	a := newTestApp(t, sqlstoretest.Open(t), 0)
	olga := a.signInOrganizer(t, "olga@example.org")
	d := doc(t, olga.get(t, "/admin/events/spring/steps"))
	if n := d.Find(`[data-testid="step-row"]`).Length(); n != 10 {
		t.Fatalf("%d step rows, want 10", n)
	}
	// The form as the browser would send it.
	form := url.Values{}
	d.Find(`[data-testid="steps-form"] input, [data-testid="steps-form"] select`).Each(func(_ int, in *goquery.Selection) {
		name, _ := in.Attr("name")
		value := in.AttrOr("value", "")
		if in.Is("select") {
			value = in.Find("option[selected]").AttrOr("value", "")
		}
		if in.AttrOr("type", "") == "checkbox" && !in.Is("[checked]") {
			return
		}
		form.Set(name, value)
	})
	if form.Get("agreement") != "dco" || form.Get("title.gerrit-account") == "" {
		t.Fatalf("form read from the page: %v", form)
	}
	form.Set("title.foundation-member", "Become a Foundation member")
	form.Set("doc_url.git-configured", "javascript:alert(1)")
	w := olga.post(t, "/admin/events/spring/steps", form)
	if w.Code != 422 {
		t.Fatalf("bad doc link: status %d, want 422", w.Code)
	}
	d = doc(t, w)
	row := d.Find(`[data-testid="step-row"][data-key="git-configured"]`)
	if row.Find(".cell-error").Length() != 1 || d.Find(`[data-testid="error-summary"]`).Length() != 1 {
		t.Error("no error beside the doc link, or no summary")
	}
	if v, _ := d.Find(`input[name="title.foundation-member"]`).Attr("value"); v != "Become a Foundation member" {
		t.Errorf("renamed title not kept: %q", v)
	}

	form.Set("doc_url.git-configured", "https://docs.openstack.org/contributors/common/git.html")
	form.Set("agreement", "icla")
	form.Set("position.foundation-member", "10")
	if w := olga.post(t, "/admin/events/spring/steps", form); w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/admin/events/spring/steps" {
		t.Fatalf("save: status %d to %q", w.Code, w.Header().Get("Location"))
	}
	w = olga.post(t, "/admin/events/spring/steps", url.Values{"action": {"add"}, "new_key": {"Blog Post"}, "new_title": {"Blog"}})
	if w.Code != 422 || doc(t, w).Find(`[data-testid="add-step-form"] [data-testid="error-new_key"]`).Length() != 1 {
		t.Errorf("bad key: status %d, want 422 with the error in the add form", w.Code)
	}
	if w := olga.post(t, "/admin/events/spring/steps", url.Values{"action": {"add"}, "new_key": {"blog-post"}, "new_title": {"Write a blog post"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("add: status %d", w.Code)
	}
	d = doc(t, olga.get(t, "/admin/events/spring/steps"))
	keys := d.Find(`[data-testid="step-row"]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("data-key", "") })
	if len(keys) != 11 || keys[9] != "foundation-member" || keys[10] != "blog-post" {
		t.Errorf("steps after the edits: %v", keys)
	}
	if v, _ := d.Find(`select[name="agreement"] option[selected]`).Attr("value"); v != "icla" {
		t.Errorf("agreement = %q, want icla", v)
	}
}
