package workflows

import (
	"context"
	"time"
)

// Mail scanners fetch every link in an email before the person does, so
// following a one-time link only looks at its token: a page with a button
// shows what the link will do, and the button's POST (Confirm, Login) uses
// it. The functions here never write.

// ConfirmReady is a confirmation link that is still usable.
const ConfirmReady ConfirmOutcome = "ready"

// ConfirmLinkState says what a confirmation link would do, changing nothing:
// ConfirmReady for a usable link, else the outcome Confirm would give.
func (s *Signups) ConfirmLinkState(ctx context.Context, token string) (ConfirmResult, error) {
	var res ConfirmResult
	err := s.Store.InTx(ctx, func(tx Tx) error { // TokenByHash locks the row (FOR UPDATE): not a read-only View
		var err error
		_, _, res, err = readConfirmLink(ctx, tx, token, s.Clock.Now())
		return err
	})
	return res, err
}

// readConfirmLink reads a confirmation link and the registration it names;
// the result's Outcome is ConfirmReady when the link may be used at now,
// else what following it gives. Confirm and ConfirmLinkState share it.
func readConfirmLink(ctx context.Context, tx Tx, token string, now time.Time) (Token, RegistrationView, ConfirmResult, error) {
	var res ConfirmResult
	tk, err := tx.Tokens.TokenByHash(ctx, TokenConfirm, HashToken(token))
	if KindOf(err) == NotFound {
		res.Outcome = ConfirmInvalid
		return tk, RegistrationView{}, res, nil
	}
	if err != nil {
		return tk, RegistrationView{}, res, err
	}
	reg, err := tx.Registrations.RegistrationByID(ctx, tk.RegistrationID)
	if err != nil {
		return tk, reg, res, err
	}
	res.Event, res.Role = reg.Event, reg.Role
	switch {
	case !tk.Used.IsZero() || reg.Status != StatusPending:
		res.Outcome, res.Status = ConfirmedAgain, reg.Status
	case !now.Before(tk.Expires):
		res.Outcome = ConfirmInvalid
	default:
		res.Outcome = ConfirmReady
	}
	return tk, reg, res, nil
}

// LoginLinkState says what a sign-in link would do, changing nothing: LoginOK for
// a usable link, else the outcome Login would give.
func (a *Accounts) LoginLinkState(ctx context.Context, token string) (LoginOutcome, error) {
	now := a.Clock.Now()
	out := LoginInvalid
	err := a.Store.InTx(ctx, func(tx Tx) error { // TokenByHash locks the row: not a read-only View
		tk, err := tx.Tokens.TokenByHash(ctx, TokenLogin, HashToken(token))
		switch {
		case KindOf(err) == NotFound:
		case err != nil:
			return err
		case !tk.Used.IsZero():
			out = LoginUsed
		case !now.Before(tk.Expires):
			out = LoginExpired
		default:
			out = LoginOK
		}
		return nil
	})
	return out, err
}
