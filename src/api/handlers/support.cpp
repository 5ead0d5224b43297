#include "api/handlers/support.hpp"

#include <charconv>

namespace weft::api {

std::string_view workspace_of(const Request&) {
  return store::kDefaultWorkspace;
}

json::array problems_json(const Problems& problems) {
  json::array out;
  for (const auto& p : problems) {
    out.push_back(json::object{{"pointer", p.pointer}, {"message", p.message}});
  }
  return out;
}

Result<json::object> body_object(const Request& request, const ServerLimits& limits,
                                 bool empty_ok) {
  if (empty_ok && request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return json::object{};
  }
  auto body = parse_body(request, limits);
  if (!body) {
    return std::move(body).error();
  }
  if (!body->is_object()) {
    return Error::make(ErrorCode::invalid_json, "the request body must be a JSON object, not " +
                                                    std::string(kind_name(*body)));
  }
  return std::move(body->get_object());
}

Result<std::optional<std::int64_t>> query_int(const Request& request, std::string_view name,
                                              std::int64_t min, std::int64_t max) {
  const std::string* text = request.query_param(name);
  if (text == nullptr) {
    return std::optional<std::int64_t>{};
  }
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return Error::make(ErrorCode::invalid_argument,
                       "query parameter `" + std::string(name) + "` must be a whole number from " +
                           std::to_string(min) + " to " + std::to_string(max));
  }
  return std::optional<std::int64_t>(value);
}

Result<bool> query_bool(const Request& request, std::string_view name, bool fallback) {
  const std::string* text = request.query_param(name);
  if (text == nullptr) {
    return fallback;
  }
  if (*text == "true" || *text == "1") {
    return true;
  }
  if (*text == "false" || *text == "0") {
    return false;
  }
  return Error::make(ErrorCode::invalid_argument,
                     "query parameter `" + std::string(name) + "` must be true or false");
}

}  // namespace weft::api
