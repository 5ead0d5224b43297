#include "api/http/http_session.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <cctype>
#include <limits>

#include "api/http/handler_call.hpp"
#include "api/http/memory_release.hpp"
#include "api/http/origin.hpp"
#include "api/http/response_wire.hpp"
#include "api/http/route_decision.hpp"
#include "api/http/upgraded_connection.hpp"
#include "common/ids.hpp"

namespace weft::api {
namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
/// A client that does not take our answer in this long is gone.
constexpr std::chrono::seconds kWriteTimeout{30};
/// How long we read and discard what a client still sends after our last answer.
constexpr std::chrono::seconds kLingerTime{2};
/// How long stop() lets a request in progress run on.
constexpr std::chrono::seconds kStopGrace{5};
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

std::string ascii_case(std::string_view text, int (*convert)(int)) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [convert](unsigned char c) { return static_cast<char>(convert(c)); });
  return out;
}

std::string raw_path(std::string_view target) {
  return std::string(target.substr(0, target.find('?')));
}

bool expects_continue(const http::request<http::string_body>& message) {
  return message.version() >= 11 &&
         ascii_case(message[http::field::expect], ::tolower) == "100-continue";
}

Request to_request(http::request<http::string_body>& message) {
  Request request;
  request.method = ascii_case(message.method_string(), ::toupper);
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(ascii_case(field.name_string(), ::tolower),
                                 std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

std::string millis(std::chrono::milliseconds value) {
  return std::to_string(value.count()) + " ms";
}

}  // namespace

HttpSession::HttpSession(std::shared_ptr<ServerState> state, tcp::socket socket)
    : state_(std::move(state)),
      socket_(std::move(socket)),
      watchdog_(socket_.get_executor()),
      wake_(socket_.get_executor()) {
  boost::system::error_code ec;
  const auto peer = socket_.remote_endpoint(ec);
  remote_ = ec ? "unknown" : peer.address().to_string();
}

HttpSession::~HttpSession() {
  state_->sessions.remove(this);
}

void HttpSession::start() {
  const auto executor = socket_.get_executor();
  net::co_spawn(executor, watch(shared_from_this()), net::detached);
  net::co_spawn(executor, run(shared_from_this()), net::detached);
}

void HttpSession::shutdown() {
  // The executor is fixed at construction, so reading it here is safe from any thread.
  net::post(socket_.get_executor(), [self = shared_from_this()] { self->on_shutdown(); });
}

void HttpSession::on_shutdown() {
  if (stopping_ || closed_) {
    return;
  }
  stopping_ = true;
  stop_deadline_ = phase_ == Phase::idle ? Clock::now() : Clock::now() + kStopGrace;
  if (!expired_) {
    deadline_ = std::min(deadline_, stop_deadline_);
    watchdog_.cancel();
  }
}

void HttpSession::set_deadline(Phase phase, Clock::time_point deadline) {
  phase_ = phase;
  deadline_ = std::min(deadline, stop_deadline_);
  expired_ = false;
  watchdog_.cancel();  // watch() re-arms with the new deadline
}

net::awaitable<void> HttpSession::watch([[maybe_unused]] std::shared_ptr<HttpSession> self) {
  while (!closed_) {
    watchdog_.expires_at(deadline_);
    co_await watchdog_.async_wait(use_tuple);
    if (!closed_ && !expired_ && Clock::now() >= deadline_) {
      expired_ = true;
      deadline_ = Clock::time_point::max();  // until the next set_deadline()
      on_deadline();
    }
  }
}

void HttpSession::on_deadline() {
  boost::system::error_code ignored;
  switch (phase_) {
    case Phase::handling:
      wake_.cancel();
      return;
    case Phase::reading:
    case Phase::lingering:
      // Beast's read may be between two socket reads (it posts after parsing
      // buffered bytes), where cancel() has nothing to cancel: a shut receive
      // side makes the next read end at once too. Sending stays open for the 408.
      socket_.shutdown(tcp::socket::shutdown_receive, ignored);
      break;
    case Phase::writing:
      socket_.shutdown(tcp::socket::shutdown_both, ignored);  // the client is not reading
      break;
    case Phase::idle:
      break;
  }
  socket_.cancel(ignored);
}

net::awaitable<void> HttpSession::run([[maybe_unused]] std::shared_ptr<HttpSession> self) {
  bool first = true;
  while (!stopping_) {
    if (buffer_.size() == 0) {
      // A new connection gets read_timeout to start its request, a kept-alive one idle_timeout.
      const auto timeout = first ? state_->limits.read_timeout : state_->limits.idle_timeout;
      if (!co_await wait_for_request(timeout)) {
        break;
      }
    }
    first = false;
    if (!co_await serve_one()) {
      break;
    }
  }
  co_await close();
}

net::awaitable<bool> HttpSession::wait_for_request(std::chrono::milliseconds timeout) {
  linger_ = false;          // the client has everything it asked for
  buffer_.shrink_to_fit();  // an idle connection holds no read buffer
  set_deadline(Phase::idle, Clock::now() + timeout);
  auto [ec] = co_await socket_.async_wait(tcp::socket::wait_read, use_tuple);
  co_return !ec && !expired_;
}

net::awaitable<bool> HttpSession::serve_one() {
  const auto started = Clock::now();
  set_deadline(Phase::reading, started + state_->limits.read_timeout);  // the whole request
  Parser parser;
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(
      state_->limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(state_->limits.max_body_bytes);
  Reply reply;
  reply.entry.time = std::chrono::system_clock::now();
  const ReadResult read = co_await read_request(parser);
  if (read.status == ReadStatus::closed) {
    co_return false;
  }
  reply.entry.request_id = new_id("req");
  reply.entry.remote = remote_;
  const std::size_t body_bytes = parser.get().body().size();
  if (read.status == ReadStatus::ok) {
    co_await answer(parser, reply);
    if (upgraded_) {
      reply.entry.status = 101;
      reply.entry.duration_ms =
          std::chrono::duration<double, std::milli>(Clock::now() - started).count();
      state_->record(std::move(reply.entry));
      co_return false;
    }
  } else {
    const auto& header = parser.get();
    reply.entry.method = ascii_case(header.method_string(), ::toupper);
    reply.entry.path = raw_path(header.target());
    reply.close = true;
    reply.response = read_error(read);
  }
  const bool sent = co_await send(reply, started);
  release_memory_after(body_bytes, reply.response.body.size());
  co_return sent && !reply.close && !stopping_;
}

net::awaitable<HttpSession::ReadResult> HttpSession::read_request(Parser& parser) {
  auto [header_ec, header_bytes] =
      co_await http::async_read_header(socket_, buffer_, parser, use_tuple);
  boost::system::error_code ec = header_ec;
  if (!ec && !parser.is_done() && expects_continue(parser.get())) {
    // The body fits the limit (else the header read failed): invite it.
    auto [write_ec, written] =
        co_await net::async_write(socket_, net::buffer(kContinue), use_tuple);
    ec = write_ec;
  }
  if (!ec && !parser.is_done()) {
    auto [body_ec, body_read] = co_await http::async_read(socket_, buffer_, parser, use_tuple);
    ec = body_ec;
  }
  co_return ReadResult{classify(ec, parser.got_some() || buffer_.size() > 0), ec};
}

HttpSession::ReadStatus HttpSession::classify(const boost::system::error_code& ec,
                                              bool got_some) const {
  if (!ec) {
    return ReadStatus::ok;
  }
  if (expired_) {
    // Nothing arrived at all: no request to answer, just a quiet close.
    return got_some && !stopping_ ? ReadStatus::timeout : ReadStatus::closed;
  }
  if (ec == http::error::body_limit) {
    return ReadStatus::too_large;
  }
  if (ec == http::error::header_limit) {
    return ReadStatus::headers_too_large;
  }
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) {
    return ReadStatus::closed;
  }
  if (ec.category() == http::make_error_code(http::error::bad_target).category()) {
    return ReadStatus::bad_request;
  }
  return ReadStatus::closed;  // reset, aborted: the socket is gone
}

Response HttpSession::read_error(const ReadResult& read) const {
  const auto& limits = state_->limits;
  switch (read.status) {
    case ReadStatus::timeout:
      return Response::error(408, "request_timeout",
                             "the request did not arrive within " + millis(limits.read_timeout));
    case ReadStatus::too_large:
      return Response::error(
          413, "payload_too_large",
          "the request body is larger than " + std::to_string(limits.max_body_bytes) + " bytes");
    case ReadStatus::headers_too_large:
      return Response::error(431, "headers_too_large",
                             "the request headers are larger than " +
                                 std::to_string(limits.max_header_bytes) + " bytes");
    default:
      return Response::error(400, "bad_request", "malformed HTTP request: " + read.error.message());
  }
}

net::awaitable<void> HttpSession::answer(Parser& parser, Reply& reply) {
  auto message = parser.release();
  reply.close = !message.keep_alive();
  reply.keep_alive = message.version() < 11 && message.keep_alive();
  Request request = to_request(message);
  request.request_id = reply.entry.request_id;
  request.remote = remote_;
  reply.head = request.method == "HEAD";
  reply.entry.method = request.method;
  const auto middleware = state_->middleware();
  RouteDecision decision = decide_route(state_->router, middleware.get(), request);
  reply.entry.path = request.path.empty() ? raw_path(request.target) : request.path;
  reply.entry.route = decision.label;
  reply.entry.error = std::move(decision.error);
  if (decision.answer) {
    reply.response = std::move(*decision.answer);
    co_return;
  }
  if (decision.route->upgrade && boost::beast::websocket::is_upgrade(message)) {
    // A page of another site could otherwise open the socket with whatever
    // token it holds or finds; browsers always say which page asks.
    if (!from_own_origin(request)) {
      reply.response = Response::from_error(Error::make(
          ErrorCode::forbidden, "a WebSocket from a page of another origin is refused"));
      co_return;
    }
    hand_over(*decision.route, std::move(message), request);
    co_return;
  }
  reply.response = co_await call_handler(*decision.route, std::move(request), reply.entry.error);
}

void HttpSession::hand_over(const Route& route, http::request<http::string_body> message,
                            Request& request) {
  auto connection = std::make_unique<UpgradedConnection>(
      UpgradedConnection{std::move(socket_), std::move(buffer_), std::move(message)});
  upgraded_ = true;
  route.upgrade(std::move(connection), request);
}

net::awaitable<Response> HttpSession::call_handler(const Route& route, Request request,
                                                   std::string& error) {
  const std::string request_id = request.request_id;
  auto call = std::make_shared<HandlerCall>();
  call->request = std::move(request);
  set_deadline(Phase::handling, Clock::now() + state_->limits.handler_timeout);
  std::weak_ptr<HttpSession> weak = shared_from_this();
  spawn_handler(socket_.get_executor(), call, route.handler, [weak] {
    if (auto self = weak.lock()) {
      self->wake_.cancel();
    }
  });
  // Both the handler's completion and the watchdog cancel wake_; all on this
  // strand, and `done`/`expired_` are checked before each wait, so no wake-up is lost.
  while (!call->done && !expired_) {
    wake_.expires_at(Clock::time_point::max());
    co_await wake_.async_wait(use_tuple);
  }
  if (!call->done) {
    call->cancel.emit(net::cancellation_type::terminal);
    if (stopping_) {
      co_return Response::error(503, "unavailable", "the server is shutting down");
    }
    co_return Response::error(
        504, "timeout", "the request took longer than " + millis(state_->limits.handler_timeout));
  }
  if (!call->failure.empty()) {
    error = call->failure;
    co_return internal_error(request_id);
  }
  if (!call->response || call->response->status < 200 || call->response->status > 599) {
    error = "the handler answered with an invalid status";
    co_return internal_error(request_id);
  }
  co_return std::move(*call->response);
}

net::awaitable<bool> HttpSession::send(Reply& reply, Clock::time_point started) {
  reply.close = reply.close || stopping_;
  const std::string wire =
      serialize_response(reply.response, {.request_id = reply.entry.request_id,
                                          .head = reply.head,
                                          .close = reply.close,
                                          .keep_alive = reply.keep_alive && !reply.close});
  set_deadline(Phase::writing, Clock::now() + kWriteTimeout);
  auto [ec, written] = co_await net::async_write(socket_, net::buffer(wire), use_tuple);
  reply.entry.status = reply.response.status;
  reply.entry.bytes = ec ? 0 : body_bytes(reply.response, reply.head);
  reply.entry.duration_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  state_->record(std::move(reply.entry));
  linger_ = !ec;
  co_return !ec;
}

net::awaitable<void> HttpSession::close() {
  boost::system::error_code ignored;
  if (linger_) {
    // Closing with unread request bytes makes the kernel send a reset, which
    // can destroy our answer before the client reads it: say we are done
    // sending, then read and discard until the client closes or time is up.
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    set_deadline(Phase::lingering, Clock::now() + kLingerTime);
    std::array<char, 4096> sink;
    while (!expired_) {
      auto [ec, n] = co_await socket_.async_read_some(net::buffer(sink), use_tuple);
      if (ec) {
        break;
      }
    }
  }
  if (!upgraded_) {
    socket_.close(ignored);
  }
  closed_ = true;
  watchdog_.cancel();
  wake_.cancel();
}

}  // namespace weft::api
