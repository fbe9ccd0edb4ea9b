package web

import (
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// hostNames says which Host a request may name: the base URL's host, and in
// development (a loopback base URL, as `make run` has) any loopback name. A
// page on another name that resolves to us (DNS rebinding) is thus refused,
// and its matching Origin never reaches the cross-origin check.
type hostNames struct {
	base string // lower case, no port, no trailing dot; "" accepts nothing
	dev  bool
}

func newHostNames(baseURL string) hostNames {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return hostNames{}
	}
	base, ok := hostName(u.Host)
	if !ok {
		return hostNames{}
	}
	return hostNames{base: base, dev: isLoopbackName(base)}
}

// ours reports whether a Host header names this app.
func (h hostNames) ours(host string) bool {
	name, ok := hostName(host)
	switch {
	case !ok || h.base == "":
		return false
	case name == h.base:
		return true
	}
	return h.dev && isLoopbackName(name)
}

// hostName returns the name in a Host header ("name", "name:port",
// "[v6]:port"), lower case without a trailing dot; false when it cannot be
// read.
func hostName(host string) (string, bool) {
	name := host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		h, port, err := net.SplitHostPort(host)
		if err != nil {
			return "", false
		}
		if _, err := strconv.ParseUint(port, 10, 16); err != nil && port != "" {
			return "", false
		}
		name = h
	} else {
		name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "" || strings.ContainsAny(name, "[]/\\@ ") {
		return "", false
	}
	if strings.Contains(name, ":") { // only a bracketed IPv6 literal may hold colons
		if a, err := netip.ParseAddr(name); err != nil || !a.Is6() {
			return "", false
		}
	}
	return name, true
}

func isLoopbackName(name string) bool {
	if name == "localhost" {
		return true
	}
	a, err := netip.ParseAddr(name)
	return err == nil && a.IsLoopback()
}

// probes are the routes load balancers and scrapers call by IP address.
var probes = map[string]bool{"/healthz": true, "/metrics": true}

// hostGuard answers 421 Misdirected Request to a request for another host.
func (s *Server) hostGuard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.ours(r.Host) && !probes[r.URL.Path] {
			s.message(w, r, http.StatusMisdirectedRequest,
				"This server answers for "+s.hosts.base+" only. Open Registrar at its own address.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// forwardingHeaders are those a proxy adds; a request carrying one came
// through a proxy, whoever the peer is.
var forwardingHeaders = []string{"Forwarded", "Via", "X-Real-Ip", "X-Client-Ip", "True-Client-Ip",
	"Cf-Connecting-Ip", "Fastly-Client-Ip", "X-Cluster-Client-Ip", "X-Original-Forwarded-For"}

// direct reports whether r comes straight from this machine: the peer is a
// loopback address that is not a trusted proxy, no header says a proxy
// forwarded it, and it names our host. Anything unreadable counts as not.
func (s *Server) direct(r *http.Request) bool {
	return s.fromThisMachine(r) && s.hosts.ours(r.Host)
}

// fromThisMachine is direct without the Host check, for scrapers, which
// call by IP address.
func (s *Server) fromThisMachine(r *http.Request) bool {
	peer, ok := peerAddr(r)
	if !ok || !peer.IsLoopback() || s.trusted(peer) {
		return false
	}
	for name := range r.Header {
		if strings.HasPrefix(http.CanonicalHeaderKey(name), "X-Forwarded-") {
			return false
		}
	}
	for _, name := range forwardingHeaders {
		if _, ok := r.Header[name]; ok {
			return false
		}
	}
	return true
}
