#pragma once
// What the listener and every connection share: the router, the limits, the
// log sink, the counters and the list of live connections. Built once by
// Server and held by shared_ptr by everything that may outlive a call.

#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "api/http/access_entry.hpp"
#include "api/http/access_log_writer.hpp"
#include "api/http/request_counter.hpp"
#include "api/http/server.hpp"

namespace weft::api {

class HttpSession;

/// The live connections, so that stop() can reach each of them.
class SessionRegistry {
 public:
  /// False once stopping: the caller closes the new connection instead.
  bool add(const std::shared_ptr<HttpSession>& session);
  void remove(const HttpSession* session);
  std::size_t size() const;
  /// Refuses further sessions and returns the live ones.
  std::vector<std::shared_ptr<HttpSession>> begin_stop();

 private:
  mutable std::mutex mutex_;  // guards both members: the listener, sessions and stop() run anywhere
  bool stopping_ = false;
  std::unordered_map<const HttpSession*, std::weak_ptr<HttpSession>> sessions_;
};

struct ServerState {
  ServerState(boost::asio::io_context& context, const Router& router, ServerLimits limits,
              AccessLogOptions access_log)
      : context(context), router(router), limits(limits), access_log(std::move(access_log)) {}

  boost::asio::io_context& context;
  const Router& router;
  const ServerLimits limits;
  AccessLogWriter access_log;
  RequestCounter counts;
  SessionRegistry sessions;

  void set_middleware(Middleware middleware);
  /// The current middleware (null when none); a copy, so it may be replaced meanwhile.
  std::shared_ptr<const Middleware> middleware() const;
  /// Counts the request and queues its access-log line.
  void record(AccessEntry&& entry);

 private:
  mutable std::mutex middleware_mutex_;  // guards middleware_, set from the caller's thread
  std::shared_ptr<const Middleware> middleware_;
};

}  // namespace weft::api
