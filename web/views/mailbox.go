package views

import "net/url"

func mailboxPath(id string) string { return "/dev/mailbox/" + url.PathEscape(id) }
