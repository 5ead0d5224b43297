#include "api/handlers/session_cookie.hpp"

#include <algorithm>
#include <cctype>

#include "api/auth_json.hpp"
#include "api/handlers/support.hpp"
#include "api/http/cookie.hpp"
#include "api/http/origin.hpp"

namespace weft::api {
namespace {

constexpr std::string_view kCookieModeHeader = "x-weft-refresh";

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(lower.begin(), lower.end(), text.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  return first == std::string_view::npos
             ? std::string_view{}
             : text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

CookieAttributes attributes(const Request& request, std::chrono::seconds max_age) {
  CookieAttributes cookie;
  cookie.path = std::string(kRefreshCookiePath);
  cookie.max_age = max_age;
  cookie.http_only = true;
  cookie.secure = behind_tls(request);
  cookie.same_site = SameSite::strict;
  return cookie;
}

}  // namespace

Result<RefreshRequest> read_refresh_request(const Request& request, const ServerLimits& limits) {
  // An empty body is `{}`: the editor sends none and relies on the cookie.
  auto body = body_object(request, limits, true);
  if (!body) {
    return std::move(body).error();
  }
  auto token = string_field(*body, "refresh_token", false);
  auto workspace = token ? string_field(*body, "workspace", false) : token;
  if (!workspace) {
    return std::move(workspace).error();
  }
  RefreshRequest read;
  read.workspace = std::move(*workspace);
  if (*token) {
    read.token = std::move(**token);
    return read;
  }
  auto cookie = cookie_value(request, kRefreshCookie);
  if (!cookie) {
    // No session to act on: the same answer as an unknown one.
    return Error::make(ErrorCode::unauthenticated,
                       "no session: send `refresh_token` in the body, or the " +
                           std::string(kRefreshCookie) + " cookie a login sets");
  }
  read.token = std::move(*cookie);
  read.from_cookie = true;
  return read;
}

bool cookie_mode(const Request& request) {
  return equals_ignoring_case(trim(request.header(kCookieModeHeader)), "cookie");
}

Response session_answer(const Request& request, const auth::Session& session, int status,
                        bool token_in_body) {
  json::object body = to_json(session);
  if (!token_in_body) {
    body.erase("refresh_token");
  }
  Response response = Response::json(status, body);
  response.headers.emplace_back("Cache-Control", "no-store");
  const auto left = std::chrono::duration_cast<std::chrono::seconds>(
      session.refresh_expires_at - std::chrono::system_clock::now());
  response.headers.emplace_back(
      "Set-Cookie", set_cookie(kRefreshCookie, session.refresh_token, attributes(request, left)));
  return response;
}

void clear_refresh_cookie(Response& response, const Request& request) {
  response.headers.emplace_back(
      "Set-Cookie", set_cookie(kRefreshCookie, "", attributes(request, std::chrono::seconds(0))));
}

bool behind_tls(const Request& request) {
  const std::string_view forwarded = request.header("x-forwarded-proto");
  return equals_ignoring_case(trim(forwarded.substr(0, forwarded.find(','))), "https");
}

Handler own_origin_only(Handler handler) {
  return [handler = std::move(handler)](Request& request) -> boost::asio::awaitable<Response> {
    if (!from_own_origin(request)) {
      co_return Response::from_error(Error::make(
          ErrorCode::forbidden, "sign-in requests from a page of another origin are refused"));
    }
    co_return co_await handler(request);
  };
}

}  // namespace weft::api
