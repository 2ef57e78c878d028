package teamstest

import (
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// createConversation is the connector's createConversation as Teams
// implements it for a personal chat: the bot and one member (with the
// tenant) give that member's 1:1 conversation with the bot, the same id
// every time. Anything else is refused as Teams refuses it.
func (f *BotFramework) createConversation(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer bot-token" {
		w.WriteHeader(http.StatusUnauthorized)
		io.WriteString(w, `{"message":"Authorization has been denied for this request."}`)
		return
	}
	var p struct {
		Bot     struct{ ID string }   `json:"bot"`
		Members []struct{ ID string } `json:"members"`
		IsGroup bool                  `json:"isGroup"`
		Tenant  string                `json:"tenantId"`
		Data    struct {
			Tenant struct{ ID string } `json:"tenant"`
		} `json:"channelData"`
	}
	var raw map[string]any
	body, _ := io.ReadAll(r.Body)
	if json.Unmarshal(body, &p) != nil || json.Unmarshal(body, &raw) != nil || p.Bot.ID == "" || len(p.Members) != 1 || p.Members[0].ID == "" || p.IsGroup ||
		(p.Tenant == "" && p.Data.Tenant.ID == "") {
		w.WriteHeader(http.StatusBadRequest)
		io.WriteString(w, `{"error":{"code":"BadArgument","message":"a personal conversation needs the bot, one member and the tenant"}}`)
		return
	}
	f.record(Recorded{Method: r.Method, Path: r.URL.EscapedPath(), Auth: r.Header.Get("Authorization"), Activity: raw, At: time.Now()})
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"id": PersonalChat(p.Members[0].ID)})
}

// PersonalChat is the id of a member's personal chat with the bot, as
// createConversation returns it.
func PersonalChat(member string) string { return "a:1personal-" + member }
