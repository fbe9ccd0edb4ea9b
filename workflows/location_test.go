package workflows

import "testing"

func TestLoadLocationIsCached(t *testing.T) {
	a, err := LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := LoadLocation("Europe/Berlin")
	if a != b || a.String() != "Europe/Berlin" {
		t.Errorf("second load %p %v, first %p", b, b, a)
	}
	if _, err := LoadLocation("Mars/Olympus"); err == nil {
		t.Error("an unknown zone loaded")
	}
}
