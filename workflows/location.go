package workflows

import (
	"sync"
	"time"
)

// locations memoises time.LoadLocation, which reads and parses the zone's
// tzdata on every call (about 3 % of a sign-up's CPU): zones never change
// while the process runs. It is the one package-level variable here, a pure
// cache that holds nothing of the application's state.
var locations sync.Map // name → *time.Location

// LoadLocation is time.LoadLocation, loaded once per zone name.
func LoadLocation(name string) (*time.Location, error) {
	if l, ok := locations.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	locations.Store(name, l)
	return l, nil
}
