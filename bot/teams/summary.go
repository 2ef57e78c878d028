package teams

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
)

// The weekly summary in a Teams channel: an Adaptive Card built from the
// summary's Markdown, with the chart inline as a data URI when the message
// stays under Teams' size cap (about 40 KB; a bigger message is refused).

// maxMessageBytes keeps a summary message under Teams' cap with room for
// the envelope the connector adds.
const maxMessageBytes = 36 << 10

// ChartWidth and ChartHeight are the chart's size in pixels for Teams: small enough that the
// PNG, in base64, fits in one message.
const ChartWidth, ChartHeight = 600, 400

// summaryCard lays the report out: the title large, each section under a
// bold heading, the Markdown lists and emphasis as TextBlocks render them
// (Teams' TextBlock Markdown has no headings), and note at the end.
func summaryCard(r summary.Report, image any, note string) Attachment {
	body := []any{text(r.Title, "size", "Large", "weight", "Bolder")}
	for _, sec := range r.Sections {
		if sec.Heading != "" {
			body = append(body, text(sec.Heading, "size", "Medium", "weight", "Bolder", "spacing", "Medium"))
		}
		if b := strings.TrimSpace(sec.Body); b != "" {
			body = append(body, text(b))
		}
	}
	if note != "" {
		body = append(body, text(note))
	}
	if image != nil {
		body = append(body, image)
	}
	return card(body, nil)
}

// SummaryActivity is the weekly summary as a message, with the chart when
// it fits.
func SummaryActivity(r summary.Report) Activity {
	a := Activity{Type: "message", Summary: "advisorbot weekly summary, " + r.Week}
	if len(r.Chart) > 0 {
		a.Attachments = []Attachment{summaryCard(r, obj{"type": "Image",
			"url":     "data:image/png;base64," + base64.StdEncoding.EncodeToString(r.Chart),
			"altText": "Assessments per approach over the last eight weeks, and estimated net monthly benefit by department.",
		}, "")}
		if b, err := json.Marshal(a); err == nil && len(b) <= maxMessageBytes {
			return a
		}
	}
	note := ""
	if len(r.Chart) > 0 {
		note = fmt.Sprintf("The chart is too large for a Teams message; an operator can render it with `advisorbot summary --week %s --out DIR`.", r.Week)
	}
	a.Attachments = []Attachment{summaryCard(r, nil, note)}
	return a
}

// Poster posts the weekly summary to a Teams channel the app was added to.
type Poster struct {
	Conn *Connector
	// Channel chooses the place: a channel id ("19:…@thread.tacv2"), a
	// team's name (its General channel) or "Team name/Channel name".
	Channel string
}

// ErrNoPlace is wrapped when the configured channel is not one the app
// was added to.
var ErrNoPlace = errors.New("teams: the summary channel is not one advisorbot was added to")

// Name, MarkKey, Plot and Post make the poster a summary destination.
func (p *Poster) Name() string     { return "Teams channel " + p.Channel }
func (p *Poster) MarkKey() string  { return "teams" }
func (p *Poster) Plot() chart.Plot { return chart.Plot{Width: ChartWidth, Height: ChartHeight} }
func (p *Poster) Post(ctx context.Context, st store.Store, r summary.Report) error {
	return p.PostSummary(ctx, st, r)
}

// PostSummary posts a new message in the channel, found among the places
// the app was added to (kept in st).
func (p *Poster) PostSummary(ctx context.Context, st store.Store, r summary.Report) error {
	places, err := st.Places(ctx, platform)
	if err != nil {
		return fmt.Errorf("teams: post summary: %w", err)
	}
	place, err := FindPlace(places, p.Channel)
	if err != nil {
		return err
	}
	ref, err := RefOf(place)
	if err != nil {
		return err
	}
	a := SummaryActivity(r)
	a.Conversation = &Conversation{ID: ref.ConversationID, ConversationType: "channel", IsGroup: true, TenantID: ref.TenantID}
	if ref.Bot != "" {
		a.From = &Account{ID: ref.Bot}
	}
	if _, err := p.Conn.SendActivity(ctx, ref.ServiceURL, ref.ConversationID, a); err != nil {
		return fmt.Errorf("teams: post summary to %s: %w", describe(place), err)
	}
	return nil
}

// FindPlace picks the place want names: a channel id, a team name (its
// General channel) or "Team/Channel", names compared without case.
func FindPlace(places []store.Place, want string) (store.Place, error) {
	want = strings.TrimSpace(want)
	team, channel, hasChannel := strings.Cut(want, "/")
	var found []store.Place
	for _, p := range places {
		switch {
		case p.ID == want:
			return p, nil
		case hasChannel && strings.EqualFold(p.TeamName, strings.TrimSpace(team)) && strings.EqualFold(p.Name, strings.TrimSpace(channel)):
			found = append(found, p)
		case !hasChannel && strings.EqualFold(p.TeamName, want) && (p.ID == p.Team || strings.EqualFold(p.Name, "General")):
			found = append(found, p)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	var known []string
	for _, p := range places {
		known = append(known, describe(p))
	}
	list := "none yet"
	if len(known) > 0 {
		list = strings.Join(known, "; ")
	}
	if len(found) > 1 {
		return store.Place{}, fmt.Errorf("%w: %q names %d channels; set TEAMS_SUMMARY_CHANNEL to one of their ids. Known: %s", ErrNoPlace, want, len(found), list)
	}
	return store.Place{}, fmt.Errorf("%w: no channel matches %q. Add the advisorbot app to that team in Teams (or mention @advisorbot in the channel once), "+
		"or set TEAMS_SUMMARY_CHANNEL to a known one: %s", ErrNoPlace, want, list)
}

// describe names a place for people: "Leadership/General (19:…)".
func describe(p store.Place) string {
	return fmt.Sprintf("%s/%s (%s)", cmp.Or(p.TeamName, "?"), cmp.Or(p.Name, "?"), p.ID)
}
