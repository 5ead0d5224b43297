#pragma once
// The one outbound HTTP client, shared by http_request and every integration.
// Non-blocking on Asio (Beast + OpenSSL): a request in flight holds no thread.
// Cancellation: the calling coroutine's cancellation slot (terminal) aborts
// resolve/connect/handshake/read/write at once and closes the socket.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"
#include "integrations/address_guard.hpp"

namespace weft::integrations {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  ///< GET, POST, PUT, PATCH, DELETE, HEAD
  std::string url;             ///< absolute http:// or https:// URL, query included
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{30'000};  ///< whole exchange, redirects included
  int max_redirects = 5;
  std::size_t max_response_bytes = 16 * 1024 * 1024;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  ///< names lower-cased, in arrival order
  std::string body;
  std::string url;  ///< the URL that answered, after redirects

  /// First header named `name` (case-insensitive), or "".
  std::string_view header(std::string_view name) const;
};

/// Receives body bytes of a streamed response as they arrive; returning false stops reading.
using ChunkSink = std::function<bool(std::string_view chunk)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  /// Sends `request` and reads the whole response. Any status is a response;
  /// only transport problems are errors: address_refused, network_error
  /// (retryable), timeout (retryable), cancelled, limit_exceeded.
  virtual boost::asio::awaitable<Result<HttpResponse>> send(HttpRequest request) = 0;

  /// Like send, but delivers the body to `sink` chunk by chunk as it arrives
  /// (for SSE / NDJSON streams); the returned response has an empty body.
  virtual boost::asio::awaitable<Result<HttpResponse>> stream(HttpRequest request,
                                                              ChunkSink sink) = 0;
};

/// The production client: Beast over Asio, TLS via OpenSSL with the system
/// trust store and host name verification, redirects followed (301/302/303
/// turn into GET without body, 307/308 keep method and body) with the guard
/// applied to every hop and the connection pinned to the checked address.
std::unique_ptr<HttpClient> make_http_client(AddressGuard guard);

}  // namespace weft::integrations
