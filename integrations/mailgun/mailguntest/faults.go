package mailguntest

import "registrar/integrations/faultinject"

// Fault injection, shared by the three fakes; see package faultinject.
type (
	// FaultKind is one way a request fails.
	FaultKind = faultinject.Kind
	// Fault is one scripted failure; its Op is an operation name of this fake.
	Fault = faultinject.Fault
)

// The ways a request fails.
const (
	Fail5xx         = faultinject.Fail5xx
	RateLimit       = faultinject.RateLimit
	Slow            = faultinject.Slow
	FailAfterCommit = faultinject.FailAfterCommit
)
