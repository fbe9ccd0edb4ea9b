package main

import "net/url"

// links builds the absolute URLs that go into emails and printed output.
type links struct{ base string }

func (l links) Confirm(token string) string { return l.base + "/confirm/" + url.PathEscape(token) }
func (l links) Event(slug string) string    { return l.base + "/events/" + url.PathEscape(slug) }
func (l links) Login(token string) string   { return l.base + "/login/" + url.PathEscape(token) }
func (l links) Unsubscribe(token string) string {
	return l.base + "/unsubscribe/" + url.PathEscape(token)
}
func (l links) Page(path string) string { return l.base + path }
