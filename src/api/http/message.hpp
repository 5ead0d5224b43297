#pragma once
// Requests and responses as handlers see them: plain data, no Beast types,
// so handlers compile without Beast headers (DESIGN §11).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "auth/caller.hpp"
#include "common/error.hpp"
#include "common/json.hpp"
#include "common/problem.hpp"

namespace weft::api {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  ///< upper case
  std::string target;  ///< as received, path + query
  std::string path;    ///< percent-decoded, normalised (no `//`, no dot segments)
  std::unordered_map<std::string, std::string> query;   ///< decoded; last value wins
  std::unordered_map<std::string, std::string> params;  ///< route parameters (`{id}`)
  HeaderList headers;                                   ///< names lower-cased
  std::string body;
  std::string request_id;              ///< generated per request; echoed as X-Request-Id
  std::string remote;                  ///< peer address
  std::optional<auth::Caller> caller;  ///< set by the auth gate on every non-public route

  /// First header named `name` (lower-case), or "".
  std::string_view header(std::string_view name) const;
  /// Route parameter `name`, or "".
  std::string_view param(std::string_view name) const;
  /// Query parameter `name`, or nullptr.
  const std::string* query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  HeaderList headers;
  std::string body;

  static Response json(int status, const json::value& value);
  static Response text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
  /// The error envelope of DESIGN §9:
  /// `{"error": {"code": "…", "message": "…", "details": [{"pointer": "…", "message": "…"}]}}`.
  static Response error(int status, std::string_view code, std::string_view message,
                        const Problems& details = {});
  /// The envelope for `error`, with the status its code maps to.
  static Response from_error(const Error& error, const Problems& details = {});
};

/// The HTTP status for an error code: invalid_* 400 (invalid_input 422),
/// unauthenticated 401, forbidden 403, not_found 404, conflict 409,
/// limit_exceeded 413, rate_limited 429, timeout 504, unavailable 503, and
/// the rest as message.cpp maps them (never 500 for bad input).
int http_status(ErrorCode code);

}  // namespace weft::api
