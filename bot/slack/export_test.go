package slack

import "time"

// Tests wait a millisecond, not a quarter of a second, between retries of
// a Web API call: what is tested is that a retry happens, not when.
func init() { retryBase = time.Millisecond }

// PerUserPending is how many envelopes one person may have waiting.
const PerUserPending = perUserPending
