package trello_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"registrar/integrations/fakeapi"
	"registrar/integrations/trello"
	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

func config(fake *trellotest.Server) trello.Config {
	return trello.Config{Key: trellotest.Key, Token: trellotest.Token, BoardID: fake.BoardID,
		APIBase: fake.APIBase(), Secret: trellotest.Secret}
}

func newBoard(t *testing.T, fake *trellotest.Server, client *http.Client) *trello.Board {
	t.Helper()
	if client == nil {
		client = fake.Client()
	}
	return trello.New(config(fake), client, trello.WithRate(rate.Inf, 1))
}

func student(id, list string) workflows.Card {
	return workflows.Card{RegistrationID: id, Name: "Ada Lovelace — Analytical", Description: "Projects: nova",
		List: list, Label: "student"}
}

func put(t *testing.T, b *trello.Board, cardID string, c workflows.Card, lookFirst bool) string {
	t.Helper()
	id, err := b.PutCard(t.Context(), cardID, c, lookFirst)
	if err != nil {
		t.Fatalf("PutCard(%q, %s, %v): %v", cardID, c.RegistrationID, lookFirst, err)
	}
	return id
}

func TestPutCardCreates(t *testing.T) {
	fake := trellotest.New(t)
	b := newBoard(t, fake, nil)
	id := put(t, b, "", student("r1", "Awaiting confirmation"), false)

	got, ok := fake.Card(id)
	if !ok {
		t.Fatalf("card %s not on the board: %+v", id, fake.Cards())
	}
	if got.List != "Awaiting confirmation" || !slices.Equal(got.Labels, []string{"student"}) || got.Name != "Ada Lovelace — Analytical" {
		t.Errorf("card = %+v", got)
	}
	if !strings.Contains(got.Desc, "Projects: nova") || !strings.HasSuffix(got.Desc, "registrar:r1") {
		t.Errorf("description %q lacks the answers or the marker", got.Desc)
	}
	want := []string{"Awaiting confirmation", "Confirmed — awaiting review", "Accepted", "On the waitlist", "Mentoring", "Completed", "Withdrawn"}
	if got := fake.Lists(); !slices.Equal(got, want) {
		t.Errorf("lists = %q, want %q", got, want)
	}
	put(t, b, "", student("r2", "Accepted"), false)
	if n := fake.Calls("lists.list") + fake.Calls("labels.list"); n != 2 {
		t.Errorf("lists and labels read %d times, want once each", n)
	}
}

// A board set up before the lists took the status labels keeps its lists:
// cards go to Applicants and Waitlist, and no list is added twice.
func TestPutCardKeepsOldLists(t *testing.T) {
	fake := trellotest.New(t)
	old := []string{"Applicants", "Accepted", "Waitlist", "Mentoring", "Completed", "Withdrawn"}
	for _, name := range old {
		fake.AddList(name)
	}
	b := newBoard(t, fake, nil)
	for i, c := range []struct{ list, want string }{
		{"Awaiting confirmation", "Applicants"}, {"Confirmed — awaiting review", "Applicants"},
		{"On the waitlist", "Waitlist"}, {"Accepted", "Accepted"},
	} {
		id := put(t, b, "", student(fmt.Sprintf("r%d", i), c.list), false)
		if got, _ := fake.Card(id); got.List != c.want {
			t.Errorf("card for %q is in %q, want %q", c.list, got.List, c.want)
		}
	}
	if got := fake.Lists(); !slices.Equal(got, old) {
		t.Errorf("lists = %q, want the board's own %q", got, old)
	}
}

func TestPutCard(t *testing.T) {
	tests := []struct {
		name string
		// run puts cards and returns the ID the last put returned and the
		// ID the card should have
		run         func(t *testing.T, fake *trellotest.Server, b *trello.Board) (got, want string)
		wantCreates int
		wantList    string
		wantLabels  []string
	}{
		{
			name: "moves a known card",
			run: func(t *testing.T, _ *trellotest.Server, b *trello.Board) (string, string) {
				id := put(t, b, "", student("r1", "Applicants"), false)
				return put(t, b, id, student("r1", "Accepted"), false), id
			},
			wantCreates: 1, wantList: "Accepted", wantLabels: []string{"student"},
		},
		{
			name: "keeps an organizer's label",
			run: func(t *testing.T, fake *trellotest.Server, b *trello.Board) (string, string) {
				id := put(t, b, "", student("r1", "Applicants"), false)
				fake.AddLabel(id, "needs help")
				return put(t, b, id, student("r1", "Mentoring"), false), id
			},
			wantCreates: 1, wantList: "Mentoring", wantLabels: []string{"student", "needs help"},
		},
		{
			name: "recreates a card deleted on the board",
			run: func(t *testing.T, fake *trellotest.Server, b *trello.Board) (string, string) {
				id := put(t, b, "", student("r1", "Applicants"), false)
				fake.DeleteCard(id)
				got := put(t, b, id, student("r1", "Accepted"), false)
				return got, fake.Cards()[0].ID
			},
			wantCreates: 2, wantList: "Accepted", wantLabels: []string{"student"},
		},
		{
			name: "lookFirst finds the card by its marker",
			run: func(t *testing.T, _ *trellotest.Server, b *trello.Board) (string, string) {
				id := put(t, b, "", student("r1", "Applicants"), false)
				return put(t, b, "", student("r1", "Waitlist"), true), id
			},
			wantCreates: 1, wantList: "Waitlist", wantLabels: []string{"student"},
		},
		{
			name: "lookFirst creates when no card has the marker",
			run: func(t *testing.T, fake *trellotest.Server, b *trello.Board) (string, string) {
				got := put(t, b, "", student("r1", "Applicants"), true)
				return got, fake.Cards()[0].ID
			},
			wantCreates: 1, wantList: "Applicants", wantLabels: []string{"student"},
		},
		{
			name: "lookFirst matches the marker as a whole word",
			run: func(t *testing.T, fake *trellotest.Server, b *trello.Board) (string, string) {
				put(t, b, "", student("r10", "Applicants"), false)
				got := put(t, b, "", student("r1", "Accepted"), true)
				return got, fake.Cards()[1].ID
			},
			wantCreates: 2, wantList: "Accepted", wantLabels: []string{"student"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := trellotest.New(t)
			b := newBoard(t, fake, nil)
			got, want := tt.run(t, fake, b)
			if got != want {
				t.Errorf("PutCard returned %s, want %s", got, want)
			}
			if n := fake.Creates(); n != tt.wantCreates {
				t.Errorf("creates = %d, want %d", n, tt.wantCreates)
			}
			card, ok := fake.Card(got)
			if !ok {
				t.Fatalf("card %s not on the board", got)
			}
			if card.List != tt.wantList || !slices.Equal(card.Labels, tt.wantLabels) {
				t.Errorf("card in %q with labels %q, want %q with %q", card.List, card.Labels, tt.wantList, tt.wantLabels)
			}
		})
	}
}

// A create whose outcome was unknown is retried with lookFirst, as the sync
// job does; the board must end with one card.
func TestPutCardRetryAfterUnknownOutcome(t *testing.T) {
	tests := []struct {
		name  string
		fault fakeapi.Fault
	}{
		{"create applied, then 500", fakeapi.Fault{Kind: fakeapi.FailAfterCommit, Op: "cards.create"}},
		{"create applied, then no answer", fakeapi.Fault{Kind: fakeapi.Slow, Op: "cards.create"}},
		{"create refused with 503", fakeapi.Fault{Kind: fakeapi.Fail5xx, Op: "cards.create"}},
		{"first list lookup refused", fakeapi.Fault{Kind: fakeapi.Fail5xx, Op: "lists.list"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := trellotest.New(t)
			client := fake.Client()
			client.Timeout = 300 * time.Millisecond
			b := newBoard(t, fake, client)
			fake.Script(tt.fault)

			_, err := b.PutCard(t.Context(), "", student("r1", "Applicants"), false)
			if workflows.KindOf(err) != workflows.Unavailable {
				t.Fatalf("first attempt: kind %v (%v), want unavailable", workflows.KindOf(err), err)
			}
			id := put(t, b, "", student("r1", "Applicants"), true)
			if cards := fake.Cards(); len(cards) != 1 || cards[0].ID != id {
				t.Errorf("cards = %+v, want exactly %s", cards, id)
			}
		})
	}
}

// The shared limiter keeps many concurrent calls under the fake's per-token
// limit. Both are scaled from "100 per 10 s" to "100 per 500 ms".
func TestRateLimiter(t *testing.T) {
	const window = 500 * time.Millisecond
	run := func(t *testing.T, window time.Duration, opts ...trello.Option) (*trellotest.Server, []error) {
		fake := trellotest.New(t, trellotest.WithRateLimit(100, window))
		b := trello.New(config(fake), fake.Client(), opts...)
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			errs []error
		)
		for w := range 5 {
			wg.Go(func() {
				id := ""
				for i := range 50 {
					var err error
					c := student(fmt.Sprintf("r%d", w), []string{"Applicants", "Accepted"}[i%2])
					if id, err = b.PutCard(t.Context(), id, c, false); err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
						return
					}
				}
			})
		}
		wg.Wait()
		return fake, errs
	}
	t.Run("with the limiter", func(t *testing.T) {
		// The default 8/s, burst 8, scaled to the window.
		fake, errs := run(t, window, trello.WithRate(rate.Limit(8*float64(10*time.Second/window)), 8))
		if len(errs) > 0 || fake.RateLimited() > 0 {
			t.Errorf("%d errors (first: %v), %d requests refused", len(errs), first(errs), fake.RateLimited())
		}
		if n := fake.Calls("cards.update") + fake.Calls("cards.create"); n != 250 {
			t.Errorf("%d card calls, want 250", n)
		}
	})
	t.Run("without it the fake refuses", func(t *testing.T) {
		// Trello's own window, so that even a slow, loaded machine sends
		// more than 100 requests within it.
		fake, errs := run(t, 10*time.Second, trello.WithRate(rate.Inf, 1))
		if fake.RateLimited() == 0 || len(errs) == 0 {
			t.Fatalf("no request was refused: the fake does not enforce its limit")
		}
		if workflows.KindOf(errs[0]) != workflows.Unavailable {
			t.Errorf("a refused request is %v, want unavailable: %v", workflows.KindOf(errs[0]), errs[0])
		}
	})
}

func TestDeleteCard(t *testing.T) {
	fake := trellotest.New(t)
	b := newBoard(t, fake, nil)
	id := put(t, b, "", student("r1", "Applicants"), false)
	for range 2 { // the second delete finds nothing and is fine
		if err := b.DeleteCard(t.Context(), id); err != nil {
			t.Fatalf("DeleteCard: %v", err)
		}
	}
	if cards := fake.Cards(); len(cards) != 0 {
		t.Errorf("cards left: %+v", cards)
	}
}

func first(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	return errs[0]
}

// adlio/trello binds a context to GETs only; the adapter binds it to writes
// too, so a cancelled job stops waiting for a slow create.
func TestPutCardHonoursContext(t *testing.T) {
	fake := trellotest.New(t)
	b := newBoard(t, fake, nil) // the client waits 5 s
	put(t, b, "", student("r0", "Applicants"), false)
	fake.Script(fakeapi.Fault{Kind: fakeapi.Slow, Op: "cards.create"})
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := b.PutCard(ctx, "", student("r1", "Applicants"), false)
	if workflows.KindOf(err) != workflows.Unavailable {
		t.Errorf("kind %v (%v), want unavailable", workflows.KindOf(err), err)
	}
	if waited := time.Since(start); waited > 2*time.Second {
		t.Errorf("PutCard returned after %v, long after its context ended", waited)
	}
}
