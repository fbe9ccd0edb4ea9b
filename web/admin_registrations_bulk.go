package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

// handleAdminRegistrationsBulk applies one action to the registrations ticked
// in an event's list, then returns to the list with a summary; a refused
// selection (over capacity, no reason to withdraw) shows the list again with
// the selection kept.
func (s *Server) handleAdminRegistrationsBulk(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.badRequest(w, r, err)
		return
	}
	slug := r.PathValue("slug")
	in := workflows.BulkInput{Action: workflows.BulkAction(r.PostForm.Get("action")), IDs: r.PostForm["registration"],
		Reason: r.PostForm.Get("reason")}
	res, err := s.Reviews.Bulk(r.Context(), viewer(r), slug, in)
	if fields := workflows.FieldErrors(err); fields != nil {
		s.renderBulkError(w, r, slug, bulkForm{In: in, Fields: fields})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, bulkSummary(in.Action, res))
	http.Redirect(w, r, reviewReturn(r, slug), http.StatusSeeOther)
}

// bulkForm is a refused bulk action, to show again beside the list.
type bulkForm struct {
	In     workflows.BulkInput
	Fields map[string]string
}

// renderBulkError shows the event's list (with the filters of the page the
// form came from) and the refused bulk form, its selection still ticked.
func (s *Server) renderBulkError(w http.ResponseWriter, r *http.Request, slug string, form bulkForm) {
	f := workflows.RegistrationFilter{}
	if u, err := url.Parse(reviewReturn(r, slug)); err == nil {
		f = registrationFilter(u.Query())
	}
	v := viewer(r)
	list, err := s.Reviews.Registrations(r.Context(), v, slug, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusUnprocessableEntity, views.RegistrationsPage(s.registrationsView(r, v, list, f, listForms{bulk: form})))
}

// bulkSummary says what a bulk action did, naming up to a few people.
func bulkSummary(action workflows.BulkAction, res workflows.BulkResult) string {
	verb := map[workflows.BulkAction]string{workflows.BulkAccept: "Accepted", workflows.BulkWaitlist: "Moved to the waitlist",
		workflows.BulkWithdraw: "Withdrew"}[action]
	msg := fmt.Sprintf("%s %s.", verb, namesOf(res.Changed))
	if len(res.Changed) == 0 {
		msg = "Nothing changed."
	}
	if n := len(res.Skipped); n > 0 {
		msg += fmt.Sprintf(" Left %s as %s: the action does not apply to their status.", namesOf(res.Skipped), pluralize(n, "it was", "they were"))
	}
	return msg + promotedText(res.Promoted)
}

// namesOf is "Ada Lovelace", "Ada Lovelace and Grace Hopper", or "12 people
// (Ada Lovelace, Grace Hopper, Alan Turing and 9 more)".
func namesOf(regs []workflows.RegistrationView) string {
	names := make([]string, 0, 3)
	for _, r := range regs[:min(3, len(regs))] {
		names = append(names, r.Person.Name)
	}
	switch n := len(regs); {
	case n <= 2:
		return strings.Join(names, " and ")
	case n == 3:
		return fmt.Sprintf("3 people (%s, %s and %s)", names[0], names[1], names[2])
	default:
		return fmt.Sprintf("%d people (%s and %d more)", n, strings.Join(names, ", "), n-3)
	}
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// bulkView fills the list's bulk form: the action, the selection (a refused
// one, or the whole page when asked) and the links to select.
func bulkView(page *views.RegistrationsView, path string, q url.Values, form bulkForm) {
	page.BulkAction = path + "/registrations/bulk"
	if form.Fields != nil {
		page.BulkError = form.Fields["registration"] + form.Fields["action"]
		page.BulkReason, page.BulkReasonError = form.In.Reason, form.Fields["reason"]
		page.BulkWithdrawOpen = form.In.Action == workflows.BulkWithdraw
		chosen := map[string]bool{}
		for _, id := range form.In.IDs {
			chosen[id] = true
		}
		for i := range page.Rows {
			page.Rows[i].Selected = chosen[page.Rows[i].ID]
		}
	}
	all := q.Get("select") == "page"
	q.Del("select")
	page.ClearSelectionURL = pageURL(path, q)
	if all {
		for i := range page.Rows {
			page.Rows[i].Selected = true
		}
		page.AllSelected = true
		return
	}
	q.Set("select", "page")
	page.SelectAllURL = pageURL(path, q)
}

// filterQuery is the list's query string for f's filters and sort, without
// the page.
func filterQuery(f workflows.RegistrationFilter) url.Values {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Query, "role": string(f.Role), "status": string(f.Status), "sort": string(f.Sort)} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Desc {
		q.Set("dir", "desc")
	}
	return q
}

func sortOptions(f workflows.RegistrationFilter) (keys, dirs []views.Option) {
	labels := map[workflows.SortKey]string{workflows.SortSigned: "Signed up", workflows.SortConfirmed: "Confirmed",
		workflows.SortName: "Name", workflows.SortStatus: "Status"}
	for _, k := range workflows.SortKeys() {
		keys = append(keys, views.Option{Value: string(k), Label: labels[k],
			Selected: f.Sort == k || f.Sort == "" && k == workflows.SortSigned})
	}
	dirs = []views.Option{{Value: "asc", Label: "Ascending", Selected: !f.Desc},
		{Value: "desc", Label: "Descending", Selected: f.Desc}}
	return keys, dirs
}
