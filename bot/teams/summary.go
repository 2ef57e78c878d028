package teams

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/advisorbot/advisorbot/bot/store"
	"github.com/advisorbot/advisorbot/bot/summary"
	"github.com/advisorbot/advisorbot/bot/summary/chart"
)

// The weekly summary in a Teams channel: an Adaptive Card built from the
// summary's Markdown, with the chart inline as a data URI.

// maxMessageBytes is the budget of a summary message. Teams takes 100 KB of
// the whole activity encoded as UTF-16, base64 pictures not counted, and
// advises staying within 80 KB for delivery to be sure (learn.microsoft.com,
// "Format your bot messages"); a message over the cap is refused with 413
// MessageSizeTooBig.
const maxMessageBytes = 80 << 10

// maxPictureBytes is the largest inline picture Teams takes (1 MB, and
// 1024x1024 pixels, which the chart's size keeps to).
const maxPictureBytes = 1 << 20

// ChartWidth and ChartHeight are the chart's size in pixels for Teams,
// within the 1024x1024 Teams takes for a picture.
const ChartWidth, ChartHeight = 600, 400

// messageSize is the size of a as Teams counts it against its cap: the
// activity's JSON in UTF-16 bytes, the base64 data of pictures left out.
func messageSize(a Activity) int {
	raw, err := json.Marshal(a)
	if err != nil {
		return 0
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return 0
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(withoutPictures(v)); err != nil {
		return 0
	}
	return 2 * len(utf16.Encode([]rune(strings.TrimSpace(b.String()))))
}

// withoutPictures is v with every base64 data URI's data left out.
func withoutPictures(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = withoutPictures(x)
		}
	case []any:
		for i, x := range v {
			v[i] = withoutPictures(x)
		}
	case string:
		if head, _, ok := strings.Cut(v, ";base64,"); ok && strings.HasPrefix(head, "data:") {
			return head + ";base64,"
		}
	}
	return v
}

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

// SummaryActivity is the weekly summary as a message, with the chart
// unless it is larger than Teams takes a picture.
func SummaryActivity(r summary.Report) Activity {
	a := Activity{Type: "message", Summary: "advisorbot weekly summary, " + r.Week}
	var image any
	note := ""
	switch {
	case len(r.Chart) > maxPictureBytes:
		note = fmt.Sprintf("The chart is too large for a Teams message; an operator can render it with `advisorbot summary --week %s --out DIR`.", r.Week)
	case len(r.Chart) > 0:
		image = obj{"type": "Image",
			"url":     "data:image/png;base64," + base64.StdEncoding.EncodeToString(r.Chart),
			"altText": "Assessments per approach over the last eight weeks, and estimated net monthly benefit by department.",
		}
	}
	return fitSummary(a, r, image, note)
}

// fitSummary is a with the summary card of r. Were the text over Teams'
// cap, the last sections give way, with a note saying where the whole
// summary is.
func fitSummary(a Activity, r summary.Report, image any, note string) Activity {
	a.Attachments = []Attachment{summaryCard(r, image, note)}
	for messageSize(a) > maxMessageBytes && len(r.Sections) > 0 {
		r.Sections = r.Sections[:len(r.Sections)-1]
		note = fmt.Sprintf("The summary is cut to fit a Teams message; an operator can print it whole with `advisorbot summary --week %s`.", r.Week)
		a.Attachments = []Attachment{summaryCard(r, image, note)}
	}
	return a
}

// Poster posts the weekly summary to a Teams channel the app was added to.
type Poster struct {
	Conn *Connector
	// Channel chooses the place (FindPlace): a channel id
	// ("19:…@thread.tacv2"), "Team name/Channel name", a team's name (the
	// channel chosen when the app was added) or a channel's name.
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

// FindPlace picks the place want names, names compared without case: a
// channel id; "Team/Channel"; a team's name, which stands for the channel
// chosen when the app was added to the team (else its General channel,
// else its only known channel); or, when no team has that name, a
// channel's.
func FindPlace(places []store.Place, want string) (store.Place, error) {
	want = strings.TrimSpace(want)
	team, channel, hasChannel := strings.Cut(want, "/")
	team, channel = strings.TrimSpace(team), strings.TrimSpace(channel)
	var found []store.Place
	if hasChannel {
		for _, p := range places {
			if strings.EqualFold(p.TeamName, team) && strings.EqualFold(p.Name, channel) {
				found = append(found, p)
			}
		}
	} else {
		for _, p := range places {
			if p.ID == want {
				return p, nil
			}
		}
		teams := map[string][]store.Place{}
		var order []string
		for _, p := range places {
			if strings.EqualFold(p.TeamName, want) {
				if teams[p.Team] == nil {
					order = append(order, p.Team)
				}
				teams[p.Team] = append(teams[p.Team], p)
			}
		}
		for _, id := range order {
			found = append(found, teamChannel(teams[id])...)
		}
		if len(found) == 0 {
			for _, p := range places {
				if strings.EqualFold(p.Name, want) {
					found = append(found, p)
				}
			}
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
		return store.Place{}, fmt.Errorf("%w: %q names %d channels; set TEAMS_SUMMARY_CHANNEL to Team/Channel or to one of their ids. Known: %s", ErrNoPlace, want, len(found), list)
	}
	return store.Place{}, fmt.Errorf("%w: no channel matches %q. Add the advisorbot app to that team in Teams (or mention @advisorbot in the channel once), "+
		"or set TEAMS_SUMMARY_CHANNEL to a known one: %s", ErrNoPlace, want, list)
}

// teamChannel is the channel a team's name stands for, among its known
// places: the one chosen at install, else General, else its only one; all
// of them when that leaves a choice.
func teamChannel(ps []store.Place) []store.Place {
	for _, p := range ps {
		if installed(p) {
			return []store.Place{p}
		}
	}
	for _, p := range ps {
		if p.ID == p.Team || strings.EqualFold(p.Name, "General") {
			return []store.Place{p}
		}
	}
	return ps
}

// describe names a place for people: "Leadership/General (19:…)".
func describe(p store.Place) string {
	return fmt.Sprintf("%s/%s (%s)", cmp.Or(p.TeamName, "?"), cmp.Or(p.Name, "?"), p.ID)
}
