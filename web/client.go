package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

const clientKeyCtx ctxKey = requestIDKey + 2

// clientAddrs finds who is asking once per request: the connection's peer,
// or, when that peer is a trusted proxy, the right-most X-Forwarded-For
// address that is not a trusted proxy. A header that cannot be read is a
// 400: falling back to the proxy would put every client in one bucket.
func (s *Server) clientAddrs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, err := s.clientOf(r)
		if err != nil {
			s.message(w, r, http.StatusBadRequest, "The X-Forwarded-For header of this request could not be read, so we do not know who sent it.")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientKeyCtx, a)))
	})
}

// clientAddr is the client address clientAddrs found; the zero Addr when
// the peer could not be read.
func clientAddr(r *http.Request) netip.Addr {
	a, _ := r.Context().Value(clientKeyCtx).(netip.Addr)
	return a
}

func (s *Server) clientOf(r *http.Request) (netip.Addr, error) {
	peer, ok := peerAddr(r)
	if !ok || !s.trusted(peer) {
		return peer, nil
	}
	header := strings.Join(r.Header.Values("X-Forwarded-For"), ",")
	if strings.TrimSpace(header) == "" {
		return peer, nil
	}
	hops := strings.Split(header, ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := parseHop(hops[i])
		if err != nil {
			return netip.Addr{}, err
		}
		if !s.trusted(a) {
			return a, nil
		}
		peer = a // every hop so far is a proxy of ours: the left-most is the client
	}
	return peer, nil
}

// parseHop reads one X-Forwarded-For entry: an address, optionally with a
// port ("192.0.2.1:4711", "[2001:db8::1]:443") as some proxies write it.
func parseHop(s string) (netip.Addr, error) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), nil
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), nil
	}
	if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		if a, err := netip.ParseAddr(s[1 : len(s)-1]); err == nil {
			return a.Unmap(), nil
		}
	}
	return netip.Addr{}, errors.New("unreadable X-Forwarded-For entry")
}

// peerAddr is the connection's peer address; false when it cannot be read.
func peerAddr(r *http.Request) (netip.Addr, bool) {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap(), true
}

func (s *Server) trusted(a netip.Addr) bool {
	for _, p := range s.Config.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
