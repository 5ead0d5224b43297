#include "engine/latch.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace weft::engine {

boost::asio::awaitable<bool> Latch::wait() {
  namespace asio = boost::asio;
  timer_.expires_at(asio::steady_timer::time_point::max());
  boost::system::error_code ec;
  co_await timer_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  auto state = co_await asio::this_coro::cancellation_state;
  if (state.cancelled() != asio::cancellation_type::none) {
    co_await asio::this_coro::reset_cancellation_state();
    co_return false;
  }
  co_return true;
}

}  // namespace weft::engine
