package web

import (
	"slices"

	"registrar/web/views"
	"registrar/workflows"
)

// actorKindLabel names a kind of actor in the actor filter; "" when k is
// not a kind.
func actorKindLabel(k workflows.AuditActorKind) string {
	switch k {
	case workflows.ActorOrganizer:
		return "Any organizer"
	case workflows.ActorPerson:
		return "Students and mentors"
	case workflows.ActorSystem:
		return "Registrar (automatic)"
	case workflows.ActorBoard:
		return "The Trello board"
	case workflows.ActorCommandLine:
		return "The command line"
	}
	return ""
}

// auditActor says who did it and in what capacity.
func auditActor(a workflows.AuditEntry) (who, email, as string) {
	switch a.ActorKind {
	case workflows.ActorSystem:
		return "Registrar", "", "Automatic"
	case workflows.ActorBoard:
		return "Trello board", "", "A card moved on the board"
	case workflows.ActorCommandLine:
		return "Command line", "", ""
	}
	as = "Organizer"
	if a.ActorKind == workflows.ActorPerson {
		as = "Student or mentor"
		if a.Self() {
			as = "About themself"
		}
	}
	if a.ActorID == "" || a.ActorName == "" && a.ActorEmail == "" {
		return "An erased person", "", as
	}
	return a.ActorName, a.ActorEmail, as
}

// auditSubject says whom an entry concerns, when a person: their name and
// the registration's role.
func auditSubject(a workflows.AuditEntry) (name, as string) {
	switch {
	case a.PersonID != "":
		name = a.SubjectName
		if name == "" {
			name = a.SubjectEmail
		}
	case a.RegistrationID != "" || a.Action == workflows.AuditPersonErase:
		name = "An erased person"
	default:
		return "", ""
	}
	if a.Role != "" {
		as = string(a.Role)
	}
	return name, as
}

// auditAction is how the log names one action and which kind it belongs to.
type auditAction struct {
	action      workflows.AuditAction
	label, kind string
}

// auditCatalog lists the actions the filter offers, in the order of the
// log's kinds: the one place an action gets its words. An action missing
// here is still shown, and filtered, by its code.
func auditCatalog() []auditAction {
	return []auditAction{
		{workflows.AuditAccept, "Accepted", "Review"},
		{workflows.AuditWaitlist, "Waitlisted", "Review"},
		{workflows.AuditWithdraw, "Withdrew", "Review"},
		{workflows.AuditWithdrawOwn, "Withdrew themselves", "Review"},
		{workflows.AuditPromote, "Promoted from the waitlist", "Review"},
		{workflows.AuditBoardMove, "Moved on the Trello board", "Review"},
		{workflows.AuditEventCreate, "Created an event", "Event"},
		{workflows.AuditEventUpdate, "Edited an event", "Event"},
		{workflows.AuditEventOpen, "Opened sign-up", "Event"},
		{workflows.AuditEventClose, "Closed sign-up", "Event"},
		{workflows.AuditStepsEdit, "Edited the checklist", "Mentoring"},
		{workflows.AuditPair, "Paired with a mentor", "Mentoring"},
		{workflows.AuditPairMove, "Moved to another mentor", "Mentoring"},
		{workflows.AuditPairEnd, "Ended a pairing", "Mentoring"},
		{workflows.AuditComplete, "Completed (first change merged)", "Mentoring"},
		{workflows.AuditReopen, "Reopened the checklist", "Mentoring"},
		{workflows.AuditCheckInUpdate, "Changed a check-in", "Mentoring"},
		{workflows.AuditMessageSend, "Sent a message", "Email"},
		{workflows.AuditMessageTest, "Sent a test message", "Email"},
		{workflows.AuditRuleUpdate, "Changed a reminder", "Email"},
		{workflows.AuditResendConfirm, "Resent the confirmation link", "Email"},
		{workflows.AuditPersonEdit, "Edited a person's details", "Person"},
		{workflows.AuditRegistrationsCSV, "Exported registrations", "Export"},
		{workflows.AuditPersonExport, "Exported a person's data", "Export"},
		{workflows.AuditPersonErase, "Erased a person", "Erasure"},
		{workflows.AuditJobRetry, "Retried a job", "Sync"},
		{workflows.AuditSignIn, "Signed in", "Access"},
		{workflows.AuditOrganizerAdd, "Added an organizer", "Access"},
	}
}

// auditActions are the actions the filter offers, in catalog order.
func auditActions() []workflows.AuditAction {
	var out []workflows.AuditAction
	for _, a := range auditCatalog() {
		out = append(out, a.action)
	}
	return out
}

// actionOptions groups the actions by kind, the selected one marked.
func actionOptions(selected workflows.AuditAction) []views.OptionGroup {
	groups := []views.OptionGroup{{Options: []views.Option{{Value: "", Label: "Any action"}}}}
	actions := auditActions()
	if selected != "" && !slices.Contains(actions, selected) {
		actions = append(actions, selected)
	}
	for _, a := range actions {
		kind, o := auditKind(a), views.Option{Value: string(a), Label: auditLabel(a), Selected: a == selected}
		i := slices.IndexFunc(groups, func(g views.OptionGroup) bool { return g.Label == kind })
		if i < 0 {
			groups, i = append(groups, views.OptionGroup{Label: kind}), len(groups)
		}
		groups[i].Options = append(groups[i].Options, o)
	}
	return groups
}

// actorOptions offers the kinds of actor, then each organizer by name (and
// the filtered person, when not an organizer).
func actorOptions(q workflows.AuditQuery, log workflows.AuditLog) []views.OptionGroup {
	kinds := views.OptionGroup{Options: []views.Option{{Value: "", Label: "Anyone"}}}
	for _, k := range workflows.ActorKinds() {
		kinds.Options = append(kinds.Options, views.Option{Value: string(k), Label: actorKindLabel(k), Selected: k == q.ActorKind})
	}
	people := views.OptionGroup{Label: "Organizers"}
	for _, p := range log.Organizers {
		label := p.Name
		if slices.ContainsFunc(log.Organizers, func(o workflows.Person) bool { return o.Name == p.Name && o.ID != p.ID }) {
			label += " (" + p.Email + ")" // two of the same name
		}
		people.Options = append(people.Options, views.Option{Value: p.ID, Label: label, Selected: p.ID == q.ActorID})
	}
	if log.Actor.ID != "" && !slices.ContainsFunc(log.Organizers, func(p workflows.Person) bool { return p.ID == log.Actor.ID }) {
		people.Options = append(people.Options, views.Option{Value: log.Actor.ID, Label: log.Actor.Name, Selected: true})
	}
	return []views.OptionGroup{kinds, people}
}

// auditInfo finds an action in the catalog.
func auditInfo(a workflows.AuditAction) (auditAction, bool) {
	for _, c := range auditCatalog() {
		if c.action == a {
			return c, true
		}
	}
	return auditAction{}, false
}

// auditLabel says what an action did, for the log and its filter.
func auditLabel(a workflows.AuditAction) string {
	if c, ok := auditInfo(a); ok {
		return c.label
	}
	return string(a)
}

// auditKind groups actions for the log's first glance; an action not in
// the catalog is a review.
func auditKind(a workflows.AuditAction) string {
	if c, ok := auditInfo(a); ok {
		return c.kind
	}
	return "Review"
}
