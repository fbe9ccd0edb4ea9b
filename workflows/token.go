package workflows

import "time"

// TokenPurpose says what a one-time link does.
type TokenPurpose string

const (
	TokenConfirm TokenPurpose = "confirm"
	TokenLogin   TokenPurpose = "login"
)

// Token is a one-time link's stored half: only the hash of the secret is kept.
type Token struct {
	Hash           string
	Purpose        TokenPurpose
	PersonID       string
	RegistrationID string // for confirmations
	Expires        time.Time
	Used           time.Time
	Created        time.Time
}
