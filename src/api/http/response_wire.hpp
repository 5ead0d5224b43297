#pragma once
// A Response as HTTP/1.1 bytes on the wire. The framing headers (Content-Length,
// Connection), Server, Date, X-Request-Id and the security headers
// (security_headers.hpp) are ours; a handler's headers with those names, or
// with a name or value that could split the header, are dropped.

#include <string>
#include <string_view>

#include "api/http/message.hpp"

namespace weft::api {

struct WireOptions {
  std::string_view request_id;
  bool head = false;        ///< answering HEAD: headers of the GET answer, no body
  bool close = false;       ///< send `Connection: close`
  bool keep_alive = false;  ///< send `Connection: keep-alive` (an HTTP/1.0 client asked for it)
};

/// Status line, headers and (unless HEAD, 204 or 304) the body.
std::string serialize_response(const Response& response, const WireOptions& options);

/// Body bytes serialize_response sends for this answer.
std::size_t body_bytes(const Response& response, bool head);

}  // namespace weft::api
