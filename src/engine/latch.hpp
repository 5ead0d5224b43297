#pragma once
// Lets a coroutine sleep until another handler on the same executor says
// something changed. Single-executor only: notify() and wait() never race.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

namespace weft::engine {

class Latch {
 public:
  explicit Latch(const boost::asio::any_io_executor& executor) : timer_(executor) {}

  /// Sleeps until notify(). Returns false when the awaiting coroutine was
  /// cancelled instead; its cancellation state is then reset so it can go on
  /// waiting for its children to wind down.
  boost::asio::awaitable<bool> wait();
  void notify() { timer_.cancel(); }

 private:
  boost::asio::steady_timer timer_;
};

}  // namespace weft::engine
