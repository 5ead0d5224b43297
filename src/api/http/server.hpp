#pragma once
// The HTTP/1.1 server (Beast on Asio coroutines): keep-alive, limits against
// large and slow clients, request ids, a JSON-lines access log, graceful stop.
// Beast stays inside server.cpp and its helpers; this header is light.

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "api/http/access_log_policy.hpp"
#include "api/http/router.hpp"
#include "common/result.hpp"

namespace boost::asio {
class io_context;
}

namespace weft::api {

struct ServerLimits {
  std::size_t max_body_bytes = 10 * 1024 * 1024;  ///< 413 beyond
  std::size_t max_header_bytes = 16 * 1024;       ///< 431 beyond
  std::size_t max_json_depth = 64;                ///< for handlers' parse_body
  /// A body's JSON is refused (413) while parsing once an object passes
  /// this many keys or the document this many values: a 10 MB body of tiny
  /// members would otherwise grow into hundreds of MB of tree.
  std::size_t max_json_object_keys = 10'000;
  std::size_t max_json_values = 500'000;
  /// Answers list at most this many problems, with `problem_count` saying how
  /// many were found (validation itself stops at DefinitionLimits::max_problems).
  std::size_t max_problems_shown = 200;
  std::chrono::milliseconds read_timeout{
      10'000};  ///< a whole request (headers+body) must arrive in this
  std::chrono::milliseconds idle_timeout{60'000};  ///< keep-alive connection with no request
  std::chrono::milliseconds handler_timeout{120'000};
  std::size_t max_connections = 10'000;
};

/// Called for each request just before its handler, with the route it
/// matched (null: none; the request's params are filled); may answer
/// (non-null) to short-circuit.
using Middleware = std::function<std::optional<Response>(Request&, const Route*)>;

class Server {
 public:
  /// The access log is written on a thread of its own (see AccessLogWriter).
  Server(boost::asio::io_context& context, const Router& router, ServerLimits limits,
         AccessLogOptions access_log);
  /// Stops, then writes the access-log lines still queued.
  ~Server();

  /// Binds and starts accepting. Errors name the address ("cannot listen on 127.0.0.1:8080: Address
  /// in use").
  Status listen(const std::string& host, unsigned short port);
  /// Runs before routing on every request; may answer to short-circuit (auth, later).
  void set_middleware(Middleware middleware);
  /// The port actually bound (useful with port 0).
  unsigned short port() const;
  /// Stops accepting, answers requests in progress, then closes every connection.
  void stop();
  /// Requests handled so far, by route pattern and status (for /metrics).
  struct RouteCount {
    std::string method;
    std::string route;  ///< pattern, or "unmatched"
    int status = 0;
    std::uint64_t count = 0;
  };
  std::vector<RouteCount> request_counts() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

/// Parses a request body as JSON within `limits` (size, depth, keys, values).
/// Errors are invalid_json (400) or limit_exceeded (413) naming the line and
/// column, or invalid_input (422) naming the pointer of a number out of range.
Result<json::value> parse_body(const Request& request, const ServerLimits& limits);

}  // namespace weft::api
