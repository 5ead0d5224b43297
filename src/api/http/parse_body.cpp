#include <algorithm>

#include "api/http/server.hpp"

namespace weft::api {
namespace {

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

Result<json::value> parse_body(const Request& request, const ServerLimits& limits) {
  if (is_blank(request.body)) {
    return Error::make(ErrorCode::invalid_json, "the request body is empty; send a JSON object");
  }
  if (request.body.size() > limits.max_body_bytes) {
    return Error::make(ErrorCode::limit_exceeded,
                       "the request body is " + std::to_string(request.body.size()) +
                           " bytes; the limit is " + std::to_string(limits.max_body_bytes));
  }
  auto parsed = parse_json(request.body, {.max_bytes = limits.max_body_bytes,
                                          .max_depth = limits.max_json_depth,
                                          .max_object_keys = limits.max_json_object_keys,
                                          .max_values = limits.max_json_values,
                                          // Well-formed JSON holding a number no double can
                                          // keep (1e999) is a bad value, not bad syntax.
                                          .out_of_range = ErrorCode::invalid_input});
  if (parsed.ok()) {
    return parsed;
  }
  Error error = std::move(parsed).error();
  // parse_json says "invalid JSON at line L, column C: …"; say which document.
  constexpr std::string_view kPrefix = "invalid JSON at ";
  if (error.code == ErrorCode::invalid_json && error.message.starts_with(kPrefix)) {
    error.message = "invalid JSON body at " + error.message.substr(kPrefix.size());
  }
  return error;
}

}  // namespace weft::api
