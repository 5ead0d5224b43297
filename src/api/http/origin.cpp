#include "api/http/origin.hpp"

#include <algorithm>
#include <cctype>

namespace weft::api {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// `authority` without `:port` when that port is the scheme's default one.
std::string_view without_default_port(std::string_view authority, std::string_view scheme) {
  const std::string_view port = scheme == "https" ? ":443" : ":80";
  if (authority.size() > port.size() && authority.ends_with(port)) {
    authority.remove_suffix(port.size());
  }
  return authority;
}

}  // namespace

bool origin_matches_host(std::string_view origin, std::string_view host) {
  constexpr std::string_view kSeparator = "://";
  const auto separator = origin.find(kSeparator);
  if (separator == std::string_view::npos || host.empty()) {
    return false;  // "null" (a sandboxed or file page), or no Host to compare with
  }
  std::string scheme(origin.substr(0, separator));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") {
    return false;
  }
  const std::string_view authority = origin.substr(separator + kSeparator.size());
  if (authority.empty() || authority.find('/') != std::string_view::npos) {
    return false;  // an Origin is scheme://host[:port] and nothing more
  }
  return equal_ignoring_case(without_default_port(authority, scheme),
                             without_default_port(host, scheme));
}

bool from_own_origin(const Request& request) {
  const bool has_origin = std::any_of(request.headers.begin(), request.headers.end(),
                                      [](const auto& field) { return field.first == "origin"; });
  return !has_origin || origin_matches_host(request.header("origin"), request.header("host"));
}

}  // namespace weft::api
