package openai

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults.
const (
	DefaultBaseURL = "https://api.openai.com/v1"
	DefaultModel   = "gpt-4.1-mini"
	// DefaultAzureAPIVersion is the newest GA (non-preview) version of
	// Azure OpenAI's dated data-plane inference API. It is the first GA
	// version with structured outputs (response_format json_schema),
	// stream_options.include_usage and max_completion_tokens, all of which
	// this package sends; go-openai's own default, 2023-05-15, has none of
	// them. Azure's newer "v1" API has no dated versions and a different
	// path, which go-openai's Azure mode does not build.
	DefaultAzureAPIVersion = "2024-10-21"
	DefaultMaxRetries      = 3
	DefaultIdleTimeout     = 20 * time.Second
)

// API types for [Config.APIType].
const (
	APITypeOpenAI = "openai" // OpenAI and compatible servers: Ollama, vLLM, proxies
	APITypeAzure  = "azure"  // Azure OpenAI with an API key
)

// maxRetriesLimit bounds OPENAI_MAX_RETRIES: beyond it a user waits
// minutes for an answer that a rules-only reply would have given at once.
const maxRetriesLimit = 10

// Config says which model to call and how. The zero value of every field
// except APIKey and BaseURL has a sensible default, applied by [New].
type Config struct {
	APIKey string // OPENAI_API_KEY; may be empty for Ollama and vLLM
	// BaseURL is OPENAI_BASE_URL: https://api.openai.com/v1 by default;
	// Ollama http://localhost:11434/v1, vLLM http://host:8000/v1; for
	// Azure the resource endpoint https://<resource>.openai.azure.com/.
	BaseURL string
	// Model is OPENAI_MODEL, gpt-4.1-mini by default. For Azure it is the
	// model behind the deployment and names the deployment when Deployment
	// is empty.
	Model   string
	APIType string // OPENAI_API_TYPE: "openai" (default) or "azure"
	// APIVersion is OPENAI_API_VERSION, for Azure only; default
	// [DefaultAzureAPIVersion].
	APIVersion string
	// Deployment is OPENAI_DEPLOYMENT, the Azure deployment name; Model
	// when empty.
	Deployment string
	// MaxRetries is OPENAI_MAX_RETRIES: how many times a call is retried
	// after a 429, a 5xx or a connection error. 0 means the default, 3;
	// negative means never retry.
	MaxRetries int
	// IdleTimeout is OPENAI_IDLE_TIMEOUT: the longest silence allowed
	// between stream chunks once the server has answered; default 20s.
	IdleTimeout time.Duration
	// HTTPClient is optional. Its Timeout must be zero: it would cut long
	// streams off. Bound calls with the context instead.
	HTTPClient *http.Client
}

// String hides the API key so that a Config printed with %v by mistake
// does not leak it.
func (c Config) String() string {
	return fmt.Sprintf("openai.Config{APIType:%s BaseURL:%s Model:%s Deployment:%s APIVersion:%s APIKey:%s}",
		c.APIType, redactURL(c.BaseURL), c.Model, c.Deployment, c.APIVersion, keyState(c.APIKey))
}

// LogValue hides the API key from slog for the same reason.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("api_type", c.APIType),
		slog.String("base_url", redactURL(c.BaseURL)),
		slog.String("model", c.Model),
		slog.String("deployment", c.Deployment),
		slog.String("api_version", c.APIVersion),
		slog.String("api_key", keyState(c.APIKey)),
	)
}

func keyState(key string) string {
	if key == "" {
		return "unset"
	}
	return "set"
}

// redactURL drops a password from a URL (https://user:pass@proxy/v1).
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(invalid URL)"
	}
	return u.Redacted()
}

// ConfigFromEnv reads the OPENAI_* variables through getenv (os.Getenv in
// production). configured is false, with a nil error, when neither
// OPENAI_API_KEY nor OPENAI_BASE_URL is set and no other OPENAI_* variable
// is either: no model is configured and advisorbot runs rules-only. Errors
// say which variable to fix and how. The Config returned has its defaults
// filled in.
func ConfigFromEnv(getenv func(string) string) (cfg Config, configured bool, err error) {
	env := func(k string) string { return strings.TrimSpace(getenv(k)) }
	cfg = Config{
		APIKey:     env("OPENAI_API_KEY"),
		BaseURL:    env("OPENAI_BASE_URL"),
		Model:      env("OPENAI_MODEL"),
		APIType:    strings.ToLower(env("OPENAI_API_TYPE")),
		APIVersion: env("OPENAI_API_VERSION"),
		Deployment: env("OPENAI_DEPLOYMENT"),
	}
	if v := env("OPENAI_MAX_RETRIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxRetriesLimit {
			return Config{}, false, fmt.Errorf("openai: OPENAI_MAX_RETRIES=%q: want a whole number from 0 (never retry) to %d", v, maxRetriesLimit)
		}
		cfg.MaxRetries = n
		if n == 0 {
			cfg.MaxRetries = -1 // Config's 0 means "default"
		}
	}
	if v := env("OPENAI_IDLE_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return Config{}, false, fmt.Errorf("openai: OPENAI_IDLE_TIMEOUT=%q: want a positive duration with a unit, e.g. 20s or 1m", v)
		}
		cfg.IdleTimeout = d
	}

	if cfg.APIKey == "" && cfg.BaseURL == "" {
		for _, k := range []string{"OPENAI_MODEL", "OPENAI_API_TYPE", "OPENAI_API_VERSION", "OPENAI_DEPLOYMENT", "OPENAI_MAX_RETRIES", "OPENAI_IDLE_TIMEOUT"} {
			if env(k) != "" {
				return Config{}, false, fmt.Errorf("openai: %s is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is: set OPENAI_API_KEY for OpenAI, OPENAI_BASE_URL for a local server (Ollama: http://localhost:11434/v1), or unset %s to run rules-only", k, k)
			}
		}
		return Config{}, false, nil
	}
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return Config{}, false, err
	}
	return cfg, true, nil
}

// withDefaults fills in every field left empty that has a default. It is
// idempotent: New applies it again to what ConfigFromEnv returns.
func (c Config) withDefaults() Config {
	if c.APIType == "" {
		c.APIType = APITypeOpenAI
	}
	if c.BaseURL == "" && c.APIType == APITypeOpenAI {
		c.BaseURL = DefaultBaseURL
	}
	if c.APIType == APITypeAzure {
		if c.APIVersion == "" {
			c.APIVersion = DefaultAzureAPIVersion
		}
		// Azure has no default model: a guessed deployment name only
		// fails later, with a 404, so validate asks for one instead.
		if c.Deployment == "" {
			c.Deployment = c.Model
		}
		if c.Model == "" {
			c.Model = c.Deployment
		}
	}
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.MaxRetries == 0 {
		c.MaxRetries = DefaultMaxRetries // negative stays: "never retry"
	}
	if c.IdleTimeout <= 0 {
		c.IdleTimeout = DefaultIdleTimeout
	}
	return c
}

// validate checks a Config with defaults applied. Messages name the
// environment variable, since that is where a user fixes them.
func (c Config) validate() error {
	switch c.APIType {
	case APITypeOpenAI:
		if c.APIVersion != "" {
			return errors.New("openai: OPENAI_API_VERSION is only used with OPENAI_API_TYPE=azure: unset it, or set OPENAI_API_TYPE=azure")
		}
		if c.Deployment != "" {
			return errors.New("openai: OPENAI_DEPLOYMENT is only used with OPENAI_API_TYPE=azure: unset it and name the model in OPENAI_MODEL, or set OPENAI_API_TYPE=azure")
		}
		if err := checkURL(c.BaseURL, "e.g. https://api.openai.com/v1, or http://localhost:11434/v1 for Ollama"); err != nil {
			return err
		}
		if c.APIKey == "" && strings.TrimRight(c.BaseURL, "/") == DefaultBaseURL {
			return errors.New("openai: OPENAI_API_KEY is empty: api.openai.com needs a key (https://platform.openai.com/api-keys); a local server such as Ollama needs only OPENAI_BASE_URL")
		}
	case APITypeAzure:
		if c.BaseURL == "" {
			return errors.New("openai: OPENAI_API_TYPE=azure needs OPENAI_BASE_URL set to the resource endpoint, e.g. https://<resource>.openai.azure.com/")
		}
		if err := checkURL(c.BaseURL, "e.g. https://<resource>.openai.azure.com/"); err != nil {
			return err
		}
		if strings.Contains(c.BaseURL, "/openai/") || strings.HasSuffix(strings.TrimRight(c.BaseURL, "/"), "/openai") {
			return errors.New("openai: OPENAI_BASE_URL should be only the Azure resource endpoint, e.g. https://<resource>.openai.azure.com/; the client adds /openai/deployments/<deployment>/..., and the deployment goes in OPENAI_DEPLOYMENT")
		}
		if c.APIKey == "" {
			return errors.New("openai: OPENAI_API_TYPE=azure needs OPENAI_API_KEY set to one of the resource's keys (Azure portal: Keys and Endpoint)")
		}
		if c.Deployment == "" {
			return errors.New("openai: OPENAI_API_TYPE=azure needs OPENAI_DEPLOYMENT (or OPENAI_MODEL) set to the deployment name shown under Deployments in Azure AI Foundry")
		}
	default:
		return fmt.Errorf("openai: OPENAI_API_TYPE=%q is not supported: use %q (OpenAI, Ollama, vLLM and other compatible servers) or %q", c.APIType, APITypeOpenAI, APITypeAzure)
	}
	if c.HTTPClient != nil && c.HTTPClient.Timeout != 0 {
		return errors.New("openai: Config.HTTPClient has a Timeout, which would cut long streams off: leave it zero and bound calls with a context deadline")
	}
	return nil
}

// checkURL reports a base URL that is not absolute http(s). It does not
// quote a URL it cannot parse, since it might hold a password.
func checkURL(s, example string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("openai: OPENAI_BASE_URL is not an http(s) URL: %s", example)
	}
	return nil
}
