package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminPersonShow(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	rec, err := s.PeopleAdmin.Person(r.Context(), v, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.PersonPage(s.personView(r, v, rec)))
}

// handleAdminPersonExport downloads everything held about a person as JSON.
func (s *Server) handleAdminPersonExport(w http.ResponseWriter, r *http.Request) {
	out, err := s.PeopleAdmin.ExportPerson(r.Context(), viewer(r), r.PathValue("id"))
	if errors.Is(err, workflows.ErrSignInAgain) {
		s.signInAgain(w, r, personPath(r.PathValue("id")))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="person-`+out.Person.ID+`.json"`)
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		s.Log.WarnContext(r.Context(), "write person export", "err", err)
	}
}

func (s *Server) handleAdminPersonErase(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	v, id, confirm := viewer(r), r.PathValue("id"), r.PostForm.Get("confirm")
	rep, err := s.PeopleAdmin.Erase(r.Context(), v, id, confirm)
	if errors.Is(err, workflows.ErrSignInAgain) {
		s.signInAgain(w, r, personPath(id))
		return
	}
	if fields := workflows.FieldErrors(err); fields != nil {
		rec, err := s.PeopleAdmin.Person(r.Context(), v, id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		page := s.personView(r, v, rec)
		page.EraseValue, page.EraseError = confirm, fields["confirm"]
		s.render(w, r, http.StatusUnprocessableEntity, views.PersonPage(page))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, fmt.Sprintf("Erased the person and their %d registrations; %d deletions are queued in other systems.",
		rep.Registrations, len(rep.Jobs))+promotedText(rep.Promoted))
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

func (s *Server) handleAdminJobRetry(w http.ResponseWriter, r *http.Request) {
	kind := workflows.JobKind(r.PathValue("kind"))
	personID, err := s.PeopleAdmin.RetryJob(r.Context(), viewer(r), kind, r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, jobTarget(kind)+": queued to run again now.")
	to := "/admin"
	if personID != "" {
		to = personPath(personID)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func (s *Server) personView(r *http.Request, v workflows.Viewer, rec workflows.PersonRecord) views.PersonView {
	p := rec.Person
	page := views.PersonView{Page: s.page(r, p.Name), Nav: adminNav(v, "events"), ID: p.ID, Name: p.Name, Email: p.Email,
		Organizer: p.Organizer, Undeliverable: p.Undeliverable,
		EditURL: personPath(p.ID) + "/edit", ExportURL: personPath(p.ID) + "/export.json", EraseAction: personPath(p.ID) + "/erase",
		Facts: []views.Fact{{Label: "Company", Value: p.Company}, {Label: "IRC or Matrix", Value: p.IRC},
			{Label: "Time zone", Value: p.Timezone}, {Label: "Known since", Value: day(v, p.Created)}}}
	jobs := map[string][]workflows.JobStatus{}
	for _, j := range rec.Jobs {
		jobs[j.Key] = append(jobs[j.Key], j)
	}
	for _, reg := range rec.Registrations {
		pr := personRegistration(v, reg, rec.Place[reg.ID])
		if a, ok := rec.CoC[reg.ID]; ok {
			pr.CoCAccepted, pr.CoCURL = when(v, a.Accepted), a.URL
		}
		page.Registrations = append(page.Registrations, pr)
		for _, j := range jobs[reg.ID] {
			page.Sync = append(page.Sync, jobRow(v, j, reg.Event.Title+" ("+string(reg.Role)+")"))
		}
	}
	for _, e := range rec.Emails {
		row := views.EmailRow{Created: when(v, e.Created), Kind: string(e.Kind), Subject: cmp.Or(e.Subject, e.Kind.Label()), Status: string(e.Status),
			StatusTone: emailTone(e.Status), Sent: when(v, e.Sent), ProviderID: e.ProviderID}
		for _, j := range jobs[e.ID] {
			jr := jobRow(v, j, "“"+cmp.Or(e.Subject, e.Kind.Label())+"”")
			row.Job = &jr
		}
		page.Emails = append(page.Emails, row)
	}
	for _, a := range rec.History {
		row := auditRow(v, a)
		row.PersonURL = "" // this page
		page.History = append(page.History, row)
	}
	return page
}

func personRegistration(v workflows.Viewer, reg workflows.RegistrationDetail, place int) views.PersonRegistration {
	a := reg.Answers
	pr := views.PersonRegistration{EventTitle: reg.Event.Title, EventURL: adminEventPath(reg.Event.Slug), Role: string(reg.Role),
		Status: string(reg.Status), StatusLabel: reg.Status.PlaceLabel(place), Signed: day(v, reg.Created), Confirmed: day(v, reg.Confirmed), Reason: reg.WithdrawReason}
	if reg.Role == workflows.RoleMentor {
		pr.Answers = []views.Fact{{Label: "Projects", Value: a.Projects}, {Label: "Mentees", Value: "up to " + strconv.Itoa(a.MaxMentees)}}
	} else {
		pr.Answers = []views.Fact{{Label: "Project", Value: a.Project}, {Label: "Experience", Value: a.Experience}, {Label: "Goals", Value: a.Goals}}
	}
	if reg.Status == workflows.StatusPending {
		pr.ResendAction = "/admin/registrations/" + url.PathEscape(reg.ID) + "/resend"
	}
	return pr
}

func emailTone(s workflows.EmailStatus) string {
	switch s {
	case workflows.EmailSent, workflows.EmailDelivered:
		return "ok"
	case workflows.EmailFailed, workflows.EmailComplained:
		return "bad"
	case workflows.EmailUnsubscribed, workflows.EmailSuppressed:
		return "warn"
	}
	return ""
}

// signInAgain sends an organizer whose sign-in is too old for the action to
// sign in again, then back to the page the action is on.
func (s *Server) signInAgain(w http.ResponseWriter, r *http.Request, back string) {
	s.flash(r, "For this, sign in again: it needs a sign-in of the last 15 minutes. You will come back here.")
	http.Redirect(w, r, "/login?next="+url.QueryEscape(back), http.StatusSeeOther)
}
