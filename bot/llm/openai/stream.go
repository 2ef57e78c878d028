package openai

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	goopenai "github.com/sashabaranov/go-openai"

	"github.com/advisorbot/advisorbot/bot/llm"
)

// errIdle is the cancellation cause the stream watchdog sets.
var errIdle = errors.New("openai: no stream data within the idle timeout")

// Stream streams a completion, calling onDelta with each piece of text.
// The text delivered so far is in the returned Completion whatever the
// error.
//
// Until the server answers, errors are as for [Client.Complete]: retries
// happen only then. Once the stream has opened, a watchdog cancels it when
// no chunk arrives for the configured IdleTimeout (an error wrapping
// [llm.ErrStalled]). The watchdog starts only then because before, the
// retry layer may be waiting out a Retry-After; it is paused while onDelta
// runs, so a slow consumer is not mistaken for a slow server. A stream
// that ends without a finish reason (with or without "data: [DONE]"), a
// mid-stream error event, a malformed chunk or a cancelled context (whose
// error is wrapped too) return an error wrapping [llm.ErrIncomplete]. An
// error from onDelta stops the stream and is returned wrapped.
//
// The server is asked for a final usage chunk; without one, Usage is zero.
func (c *Client) Stream(ctx context.Context, req llm.Request, onDelta func(delta string) error) (comp llm.Completion, err error) {
	start := time.Now()
	var id string
	defer func() { c.finish("stream", req, id, comp, start, err) }()

	creq, err := c.chatRequest(req)
	if err != nil {
		return comp, fmt.Errorf("openai: stream: %w", err)
	}
	creq.StreamOptions = &goopenai.StreamOptions{IncludeUsage: true}

	streamCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stream, err := c.api.CreateChatCompletionStream(streamCtx, creq)
	if err != nil {
		return comp, fmt.Errorf("openai: stream: %w", c.classify(err))
	}
	defer stream.Close()

	watchdog := time.AfterFunc(c.idle, func() { cancel(errIdle) })
	defer watchdog.Stop()

	var text strings.Builder
	for {
		chunk, err := stream.Recv()
		watchdog.Stop()
		if errors.Is(err, io.EOF) && comp.FinishReason != "" {
			// Finished; a missing "data: [DONE]" after the finish
			// reason loses nothing but, perhaps, the usage chunk.
			comp.Text = text.String()
			return comp, nil
		}
		if errors.Is(err, io.EOF) {
			comp.Text = text.String()
			return comp, fmt.Errorf("openai: stream: %w: the stream ended without a finish reason", llm.ErrIncomplete)
		}
		if err != nil {
			comp.Text = text.String()
			return comp, c.streamError(ctx, streamCtx, err)
		}

		if chunk.ID != "" {
			id = chunk.ID
		}
		if chunk.Model != "" {
			comp.Model = chunk.Model
		}
		if chunk.Usage != nil {
			comp.Usage = toUsage(chunk.Usage)
		}
		// Chunks without choices are normal: Azure's opening
		// prompt_filter_results and the final usage chunk.
		for _, ch := range chunk.Choices {
			if ch.Index != 0 { // only one choice is ever asked for
				continue
			}
			if ch.FinishReason != "" && ch.FinishReason != goopenai.FinishReasonNull {
				comp.FinishReason = string(ch.FinishReason)
			}
			// A refusal replaces content; it is text the user should see.
			delta := ch.Delta.Content + ch.Delta.Refusal
			if delta == "" {
				continue
			}
			text.WriteString(delta)
			if onDelta != nil {
				if err := onDelta(delta); err != nil {
					comp.Text = text.String()
					return comp, fmt.Errorf("openai: stream: %w", err)
				}
			}
		}
		watchdog.Reset(c.idle)
	}
}
