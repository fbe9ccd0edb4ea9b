package web

import (
	"errors"
	"fmt"
	"net/http"

	"registrar/workflows"
)

// handleMeStepUpdate ticks (done=1, with evidence=) or unticks (done=0) one
// of the student's own steps.
func (s *Server) handleMeStepUpdate(w http.ResponseWriter, r *http.Request) {
	m, err := parseStepMark(r)
	if err != nil {
		s.badRequest(w, r, err)
		return
	}
	id, key := r.PathValue("id"), r.PathValue("key")
	out, err := s.Checklists.MarkOwn(r.Context(), viewer(r), id, key, m)
	if fields := workflows.FieldErrors(err); fields != nil {
		s.renderMe(w, r, http.StatusUnprocessableEntity, stepError{registrationID: id, key: key, value: m.Evidence, message: fields["evidence"]})
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(r, stepFlash(out))
	http.Redirect(w, r, "/me", http.StatusSeeOther)
}

var errDoneValue = errors.New("done must be 1 or 0")

// parseStepMark reads done (1 or 0) and the evidence of a step form.
func parseStepMark(r *http.Request) (workflows.StepMark, error) {
	if err := r.ParseForm(); err != nil {
		return workflows.StepMark{}, err
	}
	m := workflows.StepMark{Evidence: r.PostForm.Get("evidence")}
	switch r.PostForm.Get("done") {
	case "1":
		m.Done = true
	case "0":
	default:
		return m, errDoneValue
	}
	return m, nil
}

func stepFlash(out workflows.StepOutcome) string {
	switch {
	case out.Completed:
		return fmt.Sprintf("“%s” is done, and with it the whole checklist. Congratulations on your first merged change!", out.Step.Title)
	case out.Done:
		return fmt.Sprintf("“%s” is done.", out.Step.Title)
	}
	return fmt.Sprintf("“%s” is marked as not done.", out.Step.Title)
}
