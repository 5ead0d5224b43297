#include "api/http/response_wire.hpp"

#include <algorithm>
#include <array>
#include <boost/beast/http/status.hpp>
#include <cctype>
#include <chrono>
#include <ctime>

#include "api/http/security_headers.hpp"

namespace weft::api {
namespace {

constexpr std::string_view kServerName = "weft";

bool is_token(std::string_view text) {
  constexpr std::string_view kPunctuation = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [&](unsigned char c) {
    return std::isalnum(c) || kPunctuation.find(static_cast<char>(c)) != std::string_view::npos;
  });
}

bool is_field_value(std::string_view text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return c == '\r' || c == '\n' || c == '\0'; });
}

bool is_managed(std::string_view name) {
  constexpr std::array<std::string_view, 7> kManaged{
      "content-length", "content-type", "transfer-encoding", "connection",
      "server",         "date",         "x-request-id"};
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kManaged.begin(), kManaged.end(), lower) != kManaged.end() ||
         is_security_header(lower);
}

/// 1xx, 204 and 304 answers carry no body (RFC 9110 §6.4.1).
bool allows_body(int status) {
  return status >= 200 && status != 204 && status != 304;
}

/// IMF-fixdate, as the Date header wants: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[40];
  const std::size_t length = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return std::string(text, length);
}

void add_field(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::size_t body_bytes(const Response& response, bool head) {
  return head || !allows_body(response.status) ? 0 : response.body.size();
}

std::string serialize_response(const Response& response, const WireOptions& options) {
  const auto reason =
      boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(response.status));
  std::string out;
  out.reserve(256 + response.body.size());
  out.append("HTTP/1.1 ").append(std::to_string(response.status)).append(" ");
  out.append(reason.data(), reason.size()).append("\r\n");
  add_field(out, "Server", kServerName);
  add_field(out, "Date", http_date());
  add_field(out, "X-Request-Id", options.request_id);
  for (const auto& [name, value] : kFixedSecurityHeaders) {
    add_field(out, name, value);
  }
  add_field(out, "Content-Security-Policy", content_security_policy(response.content_type));
  if (allows_body(response.status)) {
    if (!response.content_type.empty() && is_field_value(response.content_type)) {
      add_field(out, "Content-Type", response.content_type);
    }
    add_field(out, "Content-Length", std::to_string(response.body.size()));
  }
  for (const auto& [name, value] : response.headers) {
    if (is_token(name) && is_field_value(value) && !is_managed(name)) {
      add_field(out, name, value);
    }
  }
  if (options.close) {
    add_field(out, "Connection", "close");
  } else if (options.keep_alive) {
    add_field(out, "Connection", "keep-alive");
  }
  out.append("\r\n");
  if (body_bytes(response, options.head) > 0) {
    out.append(response.body);
  }
  return out;
}

}  // namespace weft::api
