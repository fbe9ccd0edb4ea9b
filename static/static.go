// Package static embeds the stylesheet and images and serves them under
// content-hashed names, so they can be cached for a year and still change.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed app.css favicon.svg
var files embed.FS

// Files maps logical names ("app.css") to hashed URLs and serves them.
type Files struct {
	byName map[string]string // app.css → /static/app.3f2a9c1e.css
	byPath map[string]asset  // /static/app.3f2a9c1e.css → content
}

type asset struct {
	name string
	data []byte
}

// New hashes every embedded file once.
func New() (*Files, error) {
	f := &Files{byName: map[string]string{}, byPath: map[string]asset{}}
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		ext := path.Ext(p)
		hashed := "/static/" + strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		f.byName[p] = hashed
		f.byPath[hashed] = asset{name: p, data: data}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("hash static files: %w", err)
	}
	return f, nil
}

// Path returns the hashed URL of name, or "" when there is no such file.
func (f *Files) Path(name string) string { return f.byName[name] }

// Handler serves hashed URLs with a year-long, immutable cache lifetime;
// unknown or stale names are 404.
func (f *Files) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := f.byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if ct := mime.TypeByExtension(path.Ext(a.name)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.data))
	})
}
