package terminal

import (
	"bytes"
	"context"
	"testing"

	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/render/rendertest"
)

// TestHostileTextStaysText prints every kind of message with each string
// of the hostile corpus in every field, and streams each as a model's
// explanation (kept, and replaced): nothing printed holds a control
// character other than a line break or a tab, an escape sequence or a
// bidi control.
func TestHostileTextStaysText(t *testing.T) {
	u, err := advisor.DecodeUseCase([]byte(`{"task":"answer","monthly_volume":20000,"minutes_per_task":6,"hourly_cost":40,"knowledge":"private_changing"}`))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := advisor.New(advisor.DefaultAssumptions()).Recommend(u)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, s := range rendertest.Corpus {
		var out bytes.Buffer
		sess := New(Config{User: "alice", Out: &out}, nil)
		for _, m := range rendertest.Outbounds(rec, s) {
			if err := sess.Send(ctx, m); err != nil {
				t.Fatalf("%s: %v", m.Kind, err)
			}
		}
		for _, replace := range []bool{false, true} {
			st, err := sess.Stream(ctx)
			if err != nil {
				t.Fatal(err)
			}
			half := len(s) / 2
			for _, d := range []string{s[:half], s[half:]} {
				if err := st.Write(ctx, d); err != nil {
					t.Fatal(err)
				}
			}
			if err := st.Close(ctx, s, replace); err != nil {
				t.Fatal(err)
			}
		}
		st, _ := sess.Stream(ctx)
		if err := st.Close(ctx, s, false); err != nil { // nothing streamed: the final text alone
			t.Fatal(err)
		}
		if r, bad := rendertest.Invisible(out.String()); bad {
			t.Errorf("with %.40q the terminal printed %U", s, r)
		}
	}
}
