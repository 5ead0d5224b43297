#include "api/http/message.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace weft::api {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// Codes the catalogue may gain (conflict, unavailable) are matched by name so
/// this file keeps compiling, and maps them, whether or not they exist yet.
int status_by_name(std::string_view name) {
  constexpr std::array<std::pair<std::string_view, int>, 2> kByName{{
      {"conflict", 409},
      {"unavailable", 503},
  }};
  for (const auto& [known, status] : kByName) {
    if (known == name) {
      return status;
    }
  }
  return 500;
}

/// Retry-After for a 429 whose limiter did not say (an upstream's rate limit).
constexpr std::chrono::seconds kDefaultRetryAfter{30};

}  // namespace

std::string_view Request::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) {
      return value;
    }
  }
  return {};
}

std::string_view Request::param(std::string_view name) const {
  auto found = params.find(std::string(name));
  return found == params.end() ? std::string_view{} : std::string_view(found->second);
}

const std::string* Request::query_param(std::string_view name) const {
  auto found = query.find(std::string(name));
  return found == query.end() ? nullptr : &found->second;
}

Response Response::json(int status, const json::value& value) {
  Response response;
  response.status = status;
  response.body = to_json_string(value);
  return response;
}

Response Response::text(int status, std::string body, std::string content_type) {
  Response response;
  response.status = status;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  return response;
}

Response Response::error(int status, std::string_view code, std::string_view message,
                         const Problems& details) {
  json::object error;
  error["code"] = code;
  error["message"] = message;
  if (!details.empty()) {
    json::array list;
    for (const auto& problem : details) {
      list.push_back(json::object{{"pointer", problem.pointer}, {"message", problem.message}});
    }
    error["details"] = std::move(list);
  }
  return json(status, json::object{{"error", std::move(error)}});
}

Response Response::from_error(const Error& error, const Problems& details) {
  // An error that points somewhere but comes without a problem list still
  // tells the client where: as a one-element list.
  const bool pointed = details.empty() && !error.pointer.empty();
  Response response = Response::error(http_status(error.code), to_string(error.code), error.message,
                                      pointed ? Problems{{error.pointer, error.message}} : details);
  if (response.status == 429) {
    // Every 429 says when to come back (RFC 9110 §10.2.3), here and only here.
    const auto wait = error.retry_after.value_or(kDefaultRetryAfter);
    response.headers.emplace_back("Retry-After",
                                  std::to_string(std::max<std::int64_t>(1, wait.count())));
  }
  return response;
}

int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument:
    case ErrorCode::invalid_json:
    case ErrorCode::invalid_pipeline:
    case ErrorCode::invalid_config:
    case ErrorCode::expression_error:
      return 400;
    case ErrorCode::invalid_input:
    case ErrorCode::address_refused:
      return 422;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::limit_exceeded:
      return 413;
    case ErrorCode::timeout:
      return 504;
    case ErrorCode::cancelled:
      return 409;
    default:
      return status_by_name(to_string(code));
  }
}

}  // namespace weft::api
