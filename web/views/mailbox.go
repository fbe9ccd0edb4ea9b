package views

import (
	"net/url"
	"regexp"
	"strings"
)

func mailboxPath(id string) string { return "/dev/mailbox/" + url.PathEscape(id) }

// textPiece is a run of an email's text part: plain text, or a web address
// shown as a link.
type textPiece struct {
	Text string
	Link bool
}

// linkInText finds web addresses in plain text; closing punctuation that
// ends a sentence is not part of them.
var linkInText = regexp.MustCompile(`https?://[^\s<>"]+`)

// textPieces splits an email's text part so its web addresses can be
// links, as a mail program would show them.
func textPieces(s string) []textPiece {
	var out []textPiece
	for len(s) > 0 {
		loc := linkInText.FindStringIndex(s)
		if loc == nil {
			break
		}
		link := strings.TrimRight(s[loc[0]:loc[1]], ".,;:!?)")
		if loc[0] > 0 {
			out = append(out, textPiece{Text: s[:loc[0]]})
		}
		out = append(out, textPiece{Text: link, Link: true})
		s = s[loc[0]+len(link):]
	}
	if s != "" {
		out = append(out, textPiece{Text: s})
	}
	return out
}
