#include "integrations/http_client.hpp"

#include <algorithm>
#include <boost/asio/cancellation_type.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <cctype>
#include <mutex>
#include <optional>

#include "integrations/ascii.hpp"
#include "integrations/http_exchange.hpp"
#include "integrations/http_url.hpp"

namespace weft::integrations {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;

void drop_headers(Headers& headers, std::initializer_list<std::string_view> names) {
  std::erase_if(headers, [&](const auto& header) {
    return std::any_of(names.begin(), names.end(),
                       [&](std::string_view name) { return ascii_iequals(header.first, name); });
  });
}

/// Turns `request` into the request for the next hop of a redirect.
void follow(HttpRequest& request, int status, const HttpTarget& from, const HttpTarget& to) {
  const bool becomes_get = status == 301 || status == 302 || status == 303;
  if (becomes_get && !ascii_iequals(request.method, "HEAD")) {
    request.method = "GET";
    request.body.clear();
    drop_headers(request.headers, {"content-type", "content-encoding", "content-language"});
  }
  // Credentials were meant for the origin that asked for them, not the next one.
  if (from.origin() != to.origin()) {
    drop_headers(request.headers, {"authorization", "proxy-authorization", "cookie"});
  }
}

Error cancelled_error() {
  return Error::make(ErrorCode::cancelled, "the request was cancelled");
}

Error timeout_error(std::string_view host, std::chrono::milliseconds timeout) {
  Error error =
      Error::make(ErrorCode::timeout, "request to " + std::string(host) + " timed out after " +
                                          std::to_string(timeout.count()) + " ms");
  error.retryable = true;
  return error;
}

/// The Beast client. Each request runs on a strand of its own, made from the
/// caller's executor: the deadline, the caller's cancellation and the socket
/// operations then never run at the same time, whatever executor the caller
/// uses. `guard_` is only read after construction; `tls_` is built once, on
/// first use (loading the system trust store takes ~20 ms, which `weft run`
/// of a pipeline without HTTP should not pay), then only read (OpenSSL allows
/// creating sessions from one SSL_CTX on many threads).
class BeastHttpClient final : public HttpClient {
 public:
  explicit BeastHttpClient(AddressGuard guard) : guard_(std::move(guard)) {}

  net::awaitable<Result<HttpResponse>> send(HttpRequest request) override {
    return run(std::move(request), nullptr);
  }

  net::awaitable<Result<HttpResponse>> stream(HttpRequest request, ChunkSink sink) override {
    return run(std::move(request), std::move(sink));
  }

 private:
  net::awaitable<Result<HttpResponse>> run(HttpRequest request, ChunkSink sink);
  net::awaitable<void> run_on_strand(HttpRequest request, ChunkSink sink,
                                     std::optional<Result<HttpResponse>>& out);
  net::awaitable<Result<HttpResponse>> follow_redirects(HttpRequest& request, const ChunkSink& sink,
                                                        std::string& current_host);
  net::awaitable<Result<HttpResponse>> hops(HttpRequest& request, const ChunkSink& sink,
                                            std::string& current_host);

  ssl::context& tls() {
    std::call_once(tls_once_, [this] {
      tls_.emplace(ssl::context::tls_client);
      tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      tls_->set_default_verify_paths();
      tls_->set_verify_mode(ssl::verify_peer);
    });
    return *tls_;
  }

  AddressGuard guard_;
  std::once_flag tls_once_;
  std::optional<ssl::context> tls_;
};

net::awaitable<Result<HttpResponse>> BeastHttpClient::run(HttpRequest request, ChunkSink sink) {
  // Checked first because co_await on an already-cancelled coroutine throws
  // (Asio's default, which belongs to the caller and is left as it is).
  auto state = co_await net::this_coro::cancellation_state;
  if (state.cancelled() != net::cancellation_type::none) {
    co_return cancelled_error();
  }
  // Result<T> has no default constructor, which co_spawn's completion needs,
  // so the strand coroutine writes into `out` (alive until co_spawn completes).
  std::optional<Result<HttpResponse>> out;
  auto strand = net::make_strand(co_await net::this_coro::executor);
  co_await net::co_spawn(strand, run_on_strand(std::move(request), std::move(sink), out),
                         net::use_awaitable);
  co_return std::move(*out);
}

net::awaitable<void> BeastHttpClient::run_on_strand(HttpRequest request, ChunkSink sink,
                                                    std::optional<Result<HttpResponse>>& out) {
  using namespace net::experimental::awaitable_operators;
  co_await net::this_coro::throw_if_cancelled(false);
  auto state = co_await net::this_coro::cancellation_state;
  // Cancelled while hopping onto the strand: the signal has fired already and
  // would not reach the operations started below.
  if (state.cancelled() != net::cancellation_type::none) {
    out.emplace(cancelled_error());
    co_return;
  }
  std::string body;
  const bool streaming = static_cast<bool>(sink);
  if (!streaming) {
    sink = [&body](std::string_view chunk) {
      body.append(chunk);
      return true;
    };
  }
  std::string current_host = request.url;
  net::steady_timer deadline(co_await net::this_coro::executor, request.timeout);
  // Whichever finishes first cancels the other; the hops close their socket
  // when cancelled, and the group waits for them to finish doing so.
  auto outcome = co_await (follow_redirects(request, sink, current_host) ||
                           deadline.async_wait(net::use_awaitable));
  if (state.cancelled() != net::cancellation_type::none) {
    out.emplace(cancelled_error());
  } else if (outcome.index() == 1) {
    out.emplace(timeout_error(current_host, request.timeout));
  } else {
    out.emplace(std::get<0>(std::move(outcome)));
    if (out->ok() && !streaming) {
      out->value().body = std::move(body);
    }
  }
}

net::awaitable<Result<HttpResponse>> BeastHttpClient::follow_redirects(HttpRequest& request,
                                                                       const ChunkSink& sink,
                                                                       std::string& current_host) {
  // Cancellation makes the next co_await throw operation_aborted (Asio's
  // default), which ends the hops wherever they are; the caller reports it.
  try {
    co_return co_await hops(request, sink, current_host);
  } catch (const boost::system::system_error& error) {
    co_return Error::make(ErrorCode::cancelled, error.what());
  } catch (const std::exception& error) {
    // A throwing sink must not leave the deadline to end the request.
    co_return Error::make(ErrorCode::internal, std::string("HTTP request failed: ") + error.what());
  }
}

net::awaitable<Result<HttpResponse>> BeastHttpClient::hops(HttpRequest& request,
                                                           const ChunkSink& sink,
                                                           std::string& current_host) {
  auto target = parse_http_url(request.url);
  if (!target) {
    co_return std::move(target).error();
  }
  const HopContext context{guard_, [this]() -> ssl::context& { return tls(); }, sink};
  for (int redirects = 0;; ++redirects) {
    current_host = target->host;
    auto hop = co_await exchange(*target, request, context);
    if (!hop) {
      co_return std::move(hop).error();
    }
    if (hop->location.empty()) {
      co_return std::move(hop->response);
    }
    if (redirects >= request.max_redirects) {
      co_return Error::make(ErrorCode::network_error, "too many redirects (more than " +
                                                          std::to_string(request.max_redirects) +
                                                          ") starting at " + request.url);
    }
    auto next_url = resolve_location(target->url, hop->location);
    if (!next_url) {
      co_return std::move(next_url).error();
    }
    auto next = parse_http_url(*next_url);
    if (!next) {
      co_return std::move(next).error();
    }
    follow(request, hop->response.status, *target, *next);
    target = std::move(next);
  }
}

}  // namespace

std::string_view HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (ascii_iequals(key, name)) {
      return value;
    }
  }
  return {};
}

std::unique_ptr<HttpClient> make_http_client(AddressGuard guard) {
  return std::make_unique<BeastHttpClient>(std::move(guard));
}

}  // namespace weft::integrations
