package openai

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		want       Config
		configured bool
		wantErr    string // substring; "" means no error
	}{
		{
			name: "nothing set: rules-only",
		},
		{
			name:       "OpenAI",
			env:        map[string]string{"OPENAI_API_KEY": " sk-abc\n"},
			want:       Config{APIKey: "sk-abc", BaseURL: DefaultBaseURL, Model: DefaultModel, APIType: APITypeOpenAI, MaxRetries: 3, IdleTimeout: 20 * time.Second},
			configured: true,
		},
		{
			name:       "Ollama without key",
			env:        map[string]string{"OPENAI_BASE_URL": "http://localhost:11434/v1", "OPENAI_MODEL": "llama3.2"},
			want:       Config{BaseURL: "http://localhost:11434/v1", Model: "llama3.2", APIType: APITypeOpenAI, MaxRetries: 3, IdleTimeout: 20 * time.Second},
			configured: true,
		},
		{
			name: "vLLM with tuning",
			env: map[string]string{"OPENAI_BASE_URL": "http://gpu:8000/v1", "OPENAI_MODEL": "Qwen/Qwen3-8B",
				"OPENAI_MAX_RETRIES": "0", "OPENAI_IDLE_TIMEOUT": "90s"},
			want:       Config{BaseURL: "http://gpu:8000/v1", Model: "Qwen/Qwen3-8B", APIType: APITypeOpenAI, MaxRetries: -1, IdleTimeout: 90 * time.Second},
			configured: true,
		},
		{
			name: "Azure",
			env: map[string]string{"OPENAI_API_TYPE": "Azure", "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://acme.openai.azure.com/",
				"OPENAI_DEPLOYMENT": "advisor", "OPENAI_MODEL": "gpt-4.1"},
			want: Config{APIType: APITypeAzure, APIKey: "k", BaseURL: "https://acme.openai.azure.com/", Deployment: "advisor", Model: "gpt-4.1",
				APIVersion: DefaultAzureAPIVersion, MaxRetries: 3, IdleTimeout: 20 * time.Second},
			configured: true,
		},
		{
			name: "Azure deployment from model, explicit version",
			env: map[string]string{"OPENAI_API_TYPE": "azure", "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://acme.openai.azure.com",
				"OPENAI_MODEL": "gpt-4o-prod", "OPENAI_API_VERSION": "2025-04-01-preview"},
			want: Config{APIType: APITypeAzure, APIKey: "k", BaseURL: "https://acme.openai.azure.com", Deployment: "gpt-4o-prod", Model: "gpt-4o-prod",
				APIVersion: "2025-04-01-preview", MaxRetries: 3, IdleTimeout: 20 * time.Second},
			configured: true,
		},
		{
			name:    "model without key or URL",
			env:     map[string]string{"OPENAI_MODEL": "gpt-4.1"},
			wantErr: "OPENAI_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is",
		},
		{
			name:    "Azure without base URL",
			env:     map[string]string{"OPENAI_API_TYPE": "azure", "OPENAI_API_KEY": "k", "OPENAI_DEPLOYMENT": "d"},
			wantErr: "OPENAI_API_TYPE=azure needs OPENAI_BASE_URL set to the resource endpoint, e.g. https://<resource>.openai.azure.com/",
		},
		{
			name:    "Azure with full deployment URL",
			env:     map[string]string{"OPENAI_API_TYPE": "azure", "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://acme.openai.azure.com/openai/deployments/d/chat/completions"},
			wantErr: "should be only the Azure resource endpoint",
		},
		{
			name:    "Azure without key",
			env:     map[string]string{"OPENAI_API_TYPE": "azure", "OPENAI_BASE_URL": "https://acme.openai.azure.com/", "OPENAI_DEPLOYMENT": "d"},
			wantErr: "needs OPENAI_API_KEY",
		},
		{
			name:    "Azure without deployment",
			env:     map[string]string{"OPENAI_API_TYPE": "azure", "OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://acme.openai.azure.com/"},
			wantErr: "needs OPENAI_DEPLOYMENT (or OPENAI_MODEL)",
		},
		{
			name:    "unknown API type",
			env:     map[string]string{"OPENAI_API_TYPE": "anthropic", "OPENAI_API_KEY": "k"},
			wantErr: `OPENAI_API_TYPE="anthropic" is not supported: use "openai"`,
		},
		{
			name:    "API version without Azure",
			env:     map[string]string{"OPENAI_API_KEY": "k", "OPENAI_API_VERSION": "2024-10-21"},
			wantErr: "OPENAI_API_VERSION is only used with OPENAI_API_TYPE=azure",
		},
		{
			name:    "deployment without Azure",
			env:     map[string]string{"OPENAI_API_KEY": "k", "OPENAI_DEPLOYMENT": "d"},
			wantErr: "OPENAI_DEPLOYMENT is only used with OPENAI_API_TYPE=azure",
		},
		{
			name:    "base URL without scheme",
			env:     map[string]string{"OPENAI_BASE_URL": "localhost:11434/v1"},
			wantErr: "OPENAI_BASE_URL is not an http(s) URL",
		},
		{
			name:    "OpenAI URL without key",
			env:     map[string]string{"OPENAI_BASE_URL": "https://api.openai.com/v1/"},
			wantErr: "OPENAI_API_KEY is empty: api.openai.com needs a key",
		},
		{
			name:    "retries not a number",
			env:     map[string]string{"OPENAI_API_KEY": "k", "OPENAI_MAX_RETRIES": "many"},
			wantErr: `OPENAI_MAX_RETRIES="many": want a whole number from 0 (never retry) to 10`,
		},
		{
			name:    "idle timeout without unit",
			env:     map[string]string{"OPENAI_API_KEY": "k", "OPENAI_IDLE_TIMEOUT": "20"},
			wantErr: `OPENAI_IDLE_TIMEOUT="20": want a positive duration with a unit, e.g. 20s or 1m`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, configured, err := ConfigFromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				if configured {
					t.Errorf("configured despite the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if configured != tt.configured {
				t.Errorf("configured = %v, want %v", configured, tt.configured)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Config{}, "HTTPClient")); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(got, got.withDefaults(), cmpopts.IgnoreFields(Config{}, "HTTPClient")); configured && diff != "" {
				t.Errorf("New would change the defaults (-env +again):\n%s", diff)
			}
			if configured {
				if _, err := New(nil, got); err != nil {
					t.Errorf("New rejects what ConfigFromEnv accepted: %v", err)
				}
			}
		})
	}
}

func TestConfigHidesKey(t *testing.T) {
	cfg := Config{APIKey: "sk-very-secret", BaseURL: "https://user:pass@proxy.example/v1", Model: "m"}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "cfg", cfg)
	for _, s := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), buf.String()} {
		if strings.Contains(s, "sk-very-secret") || strings.Contains(s, "pass@") {
			t.Errorf("secret shown: %s", s)
		}
		if !strings.Contains(s, "proxy.example") {
			t.Errorf("config not shown: %s", s)
		}
	}
}
