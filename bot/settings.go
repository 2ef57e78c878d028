package bot

import "errors"

// ErrSettings is wrapped by errors the operator fixes in the settings — a
// refused token, a port in use, a malformed variable — as opposed to a
// platform or the network being unreachable. The command line exits 2
// for them and 1 for the rest, so a supervisor can tell a deployment
// mistake from an outage.
var ErrSettings = errors.New("bot: settings")

// SettingsError marks err as the operator's to fix. It reads as err, so
// the message says what is wrong and how to fix it without a prefix.
func SettingsError(err error) error {
	if err == nil {
		return nil
	}
	return settingsError{err}
}

type settingsError struct{ err error }

func (e settingsError) Error() string        { return e.err.Error() }
func (e settingsError) Unwrap() error        { return e.err }
func (e settingsError) Is(target error) bool { return target == ErrSettings }
