// Package static embeds the stylesheet, images and the one small script
// (timezone.js, progressive enhancement only) and serves them under
// content-hashed names (/static/app.3f2a9c1e5b.css), so browsers can cache
// them for a year and still get a new file the moment it changes.
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

//go:embed css/*.css favicon.svg timezone.js
var files embed.FS

// stylesheet is the one stylesheet pages link: the parts under css/ joined
// in name order, so each part stays small enough to read in one sitting and
// the browser still makes one request.
const stylesheet = "app.css"

// Files maps logical names ("app.css") to hashed URLs and serves them. Build
// it once with New; it is read-only afterwards and safe for concurrent use.
type Files struct {
	byName map[string]string // app.css → /static/app.3f2a9c1e5b.css
	byPath map[string]asset  // /static/app.3f2a9c1e5b.css → content
}

type asset struct {
	data        []byte
	contentType string
	etag        string
}

// contentTypes are set here rather than looked up in the system's MIME
// tables, which differ between machines.
var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
	".png": "image/png",
	".ico": "image/x-icon",
}

// New reads and hashes every embedded file once.
func New() (*Files, error) {
	f := &Files{byName: map[string]string{}, byPath: map[string]asset{}}
	var css bytes.Buffer
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		if path.Dir(name) == "css" { // WalkDir goes in lexical order
			css.Write(data)
			css.WriteByte('\n')
			return nil
		}
		return f.add(name, data)
	})
	if err == nil {
		err = f.add(stylesheet, css.Bytes())
	}
	if err != nil {
		return nil, fmt.Errorf("hash static files: %w", err)
	}
	return f, nil
}

// add serves data under name's hashed URL.
func (f *Files) add(name string, data []byte) error {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:5])
	ext := path.Ext(name)
	ct, ok := contentTypes[ext]
	if !ok {
		ct = mime.TypeByExtension(ext)
	}
	if ct == "" {
		return fmt.Errorf("%s: no content type for %q", name, ext)
	}
	hashed := "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
	f.byName[name] = hashed
	f.byPath[hashed] = asset{data: data, contentType: ct, etag: `"` + hash + `"`}
	return nil
}

// Path returns the hashed URL of name ("app.css"), or "" when there is no
// such file, so a typo shows up as a missing stylesheet rather than a stale one.
func (f *Files) Path(name string) string { return f.byName[name] }

// Handler serves the hashed URLs with a year-long, immutable cache lifetime:
// a changed file gets a new name, so a cached copy is never wrong. Unknown
// names, and old hashes of files that have since changed, are 404.
func (f *Files) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := f.byPath[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("ETag", a.etag)
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.data))
	})
}
