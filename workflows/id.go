package workflows

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"time"
)

var idEncoding = base32.NewEncoding("abcdefghijkmnpqrstuvwxyz23456789").WithPadding(base32.NoPadding)

// NewID returns a URL-safe identifier: the milliseconds since idEpoch in
// its first 40 bits, then 40 random bits. IDs made about the same time
// share a prefix, so each new row goes into the few index pages holding
// the latest IDs instead of a random page of every index that carries an
// ID: random IDs made a sign-up dirty about a dozen pages of its own, each
// written again by every commit and checkpoint. 40 random bits keep two IDs
// of the same millisecond apart. The time wraps after 34 years, which only
// costs the locality. IDs are stable forever: the spreadsheet and the
// Trello card carry them. They are not secrets; links use NewToken.
func NewID() string {
	var b [10]byte
	ms := uint64(time.Since(idEpoch).Milliseconds())
	b[0], b[1], b[2], b[3], b[4] = byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	_, _ = rand.Read(b[5:]) // crypto/rand.Read never fails on supported platforms
	return idEncoding.EncodeToString(b[:])
}

// idEpoch is where NewID's clock starts.
var idEpoch = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

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
