#include "api/handlers/support.hpp"

#include <algorithm>
#include <charconv>

namespace weft::api {

std::string_view workspace_of(const Request& request) {
  // No caller means a public route, which reads no workspace's data: an
  // empty id matches no row, so a route left off the gate by mistake leaks nothing.
  return request.caller ? std::string_view(request.caller->workspace_id) : std::string_view{};
}

Handler with_auth(ApiContext& context,
                  std::function<boost::asio::awaitable<Response>(ApiContext&, Request&)> f) {
  ApiContext* ctx = &context;
  return [ctx, f = std::move(f)](Request& request) -> boost::asio::awaitable<Response> {
    if (ctx->auth == nullptr) {
      co_return Response::error(503, "unavailable", "accounts are not served here");
    }
    co_return co_await f(*ctx, request);
  };
}

Handler with_auth_sync(ApiContext& context, std::function<Response(ApiContext&, Request&)> f) {
  return with_auth(
      context,
      [f = std::move(f)](ApiContext& ctx, Request& request) -> boost::asio::awaitable<Response> {
        co_return f(ctx, request);
      });
}

Problems first_problems(const Problems& problems, const ServerLimits& limits) {
  const auto shown = std::min(problems.size(), limits.max_problems_shown);
  return Problems(problems.begin(), problems.begin() + static_cast<std::ptrdiff_t>(shown));
}

void add_problems(json::object& body, const Problems& problems, const ServerLimits& limits) {
  json::array list;
  for (const auto& p : first_problems(problems, limits)) {
    list.push_back(json::object{{"pointer", p.pointer}, {"message", p.message}});
  }
  body["valid"] = problems.empty();
  body["problems"] = std::move(list);
  body["problem_count"] = problems.size();
}

Error unreadable_execution(std::string_view id) {
  return Error::make(ErrorCode::conflict, "execution `" + std::string(id) +
                                              "` cannot be read back from storage, so its inputs "
                                              "and outputs cannot be reused; start a new run");
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
