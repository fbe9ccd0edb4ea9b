package workflows

import "context"

// Mail scanners fetch every link in an email before the person does, so
// following a one-time link only looks at its token: a page with a button
// shows what the link will do, and the button's POST (Confirm, Login) uses
// it. The functions here never write.

// ConfirmReady is a confirmation link that is still usable.
const ConfirmReady ConfirmOutcome = "ready"

// ConfirmLinkState says what a confirmation link would do, changing nothing:
// ConfirmReady for a usable link, else the outcome Confirm would give.
func (s *Signups) ConfirmLinkState(ctx context.Context, token string) (ConfirmResult, error) {
	now := s.Clock.Now()
	var res ConfirmResult
	err := s.Store.InTx(ctx, func(tx Tx) error {
		tk, err := tx.Tokens.TokenByHash(ctx, TokenConfirm, HashToken(token))
		if KindOf(err) == NotFound {
			res.Outcome = ConfirmInvalid
			return nil
		}
		if err != nil {
			return err
		}
		reg, err := tx.Registrations.RegistrationByID(ctx, tk.RegistrationID)
		if err != nil {
			return err
		}
		res.Event, res.Role, res.Status = reg.Event, reg.Role, reg.Status
		switch {
		case !tk.Used.IsZero() || reg.Status != StatusPending:
			res.Outcome = ConfirmedAgain
		case !now.Before(tk.Expires):
			res.Outcome = ConfirmInvalid
		default:
			res.Outcome = ConfirmReady
		}
		return nil
	})
	return res, err
}

// LoginLinkState says what a sign-in link would do, changing nothing: LoginOK for
// a usable link, else the outcome Login would give.
func (a *Accounts) LoginLinkState(ctx context.Context, token string) (LoginOutcome, error) {
	now := a.Clock.Now()
	out := LoginInvalid
	err := a.Store.InTx(ctx, func(tx Tx) error {
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
