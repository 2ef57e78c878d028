package teams

import "time"

// Observer hears what the adapter does, for metrics; package metrics
// implements it. Methods are called on the request path and from many
// goroutines, so they must be cheap and safe for concurrent use.
type Observer interface {
	// TeamsRequest: one POST to /api/messages, answered with status after d.
	TeamsRequest(activityType string, status int, d time.Duration)
	// TeamsHandled: the work on one verified activity, replies included.
	TeamsHandled(activityType string, d time.Duration)
	// TeamsConnectorCall: one HTTP call to the Bot Connector; op is
	// "send" or "update", status the HTTP status or "error".
	TeamsConnectorCall(op, status string, d time.Duration)
	// Recommended is called for each recommendation card sent.
	Recommended(approach string)
}

type nopObserver struct{}

func (nopObserver) TeamsRequest(string, int, time.Duration)          {}
func (nopObserver) TeamsHandled(string, time.Duration)               {}
func (nopObserver) TeamsConnectorCall(string, string, time.Duration) {}
func (nopObserver) Recommended(string)                               {}

func observer(o Observer) Observer {
	if o == nil {
		return nopObserver{}
	}
	return o
}
