package vendorapi

import "strings"

// scrubbed is a vendor failure whose text is scrubbed; errors.Is and
// errors.As still reach the vendor's error.
type scrubbed struct{ err error }

func (e scrubbed) Error() string { return Scrub(e.err.Error()) }
func (e scrubbed) Unwrap() error { return e.err }

// Scrub takes out of a vendor's error text what must not reach the log or
// jobs.last_error: query strings, which carry look-up filters such as
// recipient=<address> (and Trello's key and token), and email addresses,
// which vendors echo in their answers.
func Scrub(text string) string {
	return scrubAddresses(scrubQueries(text))
}

// scrubQueries drops every "?name=value..." up to the end of its URL.
func scrubQueries(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '?')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		end := i + 1 + urlLen(s[i+1:])
		b.WriteString(s[:i])
		if !strings.Contains(s[i+1:end], "=") { // a question, not a query
			b.WriteString(s[i:end])
		}
		s = s[end:]
	}
}

// urlLen is how much of s can still belong to a URL.
func urlLen(s string) int {
	if n := strings.IndexAny(s, " \t\r\n\"'`<>(){}[],;"); n >= 0 {
		return n
	}
	return len(s)
}

// scrubAddresses replaces local@domain, with @ written plainly or
// percent-encoded, by "[address]".
func scrubAddresses(s string) string {
	var b strings.Builder
	for {
		at, sep := strings.IndexByte(s, '@'), 1
		if enc := strings.Index(s, "%40"); enc >= 0 && (at < 0 || enc < at) {
			at, sep = enc, 3
		}
		if at < 0 {
			b.WriteString(s)
			return b.String()
		}
		start := at
		for start > 0 && isLocalByte(s[start-1]) {
			start--
		}
		end := at + sep
		for end < len(s) && isDomainByte(s[end]) {
			end++
		}
		b.WriteString(s[:start])
		if start < at && end > at+sep {
			b.WriteString("[address]")
		} else {
			b.WriteString(s[start:end])
		}
		s = s[end:]
	}
}

func isDomainByte(c byte) bool {
	return c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isLocalByte(c byte) bool {
	return isDomainByte(c) || c == '_' || c == '+' || c == '%'
}
