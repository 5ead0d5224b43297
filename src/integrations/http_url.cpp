#include "integrations/http_url.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>
#include <charconv>

#include "integrations/address_guard.hpp"
#include "integrations/ascii.hpp"

namespace weft::integrations {
namespace {

namespace urls = boost::urls;

constexpr std::uint16_t kHttpPort = 80;
constexpr std::uint16_t kHttpsPort = 443;

Error bad_url(std::string_view url, std::string_view why) {
  return Error::make(ErrorCode::invalid_argument,
                     "URL `" + std::string(url) + "` " + std::string(why));
}

/// Host names go to the system resolver as C strings: letters, digits, '-',
/// '_' and '.' only (international names must come in their punycode form).
bool is_plain_host_name(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::string HttpTarget::origin() const {
  return (tls ? "https://" : "http://") + host + ":" + std::to_string(port);
}

Result<HttpTarget> parse_http_url(std::string_view url) {
  auto parsed = urls::parse_uri(url);
  if (!parsed) {
    return bad_url(url, "is not an absolute URL (expected http://host/path or https://host/path)");
  }
  const urls::url_view view = *parsed;
  Status scheme = AddressGuard::check_scheme(view.scheme());
  if (!scheme) {
    return std::move(scheme).error();
  }
  HttpTarget out;
  out.url = std::string(url);
  out.tls = ascii_lower(view.scheme()) == "https";
  if (!view.has_authority() || view.encoded_host().empty()) {
    return bad_url(url, "has no host");
  }
  switch (view.host_type()) {
    case urls::host_type::ipv4:
    case urls::host_type::ipv6: {
      boost::system::error_code ec;
      out.literal = boost::asio::ip::make_address(std::string(view.host_address()), ec);
      if (ec) {
        return bad_url(url, "has an invalid IP address");
      }
      out.host = out.literal->to_string();
      break;
    }
    case urls::host_type::name:
      out.host = ascii_lower(view.host_name());
      if (!is_plain_host_name(out.host)) {
        return bad_url(url, "has a host name with characters a DNS name cannot have");
      }
      break;
    default:
      return bad_url(url, "has a host form that is not supported");
  }
  out.port = out.tls ? kHttpsPort : kHttpPort;
  out.host_header = std::string(view.encoded_host());
  if (view.has_port() && !view.port().empty()) {
    const std::string_view digits = view.port();
    unsigned value = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec != std::errc() || end != digits.data() + digits.size() || value == 0 || value > 65535) {
      return bad_url(url, "has a port outside 1-65535");
    }
    if (value != out.port) {
      out.host_header += ":" + std::string(digits);
    }
    out.port = static_cast<std::uint16_t>(value);
  }
  out.target = std::string(view.encoded_target());
  if (out.target.empty() || out.target.front() != '/') {
    out.target.insert(0, "/");
  }
  return out;
}

Result<std::string> resolve_location(std::string_view base, std::string_view location) {
  auto base_view = urls::parse_uri(base);
  auto reference = urls::parse_uri_reference(location);
  urls::url resolved;
  if (!base_view || !reference || !urls::resolve(*base_view, *reference, resolved)) {
    return Error::make(ErrorCode::network_error, "the server at `" + std::string(base) +
                                                     "` redirected to an invalid location `" +
                                                     std::string(location) + "`");
  }
  resolved.remove_fragment();
  return std::string(resolved.buffer());
}

}  // namespace weft::integrations
