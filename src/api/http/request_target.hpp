#pragma once
// Turns a request target ("/api//x/../y?q=a+b") into the normalised,
// percent-decoded path and the query parameters that routing and handlers see.
//
// The path is split into segments *before* decoding, so an encoded slash can
// never make two segments out of one: `%2F` inside a segment is refused (400),
// since no id or name we route on contains a slash. Each segment is then
// decoded and dot segments are resolved, decoded ones included (`%2e%2e` is
// `..`), so a route parameter is never "." or ".."; `..` never climbs above
// the root. Empty segments (`//`, a trailing `/`) are dropped. A decoded
// segment with a control byte or invalid UTF-8 is refused.

#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.hpp"

namespace weft::api {

struct RequestTarget {
  std::string path;  ///< "/" or "/seg/seg", decoded
  std::unordered_map<std::string, std::string> query;
};

/// Parses an origin-form ("/p?q") or absolute-form ("http://h/p?q") target;
/// errors are invalid_argument with a message fit for the client.
Result<RequestTarget> parse_request_target(std::string_view target);

/// `text` with every byte outside printable ASCII percent-encoded: safe for
/// a log line whatever the client sent.
std::string printable_path(std::string_view text);

}  // namespace weft::api
