// Package terminal serves the conversation engine over a terminal: lines
// typed (or piped) on standard input become messages, and the engine's
// replies are printed as plain text. It is the first surface of advisorbot
// and the one a newcomer sees without Slack or an API key.
package terminal

import (
	"bufio"
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/render"
	"github.com/advisorbot/advisorbot/bot/store"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"inc":     func(i int) int { return i + 1 },
	"field":   func(name string) string { return strings.ReplaceAll(name, "_", " ") },
	"pct":     func(x float64) string { return fmt.Sprintf("%.0f%%", x*100) },
	"money":   advisor.Money,
	"months":  advisor.Months,
	"label":   func(a advisor.Approach) string { return a.Label() },
	"net":     func(r advisor.Recommendation) float64 { return r.ROI[r.Approach].NetMonthly },
	"payback": func(r advisor.Recommendation) advisor.Optional { return r.ROI[r.Approach].PaybackMonths },
	"words":   advisor.Label,
	"text":    render.StripControls,
	"confirm": func() string { return confirmLabel },
}).ParseFS(templateFS, "templates/*.tmpl"))

// A confirmation's one numbered option: "1" or its words mean yes.
const (
	confirmValue = "yes"
	confirmLabel = "Yes, that's right"
)

// Key is the conversation of a terminal user: one per user, which
// "restart" begins anew.
func Key(user string) store.ConvKey {
	return store.ConvKey{Platform: "terminal", Team: "local", Channel: user}
}

// Engine is what a terminal session needs of the engine.
type Engine interface {
	Handle(ctx context.Context, in bot.Inbound, r bot.Replier) error
	Resume(ctx context.Context, key store.ConvKey, r bot.Replier) error
}

// Config is a terminal session's settings.
type Config struct {
	User   string    // whose conversation
	Out    io.Writer // where the bot's messages are printed
	Prompt bool      // print "> " before reading: on for a person at a terminal, off for piped input
}

// Session runs one user's conversation over a reader and a writer.
type Session struct {
	engine Engine
	cfg    Config

	mu      sync.Mutex
	field   string           // the last question's field, sent with a chosen option
	recID   string           // the last question's assessment, sent with a chosen option
	shown   bool             // something was shown (a follow-up before the session began)
	options []advisor.Option // the last question's options, so "2" means the second
}

// New returns a session of cfg.User's conversation with engine. The
// terminal logs nothing: all it has to say goes to the person.
func New(cfg Config, engine Engine) *Session {
	return &Session{engine: engine, cfg: cfg}
}

// Run resumes the user's conversation and then handles each line until
// "quit", "exit" or the end of input.
func (s *Session) Run(ctx context.Context, in io.Reader) error {
	key := Key(s.cfg.User)
	s.mu.Lock()
	shown := s.shown
	s.mu.Unlock()
	if !shown {
		// Resumed only when nothing was shown yet: a follow-up asked
		// just before is where the session begins.
		if err := s.engine.Resume(ctx, key, s); err != nil {
			return err
		}
	}
	// Lines are read on their own goroutine so Ctrl-C (ctx) ends the
	// session at once, not at the next Enter.
	// A line of any length is read; only MaxLine bytes of it are kept.
	lines := make(chan inputLine)
	readErr := make(chan error, 1)
	go func() {
		r := bufio.NewReader(in)
		for {
			l, err := readLine(r, MaxLine)
			if errors.Is(err, io.EOF) {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- err
				return
			}
			select {
			case lines <- l:
			case <-ctx.Done():
				return
			}
		}
	}()
	for {
		if s.cfg.Prompt {
			fmt.Fprint(s.cfg.Out, "> ")
		}
		var got inputLine
		select {
		case <-ctx.Done():
			return nil
		case err := <-readErr:
			return err
		case got = <-lines:
		}
		if got.long {
			fmt.Fprintf(s.cfg.Out, "(That line is longer than %d MiB: only its first %d MiB is read.)\n", MaxLine>>20, MaxLine>>20)
		}
		line := strings.TrimSpace(got.text)
		switch strings.ToLower(line) {
		case "":
			continue
		case "quit", "exit", "bye":
			return nil
		}
		msg := bot.Inbound{Conv: key, User: s.cfg.User, Text: line, Private: true}
		if c, field, rec := s.choice(line); c != "" {
			msg.Text, msg.Choice, msg.Field, msg.RecID = "", c, field, rec
		}
		if err := s.engine.Handle(ctx, msg, s); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			// The engine has told the person; a failing store is also the
			// operator's to see, so piped runs end non-zero.
			return fmt.Errorf("terminal: %w", err)
		}
	}
}

// choice reads a line as one of the last question's options, as a click
// would come: its number ("2"), its words as shown, or its value. Anything
// else is typed text for the engine to read.
func (s *Session) choice(line string) (value, field, recID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if n, err := strconv.Atoi(line); err == nil {
		if n < 1 || n > len(s.options) {
			return "", "", ""
		}
		value, field = s.options[n-1].Value, s.field
		if value == bot.ChoiceForget {
			s.options = nil // a deletion is confirmed once
		}
		return value, field, s.recID
	}
	typed := strings.TrimRight(strings.TrimSpace(line), ".!")
	for _, o := range s.options {
		if strings.EqualFold(typed, o.Label) || strings.EqualFold(typed, o.Value) {
			return o.Value, s.field, s.recID
		}
	}
	return "", "", ""
}

// forgetLabel is the terminal's confirm option for "forget me".
const forgetLabel = "Delete all my data"

// Send implements bot.Replier.
func (s *Session) Send(_ context.Context, m bot.Outbound) error {
	s.mu.Lock()
	s.shown = true
	switch {
	case m.Kind == bot.KindQuestion && m.Question != nil:
		s.field, s.options, s.recID = m.Question.Field, m.Question.Options, m.RecID
		if len(m.Question.Confirm) > 0 {
			s.options = []advisor.Option{{Value: confirmValue, Label: confirmLabel}}
		}
	case m.Kind == bot.KindRecommendation:
		s.field, s.options, s.recID = "", nil, "" // the questions are over
	case m.Kind == bot.KindConfirmForget:
		// The confirm button, as a numbered option like any other.
		s.field, s.options, s.recID = "", []advisor.Option{{Value: bot.ChoiceForget, Label: forgetLabel}}, ""
	}
	s.mu.Unlock()
	var b strings.Builder
	var err error
	switch m.Kind {
	case bot.KindQuestion:
		if m.Text != "" {
			b.WriteString(m.Text + "\n\n")
		}
		err = templates.ExecuteTemplate(&b, "question.tmpl", m.Question)
	case bot.KindRecommendation:
		err = templates.ExecuteTemplate(&b, "recommendation.tmpl", newCard(m))
	case bot.KindROI:
		err = templates.ExecuteTemplate(&b, "roi.tmpl", newCard(m))
	case bot.KindWhatIf:
		err = templates.ExecuteTemplate(&b, "whatif.tmpl", m.WhatIf)
	case bot.KindError:
		b.WriteString("! " + m.Text)
	case bot.KindHistory:
		b.WriteString(render.History(m.History, "", m.Text))
	case bot.KindSummary:
		b.WriteString(m.Text + "\n\n")
		if m.Summary != nil {
			b.WriteString(m.Summary.Markdown)
		}
	case bot.KindConfirmForget:
		fmt.Fprintf(&b, "%s\n  1) %s\n(type 1 to delete everything; anything else keeps it)", m.Text, forgetLabel)
	default:
		b.WriteString(m.Text)
	}
	if err != nil {
		return fmt.Errorf("terminal: render %s: %w", m.Kind, err)
	}
	// Everything printed passes render.StripControls, whatever field of
	// whatever kind it came from: the layouts hold no control characters
	// of their own but line breaks, so what a person or a model wrote
	// cannot drive the terminal (escape sequences, OSC 8 links, carriage
	// returns) or reorder the line (bidi controls).
	_, err = fmt.Fprintln(s.cfg.Out, render.StripControls(strings.TrimSpace(b.String()))+"\n")
	return err
}

// Stream implements bot.Replier: text is printed as it arrives.
func (s *Session) Stream(context.Context) (bot.Stream, error) {
	fmt.Fprintln(s.cfg.Out, "In plain words:")
	return &stream{out: s.cfg.Out}, nil
}

type stream struct {
	out     io.Writer
	written bool
}

func (st *stream) Write(_ context.Context, d string) error {
	st.written = true
	_, err := io.WriteString(st.out, render.StripControls(d)) // a model's words, as Send treats them
	return err
}

func (st *stream) Close(_ context.Context, final string, replace bool) error {
	final = render.StripControls(final)
	var err error
	switch {
	case replace:
		_, err = fmt.Fprintf(st.out, "\n(That explanation did not hold to the rules' decision; here is the rule-written one.)\n%s\n\n", final)
	case !st.written:
		_, err = fmt.Fprintf(st.out, "%s\n\n", final)
	default:
		_, err = fmt.Fprint(st.out, "\n\n")
	}
	return err
}

// cardView is what the recommendation and ROI templates read.
type cardView struct {
	Rec     *advisor.Recommendation
	Title   string
	Label   string
	Reasons []advisor.Reason
	Against []advisor.Reason
	Table   string
	Note    string
}

func newCard(m bot.Outbound) cardView {
	v := cardView{Rec: m.Rec, Title: m.Title, Label: m.Rec.Approach.Label(), Table: render.ROITable(m.Rec, false), Note: m.Text}
	for _, r := range m.Rec.Reasons {
		switch {
		case r.Favors == m.Rec.Approach && len(v.Reasons) < 4:
			v.Reasons = append(v.Reasons, r)
		case r.Disfavors == m.Rec.Approach && len(v.Against) < 2:
			v.Against = append(v.Against, r)
		}
	}
	return v
}
