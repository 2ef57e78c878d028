package slack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"

	goslack "github.com/slack-go/slack"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
)

// Poster posts the weekly summary to a channel; it needs only the Web API,
// so `advisorbot summary --post` uses it without Socket Mode.
type Poster struct {
	api *goslack.Client
	log *slog.Logger
}

// NewPoster returns a Poster for the bot token and API URL in cfg; log (nil
// for none) hears about a chart that could not be uploaded.
func NewPoster(log *slog.Logger, cfg Config) *Poster {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Poster{api: goslack.New(cfg.BotToken, goslack.OptionAPIURL(cfg.APIURL), goslack.OptionRetryConfig(retryConfig(log)), goslack.OptionHTTPClient(httpClient(observerOf(cfg)))), log: log}
}

// To is the poster as a summary destination: the Slack channel ch.
func (p *Poster) To(ch string) summary.Destination { return channelDest{p, ch} }

type channelDest struct {
	p  *Poster
	ch string
}

func (d channelDest) Name() string     { return "Slack channel " + d.ch }
func (d channelDest) MarkKey() string  { return "" } // Slack's marks predate Teams'
func (d channelDest) Plot() chart.Plot { return chart.Plot{} }
func (d channelDest) Post(ctx context.Context, _ store.Store, r summary.Report) error {
	return d.p.PostSummary(ctx, d.ch, r)
}

// PostSummary posts the report (its sections in Slack's mrkdwn) under
// Slack's limits, then uploads the chart PNG into the message's thread with
// the current upload flow (files.getUploadURLExternal and
// files.completeUploadExternal, which slack-go v0.35.0 calls UploadFile).
//
// Only a failed message is an error. Once the message is up, the summary has
// been delivered: a chart that fails to upload is logged and noted in the
// thread instead, because an error would make the scheduler post the whole
// summary again.
func (p *Poster) PostSummary(ctx context.Context, channel string, r summary.Report) error {
	week := r.Week
	r = p.permalinks(ctx, r)
	_, ts, err := p.api.PostMessageContext(ctx, channel,
		goslack.MsgOptionText("advisorbot weekly summary, "+week, false),
		goslack.MsgOptionBlocks(SummaryBlocks(r)...))
	if err != nil {
		var se goslack.SlackErrorResponse
		if errors.As(err, &se) && (se.Err == "not_in_channel" || se.Err == "channel_not_found") {
			return fmt.Errorf("slack: post summary to %s: %w: invite the bot to that channel (/invite @advisorbot), or correct SUMMARY_CHANNEL", channel, err)
		}
		return fmt.Errorf("slack: post summary to %s: %w", channel, err)
	}
	if len(r.Chart) == 0 {
		return nil
	}
	_, err = p.api.UploadFileContext(ctx, goslack.UploadFileParameters{
		Filename: "advisorbot-" + week + ".png", FileSize: len(r.Chart), Reader: bytes.NewReader(r.Chart),
		Title: "Assessments and benefit, " + week, Channel: channel, ThreadTimestamp: ts,
		AltTxt: "Assessments per approach over the last eight weeks, and estimated net monthly benefit by department.",
	})
	if err == nil {
		return nil
	}
	p.log.Warn("slack: summary chart not uploaded", "week", week, "channel", channel, "err", err)
	note := fmt.Sprintf("The chart could not be attached (%s). An operator can render it with `advisorbot summary --week %s --out DIR`.", escape(err.Error()), escape(week))
	if _, _, nerr := p.api.PostMessageContext(ctx, channel, goslack.MsgOptionText(note, false), goslack.MsgOptionTS(ts)); nerr != nil {
		p.log.Warn("slack: summary chart note not posted", "week", week, "err", nerr)
	}
	return nil
}

var (
	mdHeading = regexp.MustCompile(`(?m)^#{1,6}\s+(.+)$`)
	mdBold    = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdLink    = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
)

// SummaryBlocks lays the report out in Block Kit: a header, then its
// sections, each under its heading, in Slack's mrkdwn.
func SummaryBlocks(r summary.Report) []goslack.Block {
	blocks := []goslack.Block{goslack.NewHeaderBlock(label(r.Title, maxHeaderRunes))}
	for _, sec := range r.Sections {
		part := sec.Body
		if sec.Heading != "" {
			part = "## " + sec.Heading + "\n" + sec.Body
		}
		for _, piece := range splitRunes(mrkdwn(part), maxSectionRunes) {
			if strings.TrimSpace(piece) != "" {
				blocks = append(blocks, section(piece))
			}
		}
	}
	return fit(blocks)
}

// ThreadLink links an assessment to its Slack thread, for the summary's
// top list; other platforms' conversations have no link. It is built from
// the ids alone, for where there is no Slack client (the summary printed
// by `advisorbot summary`, or posted to Teams); PostSummary swaps each for
// the permalink Slack gives (chat.getPermalink).
func ThreadLink(k store.ConvKey) string {
	if k.Platform != "slack" || k.Channel == "" || k.Thread == "" {
		return ""
	}
	return "https://slack.com/archives/" + k.Channel + "/p" + strings.ReplaceAll(k.Thread, ".", "")
}

// threadLink matches a link ThreadLink made: the channel, and the ts's
// seconds and microseconds.
var threadLink = regexp.MustCompile(`https://slack\.com/archives/([CGD][A-Z0-9]+)/p(\d{10})(\d{6})`)

// permalinks replaces the thread links in r with their permalinks from
// Slack, which name the workspace and open in its client. A link Slack
// does not resolve (a thread since deleted) keeps its own form.
func (p *Poster) permalinks(ctx context.Context, r summary.Report) summary.Report {
	known := map[string]string{}
	resolve := func(link string) string {
		if l, ok := known[link]; ok {
			return l
		}
		m := threadLink.FindStringSubmatch(link)
		l, err := p.api.GetPermalinkContext(ctx, &goslack.PermalinkParameters{Channel: m[1], Ts: m[2] + "." + m[3]})
		if err != nil || l == "" {
			p.log.Warn("slack: summary: no permalink for a thread; linking it by id", "channel", m[1], "err", err)
			l = link
		}
		known[link] = l
		return l
	}
	r.Sections = slices.Clone(r.Sections)
	for i := range r.Sections {
		r.Sections[i].Body = threadLink.ReplaceAllStringFunc(r.Sections[i].Body, resolve)
	}
	r.Markdown = threadLink.ReplaceAllStringFunc(r.Markdown, resolve)
	return r
}

// mrkdwn converts the little Markdown the summary uses to Slack's mrkdwn.
// People's words in it are already plain (the summary's templates pass
// them through render.PlainText, so they hold no brackets); escaping the
// whole of it first means the only links are the template's own.
func mrkdwn(s string) string {
	s = escape(s)
	s = mdLink.ReplaceAllString(s, "<$2|$1>")
	s = mdBold.ReplaceAllString(s, "*$1*")
	s = mdHeading.ReplaceAllString(s, "*$1*")
	return strings.TrimSpace(s)
}
