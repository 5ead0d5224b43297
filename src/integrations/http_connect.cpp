#include "integrations/http_connect.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace weft::integrations {
namespace {

namespace net = boost::asio;
using net::ip::tcp;
constexpr auto use_tuple = net::as_tuple(net::use_awaitable);

/// One name lookup. The system resolver runs getaddrinfo on a background
/// thread and cannot be interrupted, so the coroutine waits on `wake` instead
/// of on the lookup: cancelling the wait abandons the lookup at once, and the
/// completion handler, which owns this state, finishes it off whenever
/// getaddrinfo returns. Both handlers run on the coroutine's executor (a
/// strand), so `done`, `ec` and `results` need no lock.
struct Lookup {
  explicit Lookup(const net::any_io_executor& executor) : resolver(executor), wake(executor) {}
  tcp::resolver resolver;
  net::steady_timer wake;
  bool done = false;
  boost::system::error_code ec;
  tcp::resolver::results_type results;
};

net::awaitable<Result<std::vector<tcp::endpoint>>> resolve(const HttpTarget& target) {
  if (target.literal) {
    co_return std::vector<tcp::endpoint>{tcp::endpoint(*target.literal, target.port)};
  }
  auto lookup = std::make_shared<Lookup>(co_await net::this_coro::executor);
  lookup->wake.expires_at(net::steady_timer::time_point::max());
  lookup->resolver.async_resolve(
      target.host, std::to_string(target.port),
      [lookup](boost::system::error_code ec, tcp::resolver::results_type results) {
        lookup->done = true;
        lookup->ec = ec;
        lookup->results = std::move(results);
        lookup->wake.cancel();
      });
  co_await lookup->wake.async_wait(use_tuple);
  if (!lookup->done) {
    lookup->resolver.cancel();
    co_return Error::make(ErrorCode::cancelled, "looking up " + target.host + " was cancelled");
  }
  if (lookup->ec) {
    co_return network_error("could not resolve host `" + target.host +
                            "`: " + lookup->ec.message());
  }
  std::vector<tcp::endpoint> endpoints;
  for (const auto& entry : lookup->results) {
    endpoints.push_back(entry.endpoint());
  }
  co_return endpoints;
}

}  // namespace

Error network_error(std::string message) {
  Error error = Error::make(ErrorCode::network_error, std::move(message));
  error.retryable = true;
  return error;
}

net::awaitable<Result<tcp::socket>> connect_checked(const HttpTarget& target,
                                                    const AddressGuard& guard) {
  auto resolved = co_await resolve(target);
  if (!resolved) {
    co_return std::move(resolved).error();
  }
  std::vector<tcp::endpoint> admitted;
  std::optional<Error> refusal;
  for (const tcp::endpoint& endpoint : *resolved) {
    Status checked = guard.check(target.host, endpoint.address());
    if (checked) {
      admitted.push_back(endpoint);
    } else if (!refusal) {
      refusal = std::move(checked).error();
    }
  }
  if (admitted.empty()) {
    co_return refusal ? std::move(*refusal)
                      : network_error("host `" + target.host + "` resolved to no address");
  }
  tcp::socket socket(co_await net::this_coro::executor);
  auto [ec, endpoint] = co_await net::async_connect(socket, admitted, use_tuple);
  if (ec) {
    co_return network_error("could not connect to " + target.host + ":" +
                            std::to_string(target.port) + ": " + ec.message());
  }
  co_return std::move(socket);
}

}  // namespace weft::integrations
