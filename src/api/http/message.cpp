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
  // No default: a code added to the catalogue does not compile until it has
  // a status here (-Wswitch is an error). 500 is for Weft's own faults only;
  // a dependency that fails is a 502/503/504, never a 500.
  switch (code) {
    case ErrorCode::invalid_argument:
    case ErrorCode::invalid_json:
    case ErrorCode::invalid_pipeline:
    case ErrorCode::invalid_config:
    case ErrorCode::expression_error:
      return 400;
    case ErrorCode::unauthenticated:
      return 401;
    case ErrorCode::forbidden:
      return 403;
    case ErrorCode::not_found:
      return 404;
    case ErrorCode::cancelled:
    case ErrorCode::conflict:
      return 409;
    case ErrorCode::limit_exceeded:
      return 413;
    case ErrorCode::unsupported_media_type:
      return 415;
    case ErrorCode::invalid_input:
    case ErrorCode::address_refused:
    case ErrorCode::node_failed:       // the pipeline's own block said no
    case ErrorCode::model_not_found:   // the model the request names is not there
    case ErrorCode::context_too_long:  // the request's prompt does not fit
      return 422;
    case ErrorCode::rate_limited:
      return 429;
    case ErrorCode::internal:
      return 500;
    case ErrorCode::network_error:    // the exchange with an upstream broke off
    case ErrorCode::http_status:      // an upstream answered with an error
    case ErrorCode::upstream_failed:  // something this depended on failed
    case ErrorCode::invalid_output:   // a model's reply broke the schema asked for
      return 502;
    case ErrorCode::unavailable:           // our own database or queue, for now
    case ErrorCode::provider_unreachable:  // nothing answers at the provider's address
      return 503;
    case ErrorCode::timeout:  // an upstream (or the run) took too long
      return 504;
  }
  return 500;  // not reached: every code has its case above
}

}  // namespace weft::api
