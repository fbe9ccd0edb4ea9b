package views

// roleText is prefix + role, or nothing when the role is unknown, so a
// sentence still reads well without it.
func roleText(prefix, role string) string {
	if role == "" {
		return ""
	}
	return prefix + role
}
