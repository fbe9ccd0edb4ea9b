package views

import (
	"net/url"
	"regexp"
	"strings"
)

// textRun is a piece of a paragraph of plain text: words, a link or a line
// break. The page renders runs as templ nodes, so organizers' text is
// escaped like every other value and never becomes markup.
type textRun struct {
	Text  string
	URL   string // a link to URL, shown as Text
	Break bool
}

// bareURL finds http(s) URLs in text. Other schemes (javascript:, data:)
// never match, so they stay text.
var bareURL = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'\x60]+`)

// blankLine parts paragraphs: an empty line, or one of spaces and tabs.
var blankLine = regexp.MustCompile(`\n[ \t]*\n`)

// paragraphs splits plain text into paragraphs at blank lines; a single line
// break inside a paragraph stays one, and bare http(s) URLs become links.
func paragraphs(s string) [][]textRun {
	var out [][]textRun
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, para := range blankLine.Split(s, -1) {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		var runs []textRun
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				runs = append(runs, textRun{Break: true})
			}
			runs = append(runs, linkify(strings.TrimRight(line, " \t"))...)
		}
		out = append(out, runs)
	}
	return out
}

// linkify splits a line into text and links.
func linkify(line string) []textRun {
	var runs []textRun
	rest := 0
	for _, m := range bareURL.FindAllStringIndex(line, -1) {
		raw := trimURL(line[m[0]:m[1]])
		if !linkable(raw) {
			continue
		}
		if m[0] > rest {
			runs = append(runs, textRun{Text: line[rest:m[0]]})
		}
		runs = append(runs, textRun{Text: raw, URL: raw})
		rest = m[0] + len(raw)
	}
	if rest < len(line) {
		runs = append(runs, textRun{Text: line[rest:]})
	}
	return runs
}

// trimURL drops the punctuation that ends a sentence around a URL ("see
// https://example.org/a." or "(https://example.org)"); a closing bracket
// stays when the URL opened it, as in Wikipedia's addresses.
func trimURL(u string) string {
	for u != "" {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?*'", last) >= 0:
			u = u[:len(u)-1]
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
			u = u[:len(u)-1]
		case last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
			u = u[:len(u)-1]
		default:
			return u
		}
	}
	return u
}

// linkable reports whether u is a web address with a host, worth a link.
func linkable(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || p.Hostname() == "" {
		return false
	}
	scheme := strings.ToLower(p.Scheme)
	return scheme == "http" || scheme == "https"
}
