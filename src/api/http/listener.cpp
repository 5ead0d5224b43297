#include "api/http/listener.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/http/http_session.hpp"

namespace weft::api {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr auto use_tuple = net::as_tuple(net::use_awaitable);
/// Pause after a failed accept (e.g. out of file descriptors) so the loop does not spin.
constexpr std::chrono::milliseconds kAcceptBackoff{100};

/// `host` as a literal address, or its first address from the resolver.
Result<tcp::endpoint> resolve(net::io_context& context, const std::string& host,
                              unsigned short port) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(host, ec);
  if (!ec) {
    return tcp::endpoint(address, port);
  }
  tcp::resolver resolver(context);
  const auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || results.empty()) {
    return Error::make(ErrorCode::invalid_argument,
                       "cannot listen on " + host + ":" + std::to_string(port) +
                           ": cannot resolve the host" + (ec ? ": " + ec.message() : ""));
  }
  return results.begin()->endpoint();
}

}  // namespace

Listener::Listener(std::shared_ptr<ServerState> state)
    : state_(std::move(state)), strand_(net::make_strand(state_->context)), acceptor_(strand_) {}

Status Listener::listen(const std::string& host, unsigned short port) {
  auto endpoint = resolve(state_->context, host, port);
  if (!endpoint) {
    return std::move(endpoint).error();
  }
  boost::system::error_code ec;
  acceptor_.open(endpoint->protocol(), ec);
  if (!ec) {
    acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor_.bind(*endpoint, ec);
  }
  if (!ec) {
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    return Error::make(ErrorCode::network_error, "cannot listen on " + host + ":" +
                                                     std::to_string(port) + ": " + ec.message());
  }
  port_ = acceptor_.local_endpoint(ec).port();
  return Ok{};
}

void Listener::start() {
  net::co_spawn(strand_, accept_loop(shared_from_this()), net::detached);
}

void Listener::stop() {
  net::post(strand_, [self = shared_from_this()] {
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

net::awaitable<void> Listener::accept_loop([[maybe_unused]] std::shared_ptr<Listener> self) {
  while (acceptor_.is_open()) {
    auto [ec, socket] =
        co_await acceptor_.async_accept(net::make_strand(state_->context), use_tuple);
    if (!acceptor_.is_open() || ec == net::error::operation_aborted) {
      break;
    }
    if (ec) {
      net::steady_timer backoff(strand_, kAcceptBackoff);
      co_await backoff.async_wait(use_tuple);
      continue;
    }
    admit(tcp::socket(std::move(socket)));
  }
}

void Listener::admit(tcp::socket socket) {
  boost::system::error_code ignored;
  if (state_->sessions.size() >= state_->limits.max_connections) {
    socket.close(ignored);
    return;
  }
  socket.set_option(tcp::no_delay(true), ignored);
  auto session = std::make_shared<HttpSession>(state_, std::move(socket));
  if (!state_->sessions.add(session)) {
    return;  // stopping: dropping the session closes the socket
  }
  session->start();
}

}  // namespace weft::api
