package emails

import (
	"crypto/rand"
	"strings"
	"sync"

	"registrar/workflows"
)

// maxStencils bounds the stencils kept: one per event and role is the
// common case, so this is far more than a running instance needs.
const maxStencils = 256

// stencils keep sign-up emails rendered once per event with a stand-in for
// the link, which is put in afterwards: every "confirm your place" email to
// an event says the same but for its link, and rendering it anew was a
// tenth of a sign-up's CPU. Only emails with no name in them (anyone not yet
// confirmed) are kept, so what is kept is bounded by the events, and only
// links that no escaping changes are put in by replacement.
type stencils struct {
	marker string // stands for the link; random, so no field can hold it by chance
	mu     sync.Mutex
	m      map[workflows.SignupEmail]workflows.EmailContent // by the data with marker as Link
}

func newStencils() *stencils {
	return &stencils{marker: "https://stencil.invalid/" + strings.ToLower(rand.Text()), m: map[workflows.SignupEmail]workflows.EmailContent{}}
}

// render is render(d), from a stencil when it can be.
func (s *stencils) render(d workflows.SignupEmail, render func(workflows.SignupEmail) (workflows.EmailContent, error)) (workflows.EmailContent, error) {
	if d.Name != "" || !workflows.LinkVerbatim(d.Link) {
		return render(d)
	}
	key := d
	key.Link = s.marker
	s.mu.Lock()
	c, ok := s.m[key]
	s.mu.Unlock()
	if !ok {
		var err error
		if c, err = render(key); err != nil {
			return c, err
		}
		s.mu.Lock()
		if len(s.m) < maxStencils {
			s.m[key] = c
		}
		s.mu.Unlock()
	}
	return workflows.EmailContent{Subject: c.Subject, HTML: strings.ReplaceAll(c.HTML, s.marker, d.Link),
		Text: strings.ReplaceAll(c.Text, s.marker, d.Link)}, nil
}
