#pragma once
// The headers every answer carries, whoever made it, so that no handler can
// forget or weaken them (docs/security.md, "The browser"): the editor's HTML
// may run only the server's own scripts and may not be framed; nothing is
// sniffed into another type; no address leaks in a Referer.

#include <array>
#include <string_view>
#include <utility>

namespace weft::api {

/// The editor's page: its own scripts, styles and API (WebSocket included,
/// which `'self'` covers in CSP 3) and nothing else; no inline script, no
/// plugins, no <base>, and no page of any origin may frame it. A blocked
/// script's first characters go with the violation ('report-sample'), so
/// that what was stopped can be told apart.
inline constexpr std::string_view kEditorPolicy =
    "default-src 'self'; script-src 'self' 'report-sample'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

/// Every other answer (JSON, scripts, styles, images): opened as a page, it may load nothing.
inline constexpr std::string_view kResourcePolicy =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The same on every answer.
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kFixedSecurityHeaders{
    {
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"X-Frame-Options", "DENY"},  // frame-ancestors, for browsers that predate it
    }};

/// The Content-Security-Policy for an answer of this Content-Type: the editor's
/// for HTML, the empty one for the rest.
std::string_view content_security_policy(std::string_view content_type);

/// True for the header names above (and Content-Security-Policy): the wire
/// writes them, a handler's own are dropped.
bool is_security_header(std::string_view lower_case_name);

}  // namespace weft::api
