package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminRegistrationsIndex(w http.ResponseWriter, r *http.Request) {
	v := viewer(r)
	f := registrationFilter(r.URL.Query())
	list, err := s.Reviews.Registrations(r.Context(), v, r.PathValue("slug"), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.RegistrationsPage(s.registrationsView(r, v, list, f, listForms{})))
}

func (s *Server) handleAdminRegistrationAccept(w http.ResponseWriter, r *http.Request) {
	change, err := s.Reviews.Accept(r.Context(), viewer(r), r.PathValue("id"))
	s.afterReview(w, r, change, err, "Accepted %s.")
}

func (s *Server) handleAdminRegistrationWaitlist(w http.ResponseWriter, r *http.Request) {
	change, err := s.Reviews.Waitlist(r.Context(), viewer(r), r.PathValue("id"))
	s.afterReview(w, r, change, err, "Moved %s to the waitlist.")
}

func (s *Server) handleAdminRegistrationWithdraw(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	id, reason := r.PathValue("id"), r.PostForm.Get("reason")
	change, err := s.Reviews.Withdraw(r.Context(), viewer(r), id, reason)
	if fields := workflows.FieldErrors(err); fields != nil {
		s.renderWithdrawError(w, r, withdrawForm{ID: id, Reason: reason, Error: fields["reason"]})
		return
	}
	s.afterReview(w, r, change, err, "Withdrew %s.")
}

// afterReview answers a review action: back to the page it came from, with
// a notice naming the person and anyone promoted from the waitlist.
func (s *Server) afterReview(w http.ResponseWriter, r *http.Request, change workflows.SeatChange, err error, done string) {
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reg := change.Registration
	s.flash(r, fmt.Sprintf(done, reg.Person.Name)+promotedText(change.Promoted))
	http.Redirect(w, r, reviewReturn(r, reg.Event.Slug), http.StatusSeeOther)
}

// reviewReturn keeps the table's filters: the form's back field, when it is
// the event's own page.
func reviewReturn(r *http.Request, slug string) string {
	home := adminEventPath(slug)
	back := safeReturn(r.PostFormValue("back"))
	if u, err := url.Parse(back); err == nil && back != "" && u.Path == home {
		return back
	}
	return home
}

// renderWithdrawError shows the event's table again with the failed
// withdraw form open beside its row.
func (s *Server) renderWithdrawError(w http.ResponseWriter, r *http.Request, form withdrawForm) {
	u, err := url.Parse(safeReturn(r.PostForm.Get("back")))
	slug, ok := strings.CutPrefix(u.Path, "/admin/events/")
	if err != nil || !ok || slug == "" {
		s.message(w, r, http.StatusUnprocessableEntity, "Say why you withdraw this registration, in a few words.")
		return
	}
	v := viewer(r)
	f := registrationFilter(u.Query())
	list, err := s.Reviews.Registrations(r.Context(), v, slug, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, views.RegistrationsPage(s.registrationsView(r, v, list, f, listForms{withdraw: form})))
}

type withdrawForm struct{ ID, Reason, Error string }

// listForms are the list's forms that failed, shown again with their errors.
type listForms struct {
	withdraw withdrawForm
	bulk     bulkForm
}

func registrationFilter(q url.Values) workflows.RegistrationFilter {
	f := workflows.RegistrationFilter{Query: strings.TrimSpace(q.Get("q")), After: q.Get("after"), Desc: q.Get("dir") == "desc"}
	for _, k := range workflows.SortKeys() {
		if string(k) == q.Get("sort") {
			f.Sort = k
		}
	}
	if role, ok := workflows.ParseRole(q.Get("role")); ok {
		f.Role = role
	}
	for _, s := range allStatuses() {
		if string(s) == q.Get("status") {
			f.Status = s
		}
	}
	return f
}

func allStatuses() []workflows.Status {
	return []workflows.Status{workflows.StatusPending, workflows.StatusConfirmed, workflows.StatusAccepted, workflows.StatusWaitlisted,
		workflows.StatusActive, workflows.StatusCompleted, workflows.StatusWithdrawn}
}

func (s *Server) registrationsView(r *http.Request, v workflows.Viewer, list workflows.RegistrationList,
	f workflows.RegistrationFilter, failed listForms) views.RegistrationsView {
	e := list.Event
	path := adminEventPath(e.Slug)
	page := views.RegistrationsView{Page: s.page(r, e.Title+" · Registrations"), Nav: adminNav(v, "events"), Event: eventRow(e),
		Closed: e.Closed, CloseAction: path + "/close", OpenAction: path + "/open", CSVURL: path + "/registrations.csv",
		Query: f.Query, Filtered: f.Role != "" || f.Status != "" || f.Query != "", Shown: list.Matching, Total: list.Total,
		Tiles: registrationTiles(e)}
	q := filterQuery(f)
	if list.Next != "" || f.After != "" {
		page.FirstURL = pageURL(path, q)
		if list.Next != "" {
			next := filterQuery(f)
			next.Set("after", list.Next)
			page.NextURL = pageURL(path, next)
		}
	}
	page.SortOptions, page.DirOptions = sortOptions(f)
	page.RoleOptions = []views.Option{{Value: "", Label: "Any role"},
		{Value: "student", Label: "Students", Selected: f.Role == workflows.RoleStudent},
		{Value: "mentor", Label: "Mentors", Selected: f.Role == workflows.RoleMentor}}
	page.StatusOptions = []views.Option{{Value: "", Label: "Any status"}}
	for _, st := range allStatuses() {
		n := e.Students.ByStatus[st] + e.Mentors.ByStatus[st]
		page.StatusOptions = append(page.StatusOptions, views.Option{Value: string(st),
			// "· n", not "(n)": "On the waitlist (2)" would read as a place in line.
			Label: fmt.Sprintf("%s · %d", st.Label(), n), Selected: f.Status == st})
	}
	back := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		back = safeReturn(r.PostForm.Get("back"))
	}
	free := map[workflows.Role]int{workflows.RoleStudent: e.Students.Free(), workflows.RoleMentor: e.Mentors.Free()}
	for _, reg := range list.Rows {
		row := registrationRow(v, reg, list.Place[reg.ID], back, failed.withdraw)
		if reg.Status == workflows.StatusWaitlisted && free[reg.Role] == 0 {
			row.AcceptAction = "" // no seat to give: a withdrawal or more seats first
		}
		page.Rows = append(page.Rows, row)
	}
	page.Back = back
	if f.After != "" {
		q.Set("after", f.After)
	}
	if r.Method == http.MethodGet {
		q.Set("select", r.URL.Query().Get("select"))
	}
	bulkView(&page, path, q, failed.bulk)
	page.Waitlist = waitlistRows(v, list, free, path)
	page.WaitlistMore = waitlistMore(list, path)
	return page
}

// waitlistMore points to the whole line of each role longer than the
// workflows.WaitlistShown the section lists.
func waitlistMore(list workflows.RegistrationList, path string) []views.WaitlistMore {
	shown := map[workflows.Role]int{}
	for _, reg := range list.Waitlist {
		shown[reg.Role]++
	}
	var out []views.WaitlistMore
	for _, c := range []struct {
		role   workflows.Role
		plural string
		counts workflows.RoleCounts
	}{{workflows.RoleStudent, "students", list.Event.Students}, {workflows.RoleMentor, "mentors", list.Event.Mentors}} {
		waiting := c.counts.ByStatus[workflows.StatusWaitlisted]
		if waiting <= shown[c.role] {
			continue
		}
		q := url.Values{"role": {string(c.role)}, "status": {string(workflows.StatusWaitlisted)}}
		out = append(out, views.WaitlistMore{
			Text:     fmt.Sprintf("The first %d of %d %s waiting are shown here.", shown[c.role], waiting, c.plural),
			URL:      path + "?" + q.Encode(),
			LinkText: fmt.Sprintf("See all %d %s waiting, with their places", waiting, c.plural),
		})
	}
	return out
}

// waitlistRows is the event's line in order, with Accept where a seat of
// that role is free to give by hand.
func waitlistRows(v workflows.Viewer, list workflows.RegistrationList, free map[workflows.Role]int, back string) []views.WaitlistRow {
	var out []views.WaitlistRow
	place := map[workflows.Role]int{}
	for _, reg := range list.Waitlist {
		place[reg.Role]++
		row := views.WaitlistRow{Place: workflows.Ordinal(place[reg.Role]), Name: reg.Person.Name, PersonURL: personPath(reg.PersonID),
			Role: string(reg.Role), Since: when(v, reg.Waitlisted), Back: back}
		if free[reg.Role] > 0 {
			row.AcceptAction = "/admin/registrations/" + url.PathEscape(reg.ID) + "/accept"
		}
		out = append(out, row)
	}
	return out
}

func registrationTiles(e workflows.EventSummary) []views.StatTile {
	st, m := e.Students, e.Mentors
	full := st.Free() == 0
	return []views.StatTile{
		{Label: "Student seats", Value: fmt.Sprintf("%d / %d", st.Seats(), st.Capacity), Note: seatsNote(st.Free()),
			Tone: toneIf(full, "warn"), TestID: "tile-students"},
		{Label: "Waitlist", Value: strconv.Itoa(st.ByStatus[workflows.StatusWaitlisted] + m.ByStatus[workflows.StatusWaitlisted]),
			Note: "served in the order people joined it", TestID: "tile-waitlist"},
		{Label: "Unconfirmed", Value: strconv.Itoa(st.ByStatus[workflows.StatusPending] + m.ByStatus[workflows.StatusPending]),
			Note: "no seat until confirmed", TestID: "tile-pending"},
		{Label: "Mentor seats", Value: fmt.Sprintf("%d / %d", m.Seats(), m.Capacity), Note: seatsNote(m.Free()), TestID: "tile-mentors"},
		{Label: "Withdrawn", Value: strconv.Itoa(st.ByStatus[workflows.StatusWithdrawn] + m.ByStatus[workflows.StatusWithdrawn]),
			TestID: "tile-withdrawn"},
	}
}

func seatsNote(free int) string {
	if free == 0 {
		return "full"
	}
	return strconv.Itoa(free) + " free"
}

func registrationRow(v workflows.Viewer, reg workflows.RegistrationDetail, place int, back string, failed withdrawForm) views.RegistrationRow {
	base := "/admin/registrations/" + url.PathEscape(reg.ID)
	row := views.RegistrationRow{ID: reg.ID, Name: reg.Person.Name, Email: reg.Person.Email, Company: reg.Person.Company,
		PersonURL: personPath(reg.PersonID), Role: string(reg.Role), Status: string(reg.Status), StatusLabel: reg.Status.PlaceLabel(place), Place: place,
		Signed: day(v, reg.Created), Confirmed: day(v, reg.Confirmed), Project: clip(project(reg.Answers), 140),
		Experience: reg.Answers.Experience, Goals: reg.Answers.Goals,
		Reason: reg.WithdrawReason, Back: back}
	if workflows.CanAccept(reg.Status) {
		row.AcceptAction = base + "/accept"
	}
	if workflows.CanWaitlist(reg.Status) {
		row.WaitlistAction = base + "/waitlist"
	}
	if workflows.CanWithdraw(reg.Status) {
		row.WithdrawAction = base + "/withdraw"
	}
	if failed.ID == reg.ID {
		row.WithdrawOpen, row.WithdrawError, row.WithdrawReason = true, failed.Error, failed.Reason
	}
	return row
}

func pageURL(path string, q url.Values) string {
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}
