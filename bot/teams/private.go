package teams

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/advisorbot/advisorbot/bot"
	"github.com/advisorbot/advisorbot/bot/logctx"
)

// sendPrivately shows m to the person answered alone. A personal chat is
// theirs already. In a channel or group chat Teams has no message only one
// member sees, so the note goes to their personal chat with the bot, which
// the connector opens (createConversation); that works wherever the app is
// installed for the person. When it fails, the note is posted where they
// wrote: its words reveal nothing, and seen by all beats lost.
func (r *Replier) sendPrivately(ctx context.Context, m bot.Outbound) error {
	m.Private = false
	conv, err := r.personalChat(ctx)
	if err == nil {
		a := activityFor(m)
		a.From, a.Recipient = r.To.Recipient, r.To.From
		a.Conversation = &Conversation{ID: conv, ConversationType: "personal", TenantID: r.To.Conversation.TenantID}
		if _, err = r.Conn.SendActivity(ctx, r.To.ServiceURL, conv, a); err == nil {
			return nil
		}
	}
	logctx.From(ctx, slog.New(slog.DiscardHandler)).Warn("teams: private note sent in the thread instead", "err", err)
	return r.Send(ctx, m)
}

// personalChat opens (or finds: the connector returns the existing one)
// the bot's personal chat with the person answered.
func (r *Replier) personalChat(ctx context.Context) (string, error) {
	tenant := r.To.Conversation.TenantID
	if cd := r.To.channelData(); tenant == "" && cd.Tenant != nil {
		tenant = cd.Tenant.ID
	}
	return r.Conn.openPersonalChat(ctx, r.To.ServiceURL, r.To.Recipient.ID, r.To.From.ID, tenant)
}

// openPersonalChat opens (or finds) the personal chat of bot and user in
// tenant through the connector's createConversation, and returns its id.
func (c *Connector) openPersonalChat(ctx context.Context, serviceURL, bot, user, tenant string) (string, error) {
	params := map[string]any{
		"bot":         map[string]string{"id": bot},
		"members":     []map[string]string{{"id": user}},
		"isGroup":     false,
		"tenantId":    tenant,
		"channelData": map[string]any{"tenant": map[string]string{"id": tenant}},
	}
	var out struct {
		ID string `json:"id"`
	}
	base := serviceURL
	if c.BaseURL != "" {
		base = c.BaseURL
	}
	u := strings.TrimRight(base, "/") + "/v3/conversations"
	if err := c.do(ctx, "createConversation", http.MethodPost, u, params, &out); err != nil {
		return "", err
	}
	if out.ID == "" {
		return "", fmt.Errorf("teams: createConversation returned no conversation id")
	}
	return out.ID, nil
}
