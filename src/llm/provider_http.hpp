#pragma once
// One HTTP call to a provider, with its retries (internal to llm/): JSON in,
// a whole body or a stream out; 429 and 5xx tried again with backoff that
// honours Retry-After, within the provider's RetryPolicy; every failure
// worded for a user (provider_errors.hpp).

#include <boost/asio/awaitable.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"
#include "integrations/http_client.hpp"
#include "llm/provider.hpp"
#include "llm/provider_errors.hpp"

namespace weft::llm {

struct Call {
  std::string method = "POST";
  std::string path;  ///< appended to the base URL: "/api/chat"
  std::string body;  ///< JSON; empty for GET
  std::string_view model;
  std::string_view accept = "application/json";
  /// Instead of the provider's timeout (short calls such as listing models).
  std::optional<std::chrono::milliseconds> timeout;
  /// Told about each retry, for the node's log; optional.
  std::function<void(const std::string&)> on_retry;
};

/// A streamed body's reader: `restart` before each attempt, then each chunk
/// as it arrives. The HTTP client reports the status only when the body has
/// been read, so an error body (a short JSON document) may pass through it
/// too; what it made of one is discarded, since the call then fails or
/// restarts. A reader must not emit tokens for anything but its protocol's
/// token lines, which error bodies never contain.
struct BodyStream {
  std::function<void()> restart;
  integrations::ChunkSink on_chunk;
};

class ProviderHttp {
 public:
  /// `config.base_url` must already be normalized (no trailing slash).
  ProviderHttp(const ProviderConfig& config, std::shared_ptr<integrations::HttpClient> http)
      : config_(config), http_(std::move(http)) {}

  /// The whole answer of a call that succeeded (status < 400).
  boost::asio::awaitable<Result<integrations::HttpResponse>> send(Call call);
  /// The answer of a call that succeeded, read as a JSON object.
  boost::asio::awaitable<Result<json::object>> send_object(Call call);
  /// Streams a successful answer's body to `stream`; the response has no body.
  boost::asio::awaitable<Result<integrations::HttpResponse>> stream(Call call, BodyStream stream);

 private:
  boost::asio::awaitable<Result<integrations::HttpResponse>> run(Call call, BodyStream* stream);
  integrations::HttpRequest request_for(const Call& call) const;
  std::string retry_notice(int status, const ErrorBody& body, std::chrono::milliseconds delay,
                           int next_attempt) const;

  const ProviderConfig& config_;
  std::shared_ptr<integrations::HttpClient> http_;
};

}  // namespace weft::llm
