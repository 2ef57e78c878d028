package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// The files upload v2 flow: files.getUploadURLExternal names the file and
// hands out a URL, the client POSTs the bytes there, and
// files.completeUploadExternal shares the file, posting it to a channel.

// File is a file uploaded with the files upload v2 flow.
type File struct {
	ID             string
	Name           string
	Title          string
	AltText        string
	Length         int // as announced to files.getUploadURLExternal
	Content        []byte
	Uploaded       bool // bytes posted to the upload URL
	Completed      bool // files.completeUploadExternal done
	Channel        string
	ThreadTS       string
	InitialComment string
}

// Files returns the files uploaded, oldest first.
func (f *Fake) Files() []File {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]File, 0, len(f.fileOrder))
	for _, id := range f.fileOrder {
		out = append(out, *f.files[id])
	}
	return out
}

func (f *Fake) filesGetUploadURL(r *apiRequest) (obj, string) {
	name := r.get("filename")
	length, err := strconv.Atoi(r.get("length"))
	if name == "" || err != nil || length <= 0 {
		return nil, "invalid_arguments"
	}
	fl := &File{ID: f.nextID("F"), Name: name, Title: name, AltText: r.get("alt_txt"), Length: length}
	f.files[fl.ID] = fl
	f.fileOrder = append(f.fileOrder, fl.ID)
	// slack-go only sends the token to upload URLs on the API URL's host,
	// which this one is.
	return obj{"upload_url": f.baseURL() + "/upload/" + fl.ID, "file_id": fl.ID}, ""
}

// serveUpload takes a file's bytes, as a multipart "file" field (what
// slack-go sends) or as the raw body.
func (f *Fake) serveUpload(w http.ResponseWriter, hr *http.Request) {
	id := strings.TrimPrefix(hr.URL.Path, "/upload/")
	content, err := readUpload(hr)

	f.mu.Lock()
	defer f.mu.Unlock()
	i := f.record(Call{Method: "upload", Params: map[string][]string{"file_id": {id}}})
	if fl, ok := f.takeFailure("upload"); ok {
		f.finish(i, fl.status, fl.code())
		writeRaw(w, fl)
		return
	}
	fl := f.files[id]
	switch {
	case err != nil:
		f.finish(i, http.StatusBadRequest, err.Error())
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	case fl == nil || fl.Completed:
		f.finish(i, http.StatusNotFound, "file_not_found")
		http.Error(w, "file_not_found", http.StatusNotFound)
		return
	}
	fl.Content, fl.Uploaded = content, true
	f.finish(i, http.StatusOK, "")
	// Slack answers the upload in plain text.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = fmt.Fprintf(w, "OK - %d", len(content))
}

func readUpload(hr *http.Request) ([]byte, error) {
	ct, _, _ := mime.ParseMediaType(hr.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		return io.ReadAll(hr.Body)
	}
	file, _, err := hr.FormFile("file")
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(file)
}

func (f *Fake) filesCompleteUpload(r *apiRequest) (obj, string) {
	var summaries []struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if json.Unmarshal(r.raw("files"), &summaries) != nil || len(summaries) == 0 {
		return nil, "invalid_arguments"
	}
	// Check everything before changing anything, so a failed call leaves
	// no trace.
	channel := r.get("channel_id")
	if channel == "" {
		// channels is a comma-separated list; the fake shares to the first.
		channel, _, _ = strings.Cut(r.get("channels"), ",")
	}
	if channel != "" {
		var code string
		if channel, code = f.resolveChannel(channel); code != "" {
			return nil, code
		}
	}
	for _, s := range summaries {
		if fl := f.files[s.ID]; fl == nil || !fl.Uploaded || fl.Completed {
			return nil, "file_not_found"
		}
	}

	out := make([]obj, 0, len(summaries))
	var ids []string
	for _, s := range summaries {
		fl := f.files[s.ID]
		if s.Title != "" {
			fl.Title = s.Title
		}
		fl.Completed, fl.Channel, fl.ThreadTS = true, channel, r.get("thread_ts")
		fl.InitialComment = r.get("initial_comment")
		ids = append(ids, fl.ID)
		out = append(out, obj{"id": fl.ID, "title": fl.Title})
	}
	if channel != "" {
		// Sharing posts a message carrying the files, as in Slack.
		m := f.botMessage(channel, r.get("thread_ts"))
		m.Text, m.Blocks, m.Files = r.get("initial_comment"), r.raw("blocks"), ids
		f.addMessage(m)
	}
	return obj{"files": out}, ""
}
