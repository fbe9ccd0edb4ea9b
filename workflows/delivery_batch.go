package workflows

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/mail"
	"strings"
)

// Sign-up emails sent together: every "confirm your place" email to an event
// says the same but for its link, so the first try of such emails claimed
// in one batch goes out in one provider call with the link as a recipient
// variable, instead of one call each. Each recipient still gets their own
// message, seeing only their own address. A retry always goes alone, and
// looks for its email at the provider first, so an unknown outcome of a
// call made together never sends an email twice.

// batchKey is what the emails of one call share: kind and data, but the link.
type batchKey struct {
	kind EmailKind
	data SignupEmail // Link left empty
}

// together picks, among the emails todo (indexes into jobs and outs), groups
// of two or more that can go in one call; the rest go alone.
func (d *Delivery) together(jobs []JobRef, outs []Outgoing, todo []int) (groups [][]int, alone []int) {
	if d.Batch == nil || d.Emails == nil { // without a renderer, each reports that alone
		return nil, todo
	}
	type recipient struct {
		batch batchKey
		addr  string
	}
	byKey := map[batchKey][]int{}
	var keys []batchKey // in first-seen order, so sends keep the queue's order
	taken := map[recipient]bool{}
	for _, i := range todo {
		o := outs[i]
		// A named email would need the name escaped for HTML and not for
		// text; only anonymous ones (anyone not yet confirmed) go together.
		if jobs[i].Attempt > 1 || o.Signup == nil || o.Signup.Name != "" || !LinkVerbatim(o.Signup.Link) {
			alone = append(alone, i)
			continue
		}
		k := batchKey{kind: o.Kind, data: *o.Signup}
		k.data.Link = ""
		r := recipient{batch: k, addr: strings.ToLower(o.To)}
		if a, err := mail.ParseAddress(o.To); err == nil {
			r.addr = strings.ToLower(a.Address)
		}
		// The provider merges a repeated address into one message: the
		// second email to it goes alone.
		if taken[r] || len(byKey[k]) == MaxBatch {
			alone = append(alone, i)
			continue
		}
		taken[r] = true
		if len(byKey[k]) == 0 {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], i)
	}
	for _, k := range keys {
		if g := byKey[k]; len(g) > 1 {
			groups = append(groups, g)
		} else {
			alone = append(alone, g...)
		}
	}
	return groups, alone
}

// sendTogether sends group in one call and returns each email's result. A
// call the provider refused for good (a bad address among them, say), or
// that could not be made, is made again one email at a time, so that only
// the bad one fails; a call whose outcome is unknown fails them all, to be
// retried alone.
func (d *Delivery) sendTogether(ctx context.Context, group []Outgoing) []JobResult {
	res := make([]JobResult, len(group))
	msg, err := d.batchMessage(group)
	if err == nil {
		var id string
		if id, err = d.Batch.SendBatch(ctx, msg); err == nil {
			for k := range res {
				res[k].ExternalID = id
			}
			return res
		}
		if kind := KindOf(err); kind == Unavailable || kind == Internal {
			for k, o := range group {
				res[k].Err = fmt.Errorf("send email %s in a call with %d others: %w", o.ID, len(group)-1, err)
			}
			return res
		}
	}
	// Alone, each email meets the same problem and reports it itself.
	for k, o := range group {
		res[k] = d.sendOne(ctx, o, false)
	}
	return res
}

// batchMessage renders group's shared email once, with Mailgun-style
// %recipient.link% where each link goes.
func (d *Delivery) batchMessage(group []Outgoing) (BatchMessage, error) {
	first := group[0]
	// A stand-in link nobody can have typed, replaced after rendering.
	standIn := "https://link.invalid/" + strings.ToLower(rand.Text())
	data := *first.Signup
	data.Link = standIn
	c, err := RenderSignup(d.Emails, first.Kind, data)
	if err != nil {
		return BatchMessage{}, err
	}
	if strings.Contains(c.Subject+c.HTML+c.Text, "%recipient.") {
		// The provider would fill it in: say, an event titled so.
		return BatchMessage{}, fmt.Errorf("%s email holds a recipient placeholder of its own", first.Kind)
	}
	link := recipientVar("link")
	msg := BatchMessage{ID: NewID(), Subject: c.Subject, Tag: string(first.Kind), OfEmails: true,
		HTML: strings.ReplaceAll(c.HTML, standIn, link), Text: strings.ReplaceAll(c.Text, standIn, link)}
	for _, o := range group {
		msg.Recipients = append(msg.Recipients, BatchRecipient{To: o.To, Vars: map[string]string{"send_id": o.ID, "link": o.Signup.Link}})
	}
	return msg, nil
}

// LinkVerbatim reports whether link is non-empty and made only of
// characters that HTML escaping, in text and in attributes, leaves as they
// are: such a link can be put into a rendered email by replacement.
func LinkVerbatim(link string) bool {
	if link == "" {
		return false
	}
	for i := range len(link) {
		switch c := link[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte(":/.-_~", c) >= 0:
		default:
			return false
		}
	}
	return true
}
