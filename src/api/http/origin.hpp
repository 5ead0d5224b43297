#pragma once
// Whether a request comes from a page of the server's own origin. Browsers
// name the page that made a request in `Origin` (every WebSocket upgrade,
// every POST); other clients send none. Host is what the browser connected
// to, so a page of another site — another port of the same host included —
// never matches it.

#include <string_view>

#include "api/http/message.hpp"

namespace weft::api {

/// True when `origin` ("http://host:port", "null", …) names the same host and
/// port as the `host` header (case aside, default ports implied).
bool origin_matches_host(std::string_view origin, std::string_view host);

/// True when the request has no Origin (not a browser page) or its Origin
/// matches its Host; false for a page of any other origin, or "null".
bool from_own_origin(const Request& request);

}  // namespace weft::api
