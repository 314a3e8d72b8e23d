package typeset

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Every typesetting is bounded: a document stops with an error when it would pass the page
// limit or the time limit, or when its context is cancelled (Ctrl-C), instead of growing.
const (
	// DefaultMaxPages is the page limit when PDFOptions.MaxPages is 0: fifty times the largest
	// example, and about 60 MB of memory at most.
	DefaultMaxPages = 2000
	// DefaultTimeout is the time limit when PDFOptions.Timeout is 0.
	DefaultTimeout = 2 * time.Minute
)

// ErrTooManyPages is returned for a document longer than the page limit.
var ErrTooManyPages = errors.New("the document is longer than the page limit")

// abort carries an error out of the layout, from as deep as it is found.
type abort struct{ err error }

// check stops the typesetting when its context is done. It is called for every line and table
// row, and costs a channel poll.
func (w *pdfWriter) check() {
	select {
	case <-w.done:
		err := w.ctx.Err()
		if errors.Is(err, context.DeadlineExceeded) && w.deadline {
			err = fmt.Errorf("typesetting took longer than the limit of %s: %w", w.timeout, err)
		} else {
			err = fmt.Errorf("typesetting interrupted: %w", err)
		}
		panic(abort{err})
	default:
	}
}

// checkPages stops the typesetting before the page past the limit.
func (w *pdfWriter) checkPages() {
	if w.f.PageNo() >= w.maxPages {
		panic(abort{fmt.Errorf("%w of %d pages; split the document or raise the limit", ErrTooManyPages, w.maxPages)})
	}
	w.check()
}

// limits sets up the bounds of one typesetting and returns the function that releases them.
func (w *pdfWriter) limits(ctx context.Context) context.CancelFunc {
	w.maxPages = w.opts.MaxPages
	if w.maxPages <= 0 {
		w.maxPages = DefaultMaxPages
	}
	w.timeout = w.opts.Timeout
	if w.timeout == 0 {
		w.timeout = DefaultTimeout
	}
	cancel := context.CancelFunc(func() {})
	if w.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, w.timeout)
		w.deadline = true
	}
	w.ctx, w.done = ctx, ctx.Done()
	return cancel
}
