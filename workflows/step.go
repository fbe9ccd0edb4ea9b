package workflows

import "time"

// Step is one item of an event's contributor checklist. Key is stable across
// edits (the code and the reminders know some keys); the rest is the
// organizers' to change.
type Step struct {
	EventID     string
	Key         string
	Position    int // 1-based order on the checklist
	Title       string
	Description string
	DocURL      string
	Optional    bool
	Evidence    EvidenceKind
	Agreement   Agreement // only on the contribution-agreement step
}

// Agreement is the contribution agreement an event's projects ask for.
type Agreement string

const (
	AgreementDCO  Agreement = "dco"  // Signed-off-by on every commit: OpenStack since July 2025
	AgreementICLA Agreement = "icla" // older projects: individual agreement
	AgreementCCLA Agreement = "ccla" // older projects: corporate agreement
)

// The OpenStack template's stable step keys.
const (
	StepFoundationMember      = "foundation-member"
	StepLaunchpadAccount      = "launchpad-account"
	StepIRCAndLists           = "irc-and-lists"
	StepGitConfigured         = "git-configured"
	StepGerritAccount         = "gerrit-account"
	StepContributionAgreement = "contribution-agreement"
	StepGitReview             = "git-review"
	StepTaskChosen            = "task-chosen"
	StepFirstChangeSubmitted  = "first-change-submitted"
	StepFirstChangeMerged     = "first-change-merged"
)

// StepProgress is a step a registration has done. It exists while the step
// is done; undoing the step removes it.
type StepProgress struct {
	RegistrationID string
	Key            string
	Done           time.Time
	Evidence       string
	MarkedBy       string // person ID of whoever marked it: the student or their mentor
	VerifiedBy     string // person ID of the mentor who checked it; "" until then
	Verified       time.Time
}

const docsBase = "https://docs.openstack.org/contributors/common/"

// OpenStackSteps is the checklist every new event starts with, in order.
// The migration that introduced steps copies the same rows into events that
// existed then (a test keeps the two equal).
func OpenStackSteps() []Step {
	steps := []Step{
		{Key: StepFoundationMember, Title: "Join the OpenInfra Foundation",
			Description: "Create an individual member profile with the address you will use for code. Needed to vote, not to contribute.",
			DocURL:      "https://openinfra.dev/join/", Optional: true},
		{Key: StepLaunchpadAccount, Title: "Create an Ubuntu One / Launchpad account",
			Description: "Ubuntu One signs you in to Launchpad and to Gerrit.",
			DocURL:      docsBase + "accounts.html"},
		{Key: StepIRCAndLists, Title: "Join IRC or Matrix and the mailing lists",
			Description: "Join your project's channel on OFTC (or through Matrix) and subscribe to openstack-discuss.",
			DocURL:      docsBase + "irc.html"},
		{Key: StepGitConfigured, Title: "Configure git",
			Description: "Set user.name and user.email, with the address your Gerrit account uses.",
			DocURL:      docsBase + "git.html"},
		{Key: StepGerritAccount, Title: "Gerrit account and SSH key",
			Description: "Sign in to review.opendev.org, choose a username (it cannot change) and upload your SSH public key.",
			DocURL:      docsBase + "setup-gerrit.html", Evidence: EvidenceUsername},
		AgreementStep(AgreementDCO),
		{Key: StepGitReview, Title: "Set up git-review and try the sandbox",
			Description: "Install git-review, run git review -s once per repository and push a change to the sandbox project.",
			DocURL:      "https://docs.opendev.org/opendev/infra-manual/latest/sandbox.html"},
		{Key: StepTaskChosen, Title: "Choose a bug or story",
			Description: "Pick a task with your mentor and assign it to yourself.",
			DocURL:      docsBase + "task-tracking.html", Evidence: EvidenceTask},
		{Key: StepFirstChangeSubmitted, Title: "Submit your first change",
			Description: "Push your change for review with git review.",
			DocURL:      "https://docs.opendev.org/opendev/infra-manual/latest/developers.html", Evidence: EvidenceChange},
		{Key: StepFirstChangeMerged, Title: "First change merged",
			Description: "Answer the reviews until the change merges.",
			DocURL:      "https://docs.opendev.org/opendev/infra-manual/latest/developers.html", Evidence: EvidenceChange},
	}
	for i := range steps {
		steps[i].Position = i + 1
	}
	return steps
}

// AgreementStep is the contribution-agreement step asking for agreement a:
// the DCO by default, the ICLA or CCLA for events whose projects still use one.
func AgreementStep(a Agreement) Step {
	s := Step{Key: StepContributionAgreement, Agreement: a, Position: 6}
	switch a {
	case AgreementICLA:
		s.Title = "Sign the Individual Contributor License Agreement"
		s.Description = "Sign the ICLA in Gerrit's settings, with the address your commits use."
		s.DocURL = docsBase + "setup-gerrit.html"
	case AgreementCCLA:
		s.Title = "Be covered by your company's Corporate CLA"
		s.Description = "Ask your company's CCLA manager to add you, and sign the ICLA in Gerrit's settings too."
		s.DocURL = docsBase + "setup-gerrit.html"
	default:
		s.Agreement = AgreementDCO
		s.Title = "Sign off your commits (DCO)"
		s.Description = "OpenStack requires the Developer Certificate of Origin since July 2025: commit with git commit -s, with the name and address Gerrit knows."
		s.DocURL = docsBase + "dco.html"
	}
	return s
}

// ProgressCount is how many of steps a registration has done, as "3/10".
func ProgressCount(steps []Step, done []StepProgress) (n, total int) {
	has := make(map[string]bool, len(done))
	for _, p := range done {
		has[p.Key] = true
	}
	for _, s := range steps {
		if has[s.Key] {
			n++
		}
	}
	return n, len(steps)
}
