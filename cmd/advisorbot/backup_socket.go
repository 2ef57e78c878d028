package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	badgerstore "github.com/advisorbot/advisorbot/bot/store/badger"
)

// backupSocketName is the Unix socket the running bot serves backups on,
// in a 0700 directory inside its data directory, so only the bot's own
// user can ask for the data (a socket's own mode is set only after it is
// created, and the umask may leave it open meanwhile); nothing listens on
// the network.
const backupSocketName = "run/backup.sock"

// serveBackups answers `advisorbot backup` while the bot holds the data
// directory. It stops when ctx ends.
func serveBackups(ctx context.Context, lg *slog.Logger, dataDir string, st *badgerstore.Store) error {
	path := filepath.Join(dataDir, backupSocketName)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("backup socket %s: %w", path, err)
	}
	if err := os.Chmod(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("backup socket %s: %w", path, err)
	}
	// A socket left by a killed process would make Listen fail; the data
	// directory lock guarantees no live process owns it.
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("backup socket %s: %w", path, err)
	}
	ln, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("backup socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return fmt.Errorf("backup socket %s: %w", path, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /backup", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		if err := st.Backup(w); err != nil {
			// The status is gone with the first byte; failing the stream
			// makes the client see a cut-off body and discard it.
			lg.Error("backup: serve", "err", err)
			panic(http.ErrAbortHandler)
		}
		lg.Info("backup: served to advisorbot backup")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
		os.Remove(path)
	}()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			lg.Error("backup: socket", "err", err)
		}
	}()
	return nil
}

// backupFromBot asks the bot running on dataDir for a backup and writes it
// to out.
func backupFromBot(ctx context.Context, dataDir, out string, replace bool) error {
	path := filepath.Join(dataDir, backupSocketName)
	client := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
	}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://advisorbot/backup", nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%w (is this advisorbot version older than the bot's?)", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the bot answered %s", resp.Status)
	}
	return writeBackupFile(out, replace, func(w io.Writer) error {
		if _, err := io.Copy(w, resp.Body); err != nil {
			return fmt.Errorf("receive backup: %w", err)
		}
		return nil
	})
}
