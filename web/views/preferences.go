package views

// PreferencesView is the email preferences page.
type PreferencesView struct {
	Page       Page
	Areas      []AreaLink
	Action     string
	Categories []PreferenceCategory
}

// PreferenceCategory is one checkbox.
type PreferenceCategory struct {
	Name, Label, Description string
	On                       bool
}

// UnsubscribeView is the page behind an unsubscribe link.
type UnsubscribeView struct {
	Page        Page
	Action      string
	Description string
	Done        bool
}
