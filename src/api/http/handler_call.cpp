#include "api/http/handler_call.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <exception>

namespace weft::api {
namespace {

namespace net = boost::asio;

net::awaitable<void> run_handler(std::shared_ptr<HandlerCall> call, const Handler* handler) {
  try {
    call->response = co_await (*handler)(call->request);
  } catch (const std::exception& e) {
    call->failure = e.what();
    if (call->failure.empty()) {
      call->failure = "exception without a message";
    }
  } catch (...) {
    call->failure = "unknown exception";
  }
}

}  // namespace

void spawn_handler(const net::any_io_executor& executor, const std::shared_ptr<HandlerCall>& call,
                   const Handler& handler, std::function<void()> on_done) {
  auto finished = [call, executor, on_done = std::move(on_done)](std::exception_ptr) {
    call->done = true;
    on_done();
    // co_spawn calls this from inside the handler's coroutine thread, whose
    // cancellation state lives in call->cancel: release the call on a later
    // turn of the strand, once that thread has unwound.
    net::post(executor, [call] {});
  };
  net::co_spawn(executor, run_handler(call, &handler),
                net::bind_cancellation_slot(call->cancel.slot(), std::move(finished)));
}

}  // namespace weft::api
