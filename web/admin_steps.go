package web

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"registrar/web/views"
	"registrar/workflows"
)

func (s *Server) handleAdminStepsShow(w http.ResponseWriter, r *http.Request) {
	steps, err := s.Checklists.EventSteps(r.Context(), viewer(r), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.AdminStepsPage(s.stepsView(r, steps, nil, nil)))
}

// handleAdminStepsUpdate saves the whole checklist form, or adds a step
// (action=add); a refused form comes back with its values and errors.
func (s *Server) handleAdminStepsUpdate(w http.ResponseWriter, r *http.Request) {
	in, err := parseStepsForm(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	slug := r.PathValue("slug")
	_, err = s.Checklists.EditSteps(r.Context(), viewer(r), slug, in)
	if fields := workflows.FieldErrors(err); fields != nil {
		steps, err := s.Checklists.EventSteps(r.Context(), viewer(r), slug)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, http.StatusUnprocessableEntity, views.AdminStepsPage(s.stepsView(r, steps, &in, fields)))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	msg := "The checklist is saved."
	if in.Add != nil {
		msg = "The step “" + strings.TrimSpace(in.Add.Title) + "” is added."
	}
	s.flash(r, msg)
	http.Redirect(w, r, adminEventPath(slug)+"/steps", http.StatusSeeOther)
}

// parseStepsForm reads the rows (fields named title.<key>, position.<key> …)
// or the add form.
func parseStepsForm(r *http.Request) (workflows.StepsEdit, error) {
	if err := r.ParseForm(); err != nil {
		return workflows.StepsEdit{}, err
	}
	f := r.PostForm
	if f.Get("action") == "add" {
		return workflows.StepsEdit{Add: &workflows.StepEdit{Key: f.Get("new_key"), Title: f.Get("new_title"),
			Description: f.Get("new_description"), DocURL: f.Get("new_doc_url"), Position: f.Get("new_position"),
			Optional: f.Get("new_optional") != "", Evidence: f.Get("new_evidence")}}, nil
	}
	in := workflows.StepsEdit{Agreement: f.Get("agreement")}
	var keys []string
	for name := range f {
		if key, ok := strings.CutPrefix(name, "title."); ok {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		in.Steps = append(in.Steps, workflows.StepEdit{Key: k, Title: f.Get("title." + k), DocURL: f.Get("doc_url." + k),
			Position: f.Get("position." + k), Optional: f.Get("optional."+k) != "", Evidence: f.Get("evidence." + k)})
	}
	return in, nil
}

// stepsView is the steps page; a refused post's values replace the stored ones.
func (s *Server) stepsView(r *http.Request, es workflows.EventSteps, in *workflows.StepsEdit, errs map[string]string) views.AdminStepsView {
	v := viewer(r)
	path := adminEventPath(es.Event.Slug)
	page := views.AdminStepsView{Page: s.page(r, "Checklist · "+es.Event.Title), Nav: adminNav(v, "events"), EventTitle: es.Event.Title,
		EventURL: path, Action: path + "/steps", Agreement: string(es.Agreement), Errors: errs,
		Agreements: []views.Option{{Value: string(workflows.AgreementDCO), Label: "DCO: commits signed off (git commit -s)"},
			{Value: string(workflows.AgreementICLA), Label: "ICLA: individual contributor licence agreement"},
			{Value: string(workflows.AgreementCCLA), Label: "CCLA: the company's corporate agreement"}}}
	for _, k := range workflows.EvidenceKinds() {
		page.Evidence = append(page.Evidence, views.Option{Value: string(k), Label: k.Label()})
	}
	posted := map[string]workflows.StepEdit{}
	if in != nil {
		for _, e := range in.Steps {
			posted[e.Key] = e
		}
		if in.Agreement != "" {
			page.Agreement = in.Agreement
		}
		if in.Add != nil {
			a := in.Add
			page.Adding, page.NewDesc = true, a.Description
			page.New = views.StepRowForm{Key: a.Key, Title: a.Title, DocURL: a.DocURL, Position: a.Position, Optional: a.Optional, Evidence: a.Evidence}
		}
	}
	for _, st := range es.Steps {
		row := views.StepRowForm{Key: st.Key, Position: strconv.Itoa(st.Position), Title: st.Title, DocURL: st.DocURL,
			Evidence: string(st.Evidence), Optional: st.Optional, Agreement: st.Key == workflows.StepContributionAgreement,
			Errors: rowErrors(errs, st.Key)}
		if e, ok := posted[st.Key]; ok {
			row.Position, row.Title, row.DocURL, row.Evidence, row.Optional = e.Position, e.Title, e.DocURL, e.Evidence, e.Optional
		}
		page.Rows = append(page.Rows, row)
	}
	if len(errs) > 0 {
		page.Page.Title = "Error: " + page.Page.Title
	}
	return page
}

// rowErrors picks one row's errors out of the form's, by field name.
func rowErrors(errs map[string]string, key string) map[string]string {
	out := map[string]string{}
	for id, msg := range errs {
		if name, ok := strings.CutSuffix(id, "."+key); ok {
			out[name] = msg
		}
	}
	return out
}
