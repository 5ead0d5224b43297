#pragma once
// Running provider calls to the end in tests, against the LLM peer.

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "fixtures/llm_peer.hpp"
#include "llm/provider.hpp"
#include "llm/provider_registry.hpp"

namespace weft::testing {

/// Retries quick enough for tests.
inline llm::RetryPolicy fast_retry() {
  return {.max_attempts = 3,
          .initial_backoff = std::chrono::milliseconds(20),
          .max_backoff = std::chrono::milliseconds(5'000),
          .max_total = std::chrono::milliseconds(10'000)};
}

/// A provider of `kind` called `name` at `url`, built the way the app builds
/// them (through a registry, so the address guard admits its host).
inline std::shared_ptr<llm::Provider> provider_at(std::string url, llm::ProviderKind kind,
                                                  llm::ProviderConfig base = {
                                                      .retry = fast_retry()}) {
  if (base.name.empty()) {
    base.name = kind == llm::ProviderKind::ollama ? "ollama" : "openai";
  }
  base.kind = kind;
  base.base_url = std::move(url);
  llm::ProviderRegistry registry{integrations::AddressGuard{}};
  const std::string name = base.name;
  if (!registry.replace({std::move(base)})) {
    return nullptr;
  }
  return registry.find(name);
}

inline std::shared_ptr<llm::Provider> provider_at(const LlmPeer& peer, llm::ProviderKind kind,
                                                  llm::ProviderConfig base = {
                                                      .retry = fast_retry()}) {
  return provider_at(peer.url(kind == llm::ProviderKind::ollama ? "" : "/v1"), kind,
                     std::move(base));
}

/// Runs the coroutine `make()` returns on a fresh io_context until it ends;
/// emits terminal cancellation after `cancel_after` when that is set.
template <class Make>
auto run_coro(Make make, std::chrono::milliseconds cancel_after = std::chrono::milliseconds(0)) {
  namespace asio = boost::asio;
  using T = typename decltype(make())::value_type;
  asio::io_context context(1);
  std::optional<T> out;
  asio::cancellation_signal cancel;
  asio::steady_timer timer(context);
  if (cancel_after.count() > 0) {
    timer.expires_after(cancel_after);
    timer.async_wait([&](boost::system::error_code ec) {
      if (!ec) {
        cancel.emit(asio::cancellation_type::terminal);
      }
    });
  }
  asio::co_spawn(
      context,
      [&]() -> asio::awaitable<void> {
        co_await asio::this_coro::throw_if_cancelled(false);  // as the engine runs nodes
        out.emplace(co_await make());
        timer.cancel();
      },
      asio::bind_cancellation_slot(cancel.slot(), asio::detached));
  context.run();
  return std::move(*out);
}

}  // namespace weft::testing
