package teams

import (
	"fmt"
	"os"
	"testing"

	"github.com/advisorbot/advisorbot/bot/teams/teamstest"
)

// TestMain makes the whole suite a measure: every activity the bot sent
// any fake connector went through Teams' rules and the card schema, and a
// problem there (each also fails the test that sent it) fails the run.
func TestMain(m *testing.M) {
	code := m.Run()
	payloads, problems := teamstest.Tally()
	fmt.Printf("teamstest: %d activities checked against Teams' rules and the Adaptive Cards 1.5 schema; %d problems\n", payloads, len(problems))
	for _, p := range problems {
		fmt.Println("  " + p)
	}
	if code == 0 && len(problems) > 0 {
		code = 1
	}
	os.Exit(code)
}
