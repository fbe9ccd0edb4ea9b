package sqlstore

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"registrar/workflows"
)

// Searching is case- and accent-insensitive on both databases because the
// text searched is folded here, in Go, and stored folded beside the row
// (registrations.search and sort_name): SQLite has no accent folding and
// PostgreSQL's unaccent is an extension we cannot count on. The query is
// folded the same way, so "Muller" finds "Müller" and "jose" finds "José".

// foldLetter spells the letters NFD does not take apart (letters of their
// own, which people type without the stroke or ligature) in plain letters.
func foldLetter(r rune) string {
	switch r {
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ', 'ð':
		return "d"
	case 'ħ':
		return "h"
	case 'ı':
		return "i"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'þ':
		return "th"
	}
	return ""
}

// fold lower-cases s and strips its diacritics: "José Müller-Øster" becomes
// "jose muller-oster".
func fold(s string) string {
	out := strings.ToLower(s)
	if isASCII(out) || !utf8.ValidString(out) { // nothing to fold; invalid text the forms refuse anyway
		return out
	}
	out = norm.NFC.String(strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(out)))
	if strings.IndexFunc(out, func(r rune) bool { return foldLetter(r) != "" }) < 0 {
		return out
	}
	var b strings.Builder
	for _, r := range out {
		if s := foldLetter(r); s != "" {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// searchText is what a registration is found by besides the person's folded
// name (sort_name): their address, company and the project(s), folded. The
// name is not copied in (migration 00072); the address is (00073), so a
// search reads the registrations alone, not every person of the event.
func searchText(email, company string, a workflows.Answers) string {
	parts := []string{email, company, a.Project, a.Projects}
	return fold(strings.Join(parts, "\n"))
}

// likePattern is a LIKE pattern finding q anywhere in folded text, with
// LIKE's wildcards in q taken literally (ESCAPE '\').
func likePattern(q string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(fold(q)) + "%"
}
