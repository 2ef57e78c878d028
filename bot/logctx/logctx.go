// Package logctx carries a request's logger in its context, so every line
// logged while handling one event (by the adapter, the engine, the
// explainer or the extractor) names that event, without each layer passing
// ids along.
package logctx

import (
	"context"
	"log/slog"
)

type key struct{}

// With returns ctx carrying lg.
func With(ctx context.Context, lg *slog.Logger) context.Context {
	return context.WithValue(ctx, key{}, lg)
}

// From returns the logger ctx carries, else fallback.
func From(ctx context.Context, fallback *slog.Logger) *slog.Logger {
	if lg, ok := ctx.Value(key{}).(*slog.Logger); ok && lg != nil {
		return lg
	}
	return fallback
}
