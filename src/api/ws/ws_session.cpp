#include "api/ws/ws_session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/websocket/stream_base.hpp>

namespace weft::api {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
constexpr std::chrono::seconds kHandshakeTimeout{10};
/// The subprotocol we speak; echoed when the client offers it.
constexpr std::string_view kProtocol = "weft";
/// Close code when the caller lost access (4000–4999 are the application's;
/// 4401 echoes HTTP 401). The client signs in again and reconnects.
constexpr std::uint16_t kSignInAgain = 4401;

bool offers_protocol(std::string_view offered) {
  while (!offered.empty()) {
    const auto comma = offered.find(',');
    auto token = offered.substr(0, comma);
    while (!token.empty() && token.front() == ' ') {
      token.remove_prefix(1);
    }
    while (!token.empty() && token.back() == ' ') {
      token.remove_suffix(1);
    }
    if (token == kProtocol) {
      return true;
    }
    offered = comma == std::string_view::npos ? std::string_view{} : offered.substr(comma + 1);
  }
  return false;
}

json::object error_message(std::string message) {
  return {{"type", "error"}, {"message", std::move(message)}};
}

}  // namespace

WsSession::WsSession(std::shared_ptr<WebSocketService::Shared> shared, net::ip::tcp::socket socket,
                     std::string workspace, StillAllowed still_allowed)
    : shared_(std::move(shared)),
      ws_(std::move(socket)),
      wake_(ws_.get_executor()),
      recheck_(ws_.get_executor()),
      workspace_(std::move(workspace)),
      still_allowed_(std::move(still_allowed)) {}

void WsSession::start(beast::http::request<beast::http::string_body> request) {
  net::co_spawn(ws_.get_executor(), run(shared_from_this(), std::move(request)), net::detached);
}

net::awaitable<void> WsSession::run(std::shared_ptr<WsSession> self,
                                    beast::http::request<beast::http::string_body> request) {
  const bool echo = offers_protocol(request[beast::http::field::sec_websocket_protocol]);
  ws_.set_option(websocket::stream_base::decorator([echo](websocket::response_type& response) {
    if (echo) {
      response.set(beast::http::field::sec_websocket_protocol, kProtocol);
    }
  }));
  ws_.set_option(websocket::stream_base::timeout{kHandshakeTimeout, shared_->limits.idle_timeout,
                                                 /*keep_alive_pings=*/true});
  ws_.read_message_max(shared_->limits.max_message_bytes);
  beast::get_lowest_layer(ws_).expires_never();  // the websocket's own timeouts apply
  auto [accept_ec] = co_await ws_.async_accept(request, use_tuple);
  if (accept_ec) {
    end();
    co_return;
  }
  net::co_spawn(ws_.get_executor(), write_loop(self), net::detached);
  if (still_allowed_) {
    net::co_spawn(ws_.get_executor(), recheck_loop(self), net::detached);
  }
  beast::flat_buffer buffer;
  while (!closing_) {
    auto [ec, n] = co_await ws_.async_read(buffer, use_tuple);
    if (ec) {
      break;
    }
    if (ws_.got_text()) {
      handle(beast::buffers_to_string(buffer.data()));
    } else {
      reply(error_message("send JSON text messages, not binary ones"));
    }
    buffer.consume(buffer.size());
  }
  end();
}

net::awaitable<void> WsSession::write_loop([[maybe_unused]] std::shared_ptr<WsSession> self) {
  while (!closing_) {
    std::shared_ptr<const std::string> frame;
    {
      std::lock_guard lock(mutex_);
      if (!queue_.empty()) {
        frame = std::move(queue_.front());
        queue_.pop_front();
        queued_bytes_ -= frame->size();
      }
    }
    if (!frame && ending_) {
      // Everything queued, the error last, is written: say why we close.
      co_await ws_.async_close(
          websocket::close_reason(static_cast<websocket::close_code>(kSignInAgain),
                                  "sign in again"),
          use_tuple);
      break;
    }
    if (!frame) {
      // deliver() posts a cancel after queueing into an empty queue; this
      // check and the wait start in one strand turn, so no wake-up is lost.
      wake_.expires_at(net::steady_timer::time_point::max());
      co_await wake_.async_wait(use_tuple);
      continue;
    }
    ws_.text(true);
    auto [ec, n] = co_await ws_.async_write(net::buffer(*frame), use_tuple);
    if (ec) {
      break;
    }
  }
  close();
}

net::awaitable<void> WsSession::recheck_loop([[maybe_unused]] std::shared_ptr<WsSession> self) {
  while (!closing_ && !ending_) {
    recheck_.expires_after(shared_->limits.recheck_interval);
    auto [ec] = co_await recheck_.async_wait(use_tuple);
    if (ec || closing_ || !allowed()) {
      break;
    }
  }
}

bool WsSession::allowed() {
  if (ending_) {
    return false;
  }
  if (!still_allowed_) {
    return true;
  }
  const Status status = still_allowed_();
  // Only a verdict on the caller ends the connection; a store that cannot
  // answer right now does not.
  if (status || (status.error().code != ErrorCode::unauthenticated &&
                 status.error().code != ErrorCode::forbidden)) {
    return true;
  }
  ending_ = true;
  // No more run events: what is queued, then the error, then the close.
  shared_->hub.remove(this);
  reply({{"type", "error"},
         {"code", to_string(status.error().code)},
         {"message", status.error().message + "; connect again with a fresh token"}});
  wake_.cancel();
  return false;
}

void WsSession::deliver(std::shared_ptr<const std::string> frame) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (dropped_) {
      return;
    }
    const auto& limits = shared_->limits;
    if (queue_.size() >= limits.max_queued_frames ||
        queued_bytes_ + frame->size() > limits.max_queued_bytes) {
      dropped_ = true;  // too slow: closing is kinder to the server than queueing without end
      queue_.clear();
      queued_bytes_ = 0;
    } else {
      wake = queue_.empty();
      queued_bytes_ += frame->size();
      queue_.push_back(std::move(frame));
    }
    if (!dropped_ && !wake) {
      return;
    }
  }
  if (wake) {
    net::post(ws_.get_executor(), [self = shared_from_this()] { self->wake_.cancel(); });
  } else {
    close();
  }
}

void WsSession::reply(json::object message) {
  deliver(std::make_shared<const std::string>(to_json_string(message)));
}

void WsSession::handle(std::string_view text) {
  auto parsed = parse_json(text, {.max_bytes = shared_->limits.max_message_bytes, .max_depth = 8});
  if (!parsed || !parsed->is_object()) {
    reply(error_message(parsed ? "a message is a JSON object like {\"op\":\"subscribe\",…}"
                               : "malformed message: " + parsed.error().message));
    return;
  }
  if (ending_) {
    return;  // closing for lack of access: nothing more is served
  }
  const json::object& message = parsed->get_object();
  const auto* op = message.if_contains("op");
  const auto* execution = message.if_contains("execution_id");
  const auto* feed = message.if_contains("feed");
  const std::string_view name = op && op->is_string() ? std::string_view(op->get_string()) : "";
  if (name == "ping") {
    reply({{"type", "pong"}});
  } else if (name == "subscribe" && feed) {
    if (!feed->is_string() || feed->get_string() != "runs") {
      reply(error_message("unknown feed; the one feed is \"runs\""));
      return;
    }
    if (!allowed()) {
      return;
    }
    reply({{"type", "subscribed"}, {"feed", "runs"}});
    shared_->hub.subscribe_feed(shared_from_this(), workspace_);
  } else if ((name == "subscribe" || name == "unsubscribe") && execution &&
             execution->is_string()) {
    const std::string_view id = execution->get_string();
    if (name == "unsubscribe") {
      shared_->hub.unsubscribe(this, id);
      return;
    }
    const auto* after = message.if_contains("after");
    std::uint64_t from = 0;
    if (after != nullptr && after->is_int64() && after->get_int64() >= 0) {
      from = static_cast<std::uint64_t>(after->get_int64());
    } else if (after != nullptr && !after->is_null()) {
      reply(error_message("`after` is the last sequence number seen: a whole number >= 0"));
      return;
    }
    if (!allowed()) {
      return;
    }
    reply({{"type", "subscribed"}, {"execution_id", id}});
    if (auto subscribed = shared_->hub.subscribe(shared_from_this(), workspace_, id, from);
        !subscribed) {
      reply(error_message(subscribed.error().message));
    }
  } else {
    reply(error_message(
        "unknown message; send {\"op\":\"subscribe\",\"execution_id\":…,\"after\":N}, "
        "{\"op\":\"subscribe\",\"feed\":\"runs\"}, {\"op\":\"unsubscribe\",\"execution_id\":…} "
        "or {\"op\":\"ping\"}"));
  }
}

void WsSession::close() {
  net::post(ws_.get_executor(), [self = shared_from_this()] {
    self->closing_ = true;
    self->wake_.cancel();
    self->recheck_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(self->ws_).socket().close(ignored);
  });
}

void WsSession::end() {
  closing_ = true;
  wake_.cancel();
  recheck_.cancel();
  shared_->hub.remove(this);
  std::lock_guard lock(shared_->mutex);
  shared_->sessions.erase(this);
}

}  // namespace weft::api
