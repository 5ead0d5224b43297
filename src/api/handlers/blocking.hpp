#pragma once
// Slow, blocking calls (Argon2id password hashing takes ~0.1 s and 64 MiB)
// run on a pool of their own, so they never hold an io thread.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <optional>
#include <type_traits>

#include "api/api.hpp"

namespace weft::api {

/// Runs `work()` on the context's blocking pool; resumes on the caller's executor.
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> on_blocking_pool(ApiContext& context, F work) {
  std::optional<std::invoke_result_t<F&>> result;
  co_await boost::asio::co_spawn(
      context.blocking->get_executor(),
      [&]() -> boost::asio::awaitable<void> {
        result.emplace(work());
        co_return;
      },
      boost::asio::use_awaitable);
  co_return std::move(*result);
}

}  // namespace weft::api
