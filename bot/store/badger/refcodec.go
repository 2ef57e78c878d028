package badgerstore

import (
	"github.com/advisorbot/advisorbot/advisor"
	"github.com/advisorbot/advisorbot/bot/store"
)

// An assessment ref, the value of its rt/ entry, is a binary value (see
// codec.go) of: strings id, user, platform, team, channel, thread,
// recommended approach and time zone; time created; profile.

// appendRef appends r's encoding to dst.
func appendRef(dst []byte, r store.AssessmentRef) []byte {
	dst = appendHeader(dst)
	for _, s := range [...]string{r.ID, r.User, r.Conv.Platform, r.Conv.Team, r.Conv.Channel, r.Conv.Thread, string(r.Approach), r.TZ} {
		dst = appendString(dst, s)
	}
	return appendProfile(appendTime(dst, r.CreatedAt), r.Profile)
}

// decodeRef decodes an rt/ value written by appendRef.
func decodeRef(b []byte) (store.AssessmentRef, error) {
	var r binReader
	if err := r.open(b, "assessment ref", 2); err != nil {
		return store.AssessmentRef{}, err
	}
	var ref store.AssessmentRef
	ref.ID, ref.User = r.string(), r.string()
	ref.Conv = store.ConvKey{Platform: r.string(), Team: r.string(), Channel: r.string(), Thread: r.string()}
	ref.Approach, ref.TZ = advisor.Approach(r.string()), r.string()
	ref.CreatedAt = r.time()
	ref.Profile = r.profile()
	if err := r.done("assessment ref"); err != nil {
		return store.AssessmentRef{}, err
	}
	return ref, nil
}
