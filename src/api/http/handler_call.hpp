#pragma once
// A route handler run as a coroutine of its own, so that the connection can
// stop waiting for it at the deadline (504) without depending on the handler
// noticing its cancellation in time.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/http/router.hpp"

namespace weft::api {

struct HandlerCall {
  Request request;  ///< owned here: a cancelled handler may still be using it
  std::optional<Response> response;
  std::string failure;  ///< the exception's text when the handler threw
  bool done = false;
  boost::asio::cancellation_signal cancel;  ///< terminal cancellation reaches the handler's awaits
};

/// Runs `handler` on `executor` (the connection's strand); `on_done` runs
/// there, after `done` is set. The caller keeps `handler` alive.
void spawn_handler(const boost::asio::any_io_executor& executor,
                   const std::shared_ptr<HandlerCall>& call, const Handler& handler,
                   std::function<void()> on_done);

}  // namespace weft::api
