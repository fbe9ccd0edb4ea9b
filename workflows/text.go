package workflows

import "unicode"

// hasControl reports control characters; multi-line answers may hold newlines and tabs.
func hasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return true
		}
	}
	return false
}

// hasFormat reports invisible format characters (Unicode Cf): direction
// overrides and isolates that make "Ada\u202Egnp.exe" read as
// "Adaexe.png", zero-width spaces, byte-order marks. The zero-width
// non-joiner and joiner are allowed: Persian, Indic scripts and emoji need
// them.
func hasFormat(s string) bool {
	for _, r := range s {
		if r == '\u200c' || r == '\u200d' {
			continue
		}
		if unicode.Is(unicode.Cf, r) {
			return true
		}
	}
	return false
}
