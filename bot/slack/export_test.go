package slack

import (
	"context"
	"time"
)

// Tests wait a millisecond, not a quarter of a second, between retries of
// a Web API call: what is tested is that a retry happens, not when.
func init() { retryBase = time.Millisecond }

// PerUserPending is how many envelopes one person may have waiting.
const PerUserPending = perUserPending

// FollowupThread is (*Server).followupThread.
func FollowupThread(a *Server, ctx context.Context, user, channel, thread string) bool {
	return a.followupThread(ctx, user, channel, thread)
}
