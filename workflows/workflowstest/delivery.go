package workflowstest

import (
	"context"
	"fmt"

	"registrar/workflows"
)

// Deliver sends one queued email through d and records it in a transaction
// of its own, as the runner does for a batch of one; it returns the
// provider's ID.
func Deliver(ctx context.Context, d *workflows.Delivery, job workflows.JobRef) (string, error) {
	b := d.SendAll(ctx, []workflows.JobRef{job})
	if err := b.Results[0].Err; err != nil {
		return "", err
	}
	if err := d.Store.InTx(ctx, func(tx workflows.Tx) error { return b.Commit(ctx, tx, []int{0}) }); err != nil {
		return "", fmt.Errorf("record email %s: %w", job.Key, err)
	}
	return b.Results[0].ExternalID, nil
}
