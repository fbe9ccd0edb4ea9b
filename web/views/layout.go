package views

// pageTitle puts the page first, so tabs and bookmarks tell pages apart.
func pageTitle(p Page) string {
	if p.Title == "" {
		return "Registrar"
	}
	return p.Title + " · Registrar"
}
