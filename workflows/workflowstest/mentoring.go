package workflowstest

import (
	"fmt"
	"time"

	"registrar/workflows"
)

func (Renderer) PairingIntro(d workflows.PairingIntroEmail) (workflows.EmailContent, error) {
	body := fmt.Sprintf("intro: %s meets %s (%s, %s). Shared: %s", d.Name, d.Other.Name, d.Other.Email, d.Other.Timezone, d.SharedHours)
	return workflows.EmailContent{Subject: "intro " + d.Other.Name, HTML: "<p>" + body + "</p>", Text: body}, nil
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t.UTC()
}
