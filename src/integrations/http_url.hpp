#pragma once
// An outbound URL taken apart for one HTTP exchange (internal to the client).

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft::integrations {

/// Where one request goes: what to resolve, what to check, what to send.
struct HttpTarget {
  std::string url;   ///< the absolute URL as given
  bool tls = false;  ///< https
  std::string host;  ///< lower-cased, percent-decoded, IPv6 without brackets
  std::optional<boost::asio::ip::address> literal;  ///< set when `host` is an IP literal
  std::uint16_t port = 0;
  std::string target;       ///< path and query, "/" when the path is empty
  std::string host_header;  ///< value of the Host header: host[:port]

  /// Scheme, host and port; a redirect to another origin drops credentials.
  std::string origin() const;
};

/// Parses an absolute http(s) URL: invalid_argument for malformed URLs,
/// address_refused for other schemes (AddressGuard::check_scheme).
Result<HttpTarget> parse_http_url(std::string_view url);

/// Resolves a Location header value against the URL that sent it.
Result<std::string> resolve_location(std::string_view base, std::string_view location);

}  // namespace weft::integrations
