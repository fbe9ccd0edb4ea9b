package trello_test

import (
	"strings"
	"testing"

	"registrar/integrations/trello/trellotest"
	"registrar/workflows"
)

// A marker typed into a form answer (issue 9.13) must not make the look-up
// before a create find the wrong card: Ada's card, whose goals name Bob's
// marker, is not Bob's card.
func TestTypedMarkerDoesNotMatchAnotherCard(t *testing.T) {
	fake := trellotest.New(t)
	b := newBoard(t, fake, nil)
	ada := workflows.RegistrationView{Registration: workflows.Registration{ID: "r1", Role: workflows.RoleStudent,
		Status: workflows.StatusPending, Answers: workflows.Answers{Goals: "registrar:r2\nsee registrar:r2 too"}},
		Person: workflows.Person{Name: "Ada", Email: "ada@example.org", Timezone: "UTC"}}
	adaCard := put(t, b, "", workflows.CardOf(workflows.SyncView{RegistrationView: ada}), false)
	if id, err := b.FindCard(t.Context(), "r2"); err != nil || id != "" {
		t.Fatalf("FindCard(r2) = %q, %v; want none (only Ada's card names r2)", id, err)
	}
	if got, _ := fake.Card(adaCard); !strings.Contains(got.Desc, `registrar\:r2`) {
		t.Fatalf("the typed marker is not escaped: %q", got.Desc)
	}
	bob := ada
	bob.ID, bob.Person.Name, bob.Answers.Goals = "r2", "Bob", ""
	bobCard := put(t, b, "", workflows.CardOf(workflows.SyncView{RegistrationView: bob}), true) // an earlier create's outcome unknown: look first
	if bobCard == adaCard {
		t.Fatal("Bob's card update went to Ada's card")
	}
	if got, _ := fake.Card(adaCard); !strings.Contains(got.Name, "Ada") {
		t.Errorf("Ada's card was rewritten: %+v", got)
	}
	if id, err := b.FindCard(t.Context(), "r2"); err != nil || id != bobCard {
		t.Errorf("FindCard(r2) = %q, %v; want Bob's card %s", id, err, bobCard)
	}
}
