#pragma once
// Runs HttpClient calls to completion on an io_context on the test thread.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "integrations/http_client.hpp"

namespace weft::integrations::testing {

/// Runs the coroutine `make()` returns on a fresh io_context until it is done.
/// (co_spawn cannot complete with a Result<T> directly: it needs a default
/// constructible value type, so the result travels through an optional.)
template <class MakeOperation>
Result<HttpResponse> run_now(MakeOperation make) {
  boost::asio::io_context ctx;
  std::optional<Result<HttpResponse>> out;
  boost::asio::co_spawn(
      ctx, [&]() -> boost::asio::awaitable<void> { out.emplace(co_await make()); },
      [](std::exception_ptr error) {
        if (error) {
          std::rethrow_exception(error);
        }
      });
  ctx.run();
  return std::move(*out);
}

inline Result<HttpResponse> send_now(HttpClient& client, HttpRequest request) {
  return run_now([&] { return client.send(std::move(request)); });
}

inline Result<HttpResponse> stream_now(HttpClient& client, HttpRequest request, ChunkSink sink) {
  return run_now([&] { return client.stream(std::move(request), std::move(sink)); });
}

/// A client whose guard admits `allow` (entries as in AddressGuard::create).
inline std::unique_ptr<HttpClient> client_allowing(const std::vector<std::string>& allow) {
  auto guard = AddressGuard::create(allow);
  return make_http_client(std::move(guard).value());
}

inline HttpRequest get(std::string url) {
  HttpRequest request;
  request.url = std::move(url);
  return request;
}

}  // namespace weft::integrations::testing
