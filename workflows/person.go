package workflows

import (
	"strings"
	"time"
)

// Person is one human, known by a single email address.
type Person struct {
	ID            string
	Email         string // trimmed; compared case-insensitively
	Name          string
	Company       string
	IRC           string
	Timezone      string
	Organizer     bool
	Undeliverable bool // a hard bounce: stop sending
	Created       time.Time
}

// NormalizeEmail is the form an address is stored and compared in.
func NormalizeEmail(s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}
