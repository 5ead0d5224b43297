#pragma once
// One WebSocket client of `/api/ws`. Reads `{"op": …}` messages, subscribes
// to runs and the status feed through the hub, and writes what the hub
// delivers from a bounded queue: a client that falls too far behind is
// dropped rather than allowed to grow the server's memory.
//
// The caller is checked again every `recheck_interval` and before each
// subscription: once the token has expired or been revoked, the client gets
// an error and a close with code 4401, and reconnects with a fresh token.
//
// Concurrency: the stream, the timers, `closing_` and `ending_` belong to the
// connection's strand. `deliver` may be called from any thread (under the
// hub's lock); it only touches the queue, under `mutex_`, and posts to the strand.
// Private to src/api/ws (it pulls in Beast).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <deque>
#include <memory>
#include <mutex>
#include <string>

#include "api/http/upgraded_connection.hpp"
#include "api/ws/websocket_service.hpp"

namespace weft::api {

struct WebSocketService::Shared {
  Shared(RunHub& hub, WebSocketLimits limits) : hub(hub), limits(limits) {}
  RunHub& hub;
  const WebSocketLimits limits;
  std::mutex mutex;  // guards stopping and sessions: accept, end and stop() run on any thread
  bool stopping = false;
  std::unordered_map<const void*, std::weak_ptr<class WsSession>> sessions;
};

class WsSession final : public HubClient, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(std::shared_ptr<WebSocketService::Shared> shared, boost::asio::ip::tcp::socket socket,
            std::string workspace, StillAllowed still_allowed);

  /// Answers the upgrade `request` and serves the connection, on its strand.
  void start(boost::beast::http::request<boost::beast::http::string_body> request);
  void deliver(std::shared_ptr<const std::string> frame) override;
  /// Thread-safe: closes the connection at once.
  void close();

 private:
  boost::asio::awaitable<void> run(
      std::shared_ptr<WsSession> self,
      boost::beast::http::request<boost::beast::http::string_body> request);
  boost::asio::awaitable<void> write_loop(std::shared_ptr<WsSession> self);
  boost::asio::awaitable<void> recheck_loop(std::shared_ptr<WsSession> self);
  /// False, after telling the client and starting the close, when the caller
  /// may no longer read. On the strand.
  bool allowed();
  void handle(std::string_view text);
  void reply(json::object message);
  void end();

  std::shared_ptr<WebSocketService::Shared> shared_;
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::asio::steady_timer wake_;     // the writer waits on it for frames
  boost::asio::steady_timer recheck_;  // the next check of the caller
  const std::string workspace_;
  const StillAllowed still_allowed_;
  bool closing_ = false;
  bool ending_ = false;  ///< the caller lost access: close once the queue is written

  std::mutex mutex_;  // guards queue_, queued_bytes_, dropped_
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_bytes_ = 0;
  bool dropped_ = false;
};

}  // namespace weft::api
