package views

// AuditView is the audit log page: a filter form, a page of entries and
// links to the neighbouring pages.
type AuditView struct {
	Page     Page
	Nav      AdminNav
	Rows     []AuditRow
	Events   []Option
	Actors   []OptionGroup
	Actions  []OptionGroup
	SignIns  bool // sign-ins are shown
	Filtered bool
	// Paging: "" when there is no such page.
	NewestURL, NewerURL, OlderURL string
}

// OptionGroup is an <optgroup> of a select; an empty Label is no group.
type OptionGroup struct {
	Label   string
	Options []Option
}
