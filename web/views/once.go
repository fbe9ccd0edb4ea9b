package views

import (
	"bytes"
	"context"
	"io"

	"github.com/a-h/templ"
)

// renderedOnce renders c the first time and writes the same bytes after,
// for markup a page repeats: the pairings page has one select of every
// mentor with room per waiting student (60 × 100 options in the bench
// fixture), escaped once instead of for each. Use one per page render.
func renderedOnce(c templ.Component) templ.Component {
	var (
		html     []byte
		rendered bool
	)
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if !rendered {
			var b bytes.Buffer
			if err := c.Render(ctx, &b); err != nil {
				return err
			}
			html, rendered = b.Bytes(), true
		}
		_, err := w.Write(html)
		return err
	})
}
