package web

import (
	"context"

	"registrar/workflows"
)

// MessageService is organizers' reminders and messages to a cohort.
type MessageService interface {
	Overview(ctx context.Context, v workflows.Viewer, slug string) (workflows.MessagesOverview, error)
	UpdateRule(ctx context.Context, v workflows.Viewer, slug, ruleID string, in workflows.RuleInput) error
	Create(ctx context.Context, v workflows.Viewer, slug string, in workflows.MessageInput) (workflows.CohortMessage, error)
	Preview(ctx context.Context, v workflows.Viewer, slug, id string) (workflows.MessagePreview, error)
	Send(ctx context.Context, v workflows.Viewer, slug, id, hash string) (workflows.MessagePreview, error)
	SendTest(ctx context.Context, v workflows.Viewer, slug, id string) error
}

// PreferenceService is people's email preferences and unsubscribe links.
type PreferenceService interface {
	List(ctx context.Context, v workflows.Viewer) ([]workflows.PreferenceItem, error)
	Set(ctx context.Context, v workflows.Viewer, on map[workflows.Category]bool) error
	Link(ctx context.Context, token string) (workflows.UnsubscribeLink, error)
	Unsubscribe(ctx context.Context, token string) (workflows.UnsubscribeLink, error)
}
