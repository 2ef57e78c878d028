package llm

import (
	"context"
	"strings"
	"sync"
	"unicode/utf8"
)

// Fake is a behavioural fake of [Model] for tests of code that uses a
// model: it answers each request with Answer(req), streamed in chunks of
// ChunkRunes runes, and records the requests. Err, when set, is returned
// after the text has streamed, as a real stream that fails midway would.
type Fake struct {
	ModelName  string
	Answer     func(req Request) string
	Err        error
	ChunkRunes int // 0: 7

	mu       sync.Mutex
	requests []Request
}

var _ Model = (*Fake)(nil)

// Name implements Model.
func (f *Fake) Name() string {
	if f.ModelName == "" {
		return "fake"
	}
	return f.ModelName
}

// Requests returns the requests received so far.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.requests...)
}

func (f *Fake) answer(req Request) string {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()
	if f.Answer == nil {
		return ""
	}
	return f.Answer(req)
}

// Complete implements Completer.
func (f *Fake) Complete(ctx context.Context, req Request) (Completion, error) {
	if err := ctx.Err(); err != nil {
		return Completion{}, err
	}
	text := f.answer(req)
	return Completion{Text: text, Model: f.Name(), FinishReason: "stop", Usage: fakeUsage(req, text)}, f.Err
}

// Stream implements Streamer.
func (f *Fake) Stream(ctx context.Context, req Request, onDelta func(string) error) (Completion, error) {
	text := f.answer(req)
	n := f.ChunkRunes
	if n <= 0 {
		n = 7
	}
	var sent strings.Builder
	for rest := text; rest != ""; {
		if err := ctx.Err(); err != nil {
			return Completion{Text: sent.String(), Model: f.Name()}, err
		}
		cut := len(rest)
		for i, count := 0, 0; i < len(rest); {
			_, size := utf8.DecodeRuneInString(rest[i:])
			i += size
			count++
			if count == n {
				cut = i
				break
			}
		}
		chunk := rest[:cut]
		rest = rest[cut:]
		sent.WriteString(chunk)
		if err := onDelta(chunk); err != nil {
			return Completion{Text: sent.String(), Model: f.Name()}, err
		}
	}
	c := Completion{Text: sent.String(), Model: f.Name(), FinishReason: "stop", Usage: fakeUsage(req, text)}
	if f.Err != nil {
		c.FinishReason = ""
	}
	return c, f.Err
}

// fakeUsage counts about four bytes a token, as real tokenisers roughly do.
func fakeUsage(req Request, answer string) Usage {
	n := 0
	for _, m := range req.Messages {
		n += len(m.Content)
	}
	return Usage{PromptTokens: n / 4, CompletionTokens: len(answer) / 4}
}
