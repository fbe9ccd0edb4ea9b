package workflows

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
)

var idEncoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// NewID returns a random, URL-safe identifier with 80 bits of entropy. IDs are
// stable forever: the spreadsheet and the Trello card carry them.
func NewID() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return idEncoding.EncodeToString(b)
}

// NewToken returns a secret for a one-time link (256 bits) and the hash that is
// stored in its place, so a leaked database cannot be used to log in.
func NewToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = idEncoding.EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is how a one-time token is looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
