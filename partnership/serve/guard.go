package serve

import (
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// maxBody is the largest request body accepted: a definition at the loader's limit, written as
// a JSON string where every character may take six bytes, with room for the rest of the request.
const maxBody = 6<<20 + 64<<10

// pageCSP lets the pages run their own scripts and styles only: nothing inline, nothing from
// another origin, no plug-ins, no framing by other sites.
const pageCSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

// IsLoopback reports whether a listening address ("127.0.0.1:8080", "[::1]:0",
// "localhost:8080") only accepts connections from this machine.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.IsLoopback()
}

// allowedHosts lists the Host headers the server answers to: its own address, localhost on the
// same port when it listens on the loopback, and the names given for a reverse proxy.
func allowedHosts(listen string, extra []string) []string {
	hosts := slices.Clone(extra)
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return hosts
	}
	hosts = append(hosts, net.JoinHostPort(host, port))
	if IsLoopback(listen) {
		hosts = append(hosts, net.JoinHostPort("localhost", port), net.JoinHostPort("127.0.0.1", port), net.JoinHostPort("::1", port))
	}
	for i, h := range hosts {
		hosts[i] = strings.ToLower(h)
	}
	return hosts
}

// guard wraps every handler with the checks that make a local server safe in a browser:
//
//   - the Host header must name this server, so that a page of another site whose name was
//     rebound to 127.0.0.1 (DNS rebinding) cannot read the workspace;
//   - a request that changes something must come from a page of this server: its Origin is
//     ours (no cross-site request forgery), it says it carries JSON, and Sec-Fetch-Site, when
//     the browser sends it, says same-origin;
//   - a body larger than maxBody is refused before it is read;
//   - every answer forbids sniffing, referrers and framing by others, and pages get a strict
//     Content-Security-Policy.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Content-Security-Policy", pageCSP)
		if !slices.Contains(s.hosts, strings.ToLower(r.Host)) {
			http.Error(w, "this server does not answer to the host "+strconv.Quote(r.Host), http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if !s.sameOrigin(r) {
				http.Error(w, "refused: the request does not come from a page of this server", http.StatusForbidden)
				return
			}
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				http.Error(w, "refused: requests that change something carry JSON", http.StatusUnsupportedMediaType)
				return
			}
			if r.ContentLength > maxBody {
				http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) sameOrigin(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return false
	}
	origin := strings.ToLower(r.Header.Get("Origin"))
	for _, h := range s.hosts {
		if origin == "http://"+h || origin == "https://"+h {
			return true
		}
	}
	return false
}
