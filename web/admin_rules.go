package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"registrar/web/views"
	"registrar/workflows"
)

// handleAdminRuleUpdate pauses, resumes or rewords a reminder rule.
func (s *Server) handleAdminRuleUpdate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	f := r.PostForm
	days, _ := strconv.Atoi(f.Get("offset_days"))
	hours, _ := strconv.Atoi(f.Get("offset_hours"))
	in := workflows.RuleInput{Paused: f.Get("paused") == "on", Subject: f.Get("subject"), Body: f.Get("body"),
		OffsetDays: days, OffsetHours: hours, At: f.Get("at"), Weekday: weekdayNumber(f.Get("weekday"))}
	slug, id := r.PathValue("slug"), r.PathValue("id")
	err := s.Messages.UpdateRule(r.Context(), viewer(r), slug, id, in)
	if fields := workflows.FieldErrors(err); fields != nil {
		errs := map[string]string{}
		for k, v := range fields {
			errs[id+"-"+k] = v
		}
		s.renderMessages(w, r, http.StatusUnprocessableEntity, messageForm{}, id, errs)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, "The reminder rule is saved.")
	http.Redirect(w, r, "/admin/events/"+url.PathEscape(slug)+"/messages", http.StatusSeeOther)
}

// handleAdminRulePreviewHTML is a rule's HTML part for a sample recipient,
// framed by the messages page and sandboxed like the dev mailbox.
func (s *Server) handleAdminRulePreviewHTML(w http.ResponseWriter, r *http.Request) {
	o, err := s.Messages.Overview(r.Context(), viewer(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, ro := range o.Rules {
		if ro.ID == r.PathValue("id") {
			writeMailHTML(w, ro.Preview.HTML)
			return
		}
	}
	s.fail(w, r, workflows.E(workflows.NotFound, "There is no such reminder rule."))
}

// writeMailHTML serves an email's HTML part to be framed by our own page:
// sandboxed, no script, inline styles allowed.
func writeMailHTML(w http.ResponseWriter, html string) {
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte(html))
}

var ruleTitles = map[workflows.RuleKind]string{workflows.RuleEventSoon: "Event soon", workflows.RuleUnconfirmed: "Unconfirmed sign-up",
	workflows.RuleCheckInDue: "Check-in due", workflows.RuleStudentNudge: "Student nudge", workflows.RuleOrganizerDigest: "Organizer digest"}

func ruleItem(v workflows.Viewer, slug string, ro workflows.RuleOverview) views.RuleItem {
	r := ro.Rule
	at := fmt.Sprintf("%02d:%02d", r.AtMinute/60, r.AtMinute%60)
	item := views.RuleItem{ID: r.ID, Kind: string(r.Kind), Title: ruleTitles[r.Kind], Paused: r.Paused, State: "active",
		Reach: len(ro.Reach), Missed: ro.Counts[workflows.SendMissed],
		Sent:           ro.Counts[workflows.SendSent] + ro.Counts[workflows.SendDelivered] + ro.Counts[workflows.SendFailed] + ro.Counts[workflows.SendComplained],
		PreviewURL:     "/admin/events/" + url.PathEscape(slug) + "/rules/" + url.PathEscape(r.ID) + "/preview.html",
		PreviewSubject: ro.Preview.Subject, PreviewText: ro.Preview.Text,
		Action:  "/admin/events/" + url.PathEscape(slug) + "/rules/" + url.PathEscape(r.ID),
		Subject: r.Subject, Body: r.Body, OffsetDays: strconv.Itoa(r.OffsetDays), OffsetHrs: strconv.Itoa(r.OffsetHours),
		At: at, Weekday: r.Weekday.String()}
	if r.Paused {
		item.State = "paused"
	}
	zone := "in the event's zone"
	if ro.OwnZone {
		zone = "in each person's own zone"
	}
	switch r.Kind {
	case workflows.RuleEventSoon:
		item.When, item.ShowDays, item.ShowAt = fmt.Sprintf("%d days before the start at %s %s", r.OffsetDays, at, zone), true, true
	case workflows.RuleUnconfirmed:
		item.When, item.ShowHours = fmt.Sprintf("%d hours after each sign-up that is still unconfirmed, once", r.OffsetHours), true
	case workflows.RuleStudentNudge:
		item.When, item.ShowAt = fmt.Sprintf("at %s %s, at most once a week, to students without progress for %d days", at, zone, r.OffsetDays), true
	default:
		item.When, item.ShowWeekday, item.ShowAt = fmt.Sprintf("every %s at %s %s", r.Weekday, at, zone), true, true
	}
	if !ro.NextRun.IsZero() {
		item.NextLocal = ro.NextRun.In(workflows.LoadZone(ro.Event.Timezone)).Format("Mon 2 Jan 2006, 15:04 MST")
		item.NextUTC = ro.NextRun.UTC().Format("15:04 UTC")
	}
	for i, c := range ro.Reach {
		if i == 12 {
			item.More = len(ro.Reach) - i
			break
		}
		item.Names = append(item.Names, c.Name)
	}
	_ = v
	return item
}

// weekdayNumber reads a weekday's English name; unknown names are -1, which
// the rule refuses.
func weekdayNumber(name string) int {
	for d := time.Sunday; d <= time.Saturday; d++ {
		if d.String() == name {
			return int(d)
		}
	}
	return -1
}
