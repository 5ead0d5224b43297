#include "api/http/cookie.hpp"

#include <algorithm>

namespace weft::api {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

/// `name`'s value in one Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string_view> find_in(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto semicolon = header.find(';');
    const std::string_view pair = trim(header.substr(0, semicolon));
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) {
      std::string_view value = trim(pair.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return value;
    }
    header =
        semicolon == std::string_view::npos ? std::string_view{} : header.substr(semicolon + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> cookie_value(const Request& request, std::string_view name) {
  for (const auto& [field, value] : request.headers) {
    if (field != "cookie") {
      continue;
    }
    if (auto found = find_in(value, name); found && !found->empty()) {
      return std::string(*found);
    }
  }
  return std::nullopt;
}

std::string set_cookie(std::string_view name, std::string_view value,
                       const CookieAttributes& attributes) {
  std::string out;
  out.append(name).append("=").append(value);
  out.append("; Path=").append(attributes.path);
  out.append("; Max-Age=")
      .append(std::to_string(std::max<long long>(0, attributes.max_age.count())));
  if (attributes.http_only) {
    out.append("; HttpOnly");
  }
  if (attributes.secure) {
    out.append("; Secure");
  }
  out.append(attributes.same_site == SameSite::strict ? "; SameSite=Strict" : "; SameSite=Lax");
  return out;
}

}  // namespace weft::api
