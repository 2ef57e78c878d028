package logctx

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

func TestFrom(t *testing.T) {
	var b bytes.Buffer
	base := slog.New(slog.NewTextHandler(&b, nil))
	if From(context.Background(), base) != base {
		t.Error("without a logger in the context, From must return the fallback")
	}
	ctx := With(context.Background(), base.With("event_id", "Ev1"))
	From(ctx, base).Info("hello")
	if !strings.Contains(b.String(), "event_id=Ev1") {
		t.Errorf("the context's logger was not used: %q", b.String())
	}
}
