// Package teamstest is a local stand-in for the Microsoft services a Teams
// bot talks to, speaking their documented wire formats: an identity service
// (OpenID metadata and a JWT key set with endorsements, and tokens signed
// with its keys, as login.botframework.com issues them to the Bot
// Framework) and a Bot Framework (the Entra ID token endpoint for client
// credentials and a connector that records the activities it receives).
//
// It knows nothing of package teams, so that package's own tests can use it.
package teamstest
