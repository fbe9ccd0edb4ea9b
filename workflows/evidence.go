package workflows

import (
	"net/url"
	"regexp"
	"strings"
)

// EvidenceKind says what a contributor step accepts as proof it is done.
type EvidenceKind string

const (
	EvidenceNone     EvidenceKind = ""         // ticking the box is enough
	EvidenceChange   EvidenceKind = "change"   // a review.opendev.org change URL
	EvidenceTask     EvidenceKind = "task"     // a Launchpad bug or a StoryBoard story
	EvidenceUsername EvidenceKind = "username" // the account name on review.opendev.org
)

// EvidenceKinds lists the kinds in the order organizers choose from.
func EvidenceKinds() []EvidenceKind {
	return []EvidenceKind{EvidenceNone, EvidenceChange, EvidenceTask, EvidenceUsername}
}

// Label names the kind for people.
func (k EvidenceKind) Label() string {
	switch k {
	case EvidenceChange:
		return "Gerrit change URL"
	case EvidenceTask:
		return "Launchpad or StoryBoard URL"
	case EvidenceUsername:
		return "Gerrit username"
	}
	return "None"
}

// Valid reports whether k is a kind this version knows.
func (k EvidenceKind) Valid() bool {
	for _, known := range EvidenceKinds() {
		if k == known {
			return true
		}
	}
	return false
}

const evidenceMax = 300

var (
	// review.opendev.org/c/<project>/+/<number>; projects have slashes (openstack/nova).
	changeLong  = regexp.MustCompile(`^https://review\.opendev\.org/c/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*/\+/[1-9][0-9]{0,9}/?$`)
	changeShort = regexp.MustCompile(`^https://review\.opendev\.org/[1-9][0-9]{0,9}/?$`)
	// Gerrit usernames: letters, digits, . _ - @, starting with a letter or digit.
	gerritUsername = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$`)
)

var taskHosts = map[string]bool{"bugs.launchpad.net": true, "launchpad.net": true, "storyboard.openstack.org": true}

// ValidateEvidence checks s against what a step of kind k accepts and
// returns it trimmed. The error is Invalid, on the field "evidence", and its
// message says what to paste.
func ValidateEvidence(k EvidenceKind, s string) (string, error) {
	s = strings.TrimSpace(s)
	v := Violations{}
	v.Check(len(s) <= evidenceMax, "evidence", "Use at most 300 characters.")
	switch k {
	case EvidenceNone:
		return s, v.Err()
	case EvidenceChange:
		v.Check(s != "", "evidence", "Paste the link to your change on review.opendev.org.")
		v.Check(changeLong.MatchString(s) || changeShort.MatchString(s), "evidence",
			"Paste a change link from review.opendev.org, like https://review.opendev.org/c/openstack/nova/+/912345.")
	case EvidenceTask:
		v.Check(s != "", "evidence", "Paste the link to your bug on Launchpad or your story on StoryBoard.")
		v.Check(isTaskURL(s), "evidence",
			"Paste a Launchpad or StoryBoard link, like https://bugs.launchpad.net/nova/+bug/2045678 or https://storyboard.openstack.org/#!/story/2011234.")
	case EvidenceUsername:
		v.Check(s != "", "evidence", "Enter your username on review.opendev.org.")
		v.Check(gerritUsername.MatchString(s), "evidence",
			"Enter your Gerrit username as shown in review.opendev.org settings: letters, digits, dots, dashes or underscores.")
	default:
		v.Check(false, "evidence", "This step asks for evidence of an unknown kind; tell an organizer.")
	}
	return s, v.Err()
}

// isTaskURL accepts an https link to a Launchpad or StoryBoard page that is
// more than the site's front page.
func isTaskURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.User != nil || u.Port() != "" || !taskHosts[u.Host] {
		return false
	}
	// StoryBoard routes in the fragment (#!/story/N); Launchpad in the path.
	return strings.Trim(u.Path, "/") != "" || strings.Trim(u.Fragment, "!/") != ""
}
