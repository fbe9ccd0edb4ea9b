package web

import "strings"

// Integration is one vendor integration's state. /healthz is public and
// shows only Name and On; the organizers' dashboard shows the rest.
type Integration struct {
	Name    string   // "mailgun", "sheets" or "trello"
	On      bool     // configured: its jobs run
	Target  string   // when on, what it writes to, e.g. "board 5f1c…": not public
	Instead string   // when off, what happens instead, if anything
	Missing []string // when off, the settings that would turn it on
}

// Summary says the state in a line, for organizers: "on (board 5f1c…)",
// "off: set A and B".
func (in Integration) Summary() string {
	if in.On {
		if in.Target == "" {
			return "on"
		}
		return "on (" + in.Target + ")"
	}
	var parts []string
	if in.Instead != "" {
		parts = append(parts, in.Instead)
	}
	if n := len(in.Missing); n > 0 {
		set := in.Missing[n-1]
		if n > 1 {
			set = strings.Join(in.Missing[:n-1], ", ") + " and " + set
		}
		parts = append(parts, "set "+set)
	}
	if len(parts) == 0 {
		return "off"
	}
	return "off: " + strings.Join(parts, "; ")
}
