#pragma once
// Reading a cookie a request carries and writing a Set-Cookie value
// (RFC 6265), for the one cookie the server uses: the refresh token's.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "api/http/message.hpp"

namespace weft::api {

enum class SameSite { strict, lax };

struct CookieAttributes {
  std::string path = "/";
  std::chrono::seconds max_age{0};  ///< 0: delete the cookie now
  bool http_only = true;
  bool secure = false;
  SameSite same_site = SameSite::strict;
};

/// The value of the cookie `name` in the request's Cookie header(s), or
/// nullopt when it has none (an empty value counts as none).
std::optional<std::string> cookie_value(const Request& request, std::string_view name);

/// A Set-Cookie header value. `value` must be cookie-safe (our tokens are:
/// letters, digits, `_` and `-`).
std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieAttributes& attributes);

}  // namespace weft::api
