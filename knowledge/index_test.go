package knowledge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParagraphs(t *testing.T) {
	body := "# Heading\n\nFirst.\n\n\nSecond\ncontinues.\n\nA lead line:\n- one\n- two\n\nLead:\n\n| a | b |\n|---|---|\n\nNot a lead.\n\n| c |\n\nSteps:\n\n1. one\n2. two"
	want := []string{
		"# Heading\n\nFirst.",
		"Second\ncontinues.",
		"A lead line:\n- one\n- two",
		"Lead:\n\n| a | b |\n|---|---|",
		"Not a lead.",
		"| c |",
		"Steps:\n\n1. one\n2. two",
	}
	if diff := cmp.Diff(want, paragraphs(body)); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}
