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

// auditActions are the actions the filter offers, in the order of the log's
// kinds; an action missing here is still shown and filtered by its code.
func auditActions() []workflows.AuditAction {
	return []workflows.AuditAction{
		workflows.AuditAccept, workflows.AuditWaitlist, workflows.AuditWithdraw, workflows.AuditWithdrawOwn, workflows.AuditPromote,
		workflows.AuditBoardMove,
		workflows.AuditEventCreate, workflows.AuditEventUpdate, workflows.AuditEventOpen, workflows.AuditEventClose,
		workflows.AuditStepsEdit, workflows.AuditPair, workflows.AuditPairMove, workflows.AuditPairEnd, workflows.AuditComplete,
		workflows.AuditReopen, workflows.AuditCheckInUpdate,
		workflows.AuditMessageSend, workflows.AuditMessageTest, workflows.AuditRuleUpdate, workflows.AuditResendConfirm,
		workflows.AuditPersonEdit, workflows.AuditRegistrationsCSV, workflows.AuditPersonExport, workflows.AuditPersonErase,
		workflows.AuditJobRetry,
		workflows.AuditSignIn, workflows.AuditOrganizerAdd,
	}
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

// auditLabel says what an action did, for the log and its filter.
func auditLabel(a workflows.AuditAction) string {
	switch a {
	case workflows.AuditSignIn:
		return "Signed in"
	case workflows.AuditOrganizerAdd:
		return "Added an organizer"
	case workflows.AuditEventCreate:
		return "Created an event"
	case workflows.AuditEventUpdate:
		return "Edited an event"
	case workflows.AuditEventOpen:
		return "Opened sign-up"
	case workflows.AuditEventClose:
		return "Closed sign-up"
	case workflows.AuditRegistrationsCSV:
		return "Exported registrations"
	case workflows.AuditAccept:
		return "Accepted"
	case workflows.AuditWaitlist:
		return "Waitlisted"
	case workflows.AuditWithdraw:
		return "Withdrew"
	case workflows.AuditWithdrawOwn:
		return "Withdrew themselves"
	case workflows.AuditPromote:
		return "Promoted from the waitlist"
	case workflows.AuditPersonExport:
		return "Exported a person's data"
	case workflows.AuditPersonErase:
		return "Erased a person"
	case workflows.AuditJobRetry:
		return "Retried a job"
	case workflows.AuditBoardMove:
		return "Moved on the Trello board"
	case workflows.AuditComplete:
		return "Completed (first change merged)"
	case workflows.AuditReopen:
		return "Reopened the checklist"
	case workflows.AuditCheckInUpdate:
		return "Changed a check-in"
	case workflows.AuditStepsEdit:
		return "Edited the checklist"
	case workflows.AuditPair:
		return "Paired with a mentor"
	case workflows.AuditPairMove:
		return "Moved to another mentor"
	case workflows.AuditPairEnd:
		return "Ended a pairing"
	case workflows.AuditMessageSend:
		return "Sent a message"
	case workflows.AuditMessageTest:
		return "Sent a test message"
	case workflows.AuditRuleUpdate:
		return "Changed a reminder"
	case workflows.AuditPersonEdit:
		return "Edited a person's details"
	case workflows.AuditResendConfirm:
		return "Resent the confirmation link"
	}
	return string(a)
}

// auditKind groups actions for the log's first glance.
func auditKind(a workflows.AuditAction) string {
	switch a {
	case workflows.AuditSignIn, workflows.AuditOrganizerAdd:
		return "Access"
	case workflows.AuditEventCreate, workflows.AuditEventUpdate, workflows.AuditEventOpen, workflows.AuditEventClose:
		return "Event"
	case workflows.AuditRegistrationsCSV, workflows.AuditPersonExport:
		return "Export"
	case workflows.AuditPersonErase:
		return "Erasure"
	case workflows.AuditJobRetry:
		return "Sync"
	case workflows.AuditMessageSend, workflows.AuditMessageTest, workflows.AuditRuleUpdate, workflows.AuditResendConfirm:
		return "Email"
	case workflows.AuditPersonEdit:
		return "Person"
	case workflows.AuditComplete, workflows.AuditReopen, workflows.AuditCheckInUpdate, workflows.AuditStepsEdit,
		workflows.AuditPair, workflows.AuditPairMove, workflows.AuditPairEnd:
		return "Mentoring"
	}
	return "Review"
}
