#pragma once
// `GET /api/ws`: the live connections and what they share. Light header (no
// Beast); the sessions themselves live in ws_session.cpp.

#include <cstddef>
#include <memory>
#include <string>

#include "api/ws/run_hub.hpp"

namespace weft::api {

struct UpgradedConnection;

struct WebSocketLimits {
  std::size_t max_message_bytes = 64 * 1024;  ///< a client message beyond this closes the socket
  std::size_t max_queued_frames = 4096;       ///< a client this far behind is dropped
  std::size_t max_queued_bytes = 16 << 20;    ///< likewise, in bytes
  std::chrono::seconds idle_timeout{60};      ///< no pong to our pings for this long: gone
};

class WebSocketService {
 public:
  explicit WebSocketService(RunHub& hub, WebSocketLimits limits = {});
  ~WebSocketService();
  WebSocketService(const WebSocketService&) = delete;
  WebSocketService& operator=(const WebSocketService&) = delete;

  /// Completes the handshake on `connection` and serves it for `workspace`.
  /// Called on the connection's strand.
  void accept(std::unique_ptr<UpgradedConnection> connection, std::string workspace);
  /// Closes every connection and refuses new ones (server stop). Thread-safe.
  void stop();
  std::size_t session_count() const;

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace weft::api
