#pragma once
// `GET /api/ws`: the live connections and what they share. Light header (no
// Beast); the sessions themselves live in ws_session.cpp.

#include <chrono>
#include <cstddef>
#include <functional>
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
  /// How often the connection's token is checked again (expiry, revocation,
  /// removal from the workspace); it is also checked before each subscription.
  std::chrono::milliseconds recheck_interval{15'000};
};

/// Whether the connection's caller may still read its workspace: Ok, or
/// unauthenticated / forbidden saying why (other errors leave it open).
using StillAllowed = std::function<Status()>;

class WebSocketService {
 public:
  explicit WebSocketService(RunHub& hub, WebSocketLimits limits = {});
  ~WebSocketService();
  WebSocketService(const WebSocketService&) = delete;
  WebSocketService& operator=(const WebSocketService&) = delete;

  /// Completes the handshake on `connection` and serves it for `workspace`
  /// while `still_allowed` says so (empty: always). Called on the connection's strand.
  void accept(std::unique_ptr<UpgradedConnection> connection, std::string workspace,
              StillAllowed still_allowed = {});
  /// Closes every connection and refuses new ones (server stop). Thread-safe.
  void stop();
  std::size_t session_count() const;

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace weft::api
