#pragma once
// Helpers shared by the route handlers.

#include <boost/asio/awaitable.hpp>

#include "api/api.hpp"

namespace weft::api {

/// Wraps a synchronous handler as a coroutine handler.
template <class F>
Handler sync_handler(F f) {
  return [f = std::move(f)](Request& request) -> boost::asio::awaitable<Response> {
    co_return f(request);
  };
}

/// Wraps a handler that needs the auth services (503 when the server has none).
Handler with_auth(ApiContext& context,
                  std::function<boost::asio::awaitable<Response>(ApiContext&, Request&)> f);
Handler with_auth_sync(ApiContext& context, std::function<Response(ApiContext&, Request&)> f);

/// The first `limits.max_problems_shown` of `problems`.
Problems first_problems(const Problems& problems, const ServerLimits& limits);

/// Adds `valid`, `problems` (the first `limits.max_problems_shown`) and
/// `problem_count` (all of them) to `body`.
void add_problems(json::object& body, const Problems& problems, const ServerLimits& limits);

/// The 409 for reusing an execution whose stored records cannot be read
/// (`unreadable`): its inputs or outputs would silently read as null.
Error unreadable_execution(std::string_view id);

/// Parses the body as a JSON object (an empty body is `{}` when `empty_ok`).
Result<json::object> body_object(const Request& request, const ServerLimits& limits, bool empty_ok);

/// Reads an integer query parameter; nullopt when absent, error when malformed.
Result<std::optional<std::int64_t>> query_int(const Request& request, std::string_view name,
                                              std::int64_t min, std::int64_t max);

/// Reads a boolean query parameter (`true`/`false`/`1`/`0`), or `fallback`.
Result<bool> query_bool(const Request& request, std::string_view name, bool fallback);

}  // namespace weft::api
