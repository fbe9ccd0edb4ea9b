package web

import "registrar/web/views"

// privacyPlaces says where a sign-up's data goes: what Registrar keeps, then
// each integration that is on in this instance, in the order sign-up data
// reaches them. An integration that is off gets nothing and is not named.
func privacyPlaces(ints []Integration) []views.DataPlace {
	out := []views.DataPlace{{Name: "Registrar (this site)", What: "keeps your details and answers, and the emails it sends you, " +
		"so the organizers can run the training. They erase it all when you ask them."}}
	for _, name := range []string{"sheets", "trello", "mailgun"} {
		for _, in := range ints {
			if in.Name != name || !in.On {
				continue
			}
			switch name {
			case "sheets":
				out = append(out, views.DataPlace{Name: "Google Sheets", What: "the organizers' spreadsheet gets a row with your name, " +
					"email address, company, IRC or Matrix nick, time zone, answers and status."})
			case "trello":
				out = append(out, views.DataPlace{Name: "Trello", What: "the organizers' board gets a card with the same details, " +
					"moved from list to list as your registration goes on."})
			case "mailgun":
				out = append(out, views.DataPlace{Name: "Mailgun", What: "our mail provider delivers the emails we send you: " +
					"it handles your email address and those messages, and tells us whether they arrived."})
			}
		}
	}
	return out
}
