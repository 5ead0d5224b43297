#pragma once
// LLM providers (DESIGN §1): Ollama and any OpenAI-compatible server (llama.cpp
// server, vLLM, LM Studio, hosted APIs) behind one interface and a factory.
// A provider is a setting, not code: unknown kinds take the OpenAI-compatible path.
//
// Every call runs on the shared non-blocking HTTP client: a stream in flight
// holds no thread. Terminal cancellation on the calling coroutine's slot
// aborts a call at once (during a stream or a retry wait) and closes the
// connection; the result is then ErrorCode::cancelled.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::integrations {
class HttpClient;
}

namespace weft::llm {

enum class ProviderKind { ollama, openai_compatible };

/// "ollama" is Ollama; every other kind ("openai", "vllm", "lmstudio", …)
/// speaks the OpenAI-compatible API.
ProviderKind provider_kind(std::string_view kind);
std::string_view to_string(ProviderKind kind);

/// Provider-level retry of 429 and 5xx answers (before any token arrived).
struct RetryPolicy {
  int max_attempts = 4;
  std::chrono::milliseconds initial_backoff{500};  ///< doubles per attempt, with jitter
  std::chrono::milliseconds max_backoff{20'000};   ///< longest single wait, Retry-After included
  std::chrono::milliseconds max_total{60'000};     ///< all waits of one call together
};

struct ProviderConfig {
  std::string name;  ///< what a node's `provider` field names: "ollama", "openai", …
  ProviderKind kind = ProviderKind::ollama;
  /// Ollama: "http://127.0.0.1:11434". OpenAI-compatible: the API root as
  /// the OpenAI SDKs take it ("https://api.openai.com/v1"); a URL without a
  /// path gets "/v1".
  std::string base_url;
  std::string api_key;  ///< sent as a bearer token; never logged
  /// Where `api_key` comes from, as errors name it: "OPENAI_API_KEY", "the
  /// credential `work-openai`". Empty when the provider has no such place.
  std::string key_source;
  std::chrono::milliseconds timeout{600'000};  ///< one request, the whole stream included
  RetryPolicy retry;
};

struct Message {
  std::string role;  ///< system, user or assistant
  std::string content;
};

struct ChatRequest {
  std::string model;
  std::vector<Message> messages;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<std::int64_t> max_tokens;
  std::optional<std::int64_t> seed;
  std::vector<std::string> stop;
  /// Structured output: Ollama `format`, OpenAI `response_format` json_schema.
  std::optional<json::value> json_schema;
  /// OpenAI `strict`: only for schemas inside its strict subset (every
  /// property required, `additionalProperties: false`).
  bool strict_schema = false;
  /// Told about each provider-level retry (429, 5xx), for the node's log. Optional.
  std::function<void(const std::string&)> on_retry;
};

struct Usage {
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
};

struct ChatResponse {
  std::string text;
  std::string model;          ///< as the provider names it
  std::string finish_reason;  ///< "stop", "length", … as the provider says
  Usage usage;
};

struct EmbedRequest {
  std::string model;
  std::vector<std::string> input;
};

struct EmbedResponse {
  std::string model;
  std::vector<std::vector<double>> embeddings;  ///< one per input, in input order
  Usage usage;
};

struct ModelInfo {
  std::string id;        ///< what a node's `model` field takes
  json::object details;  ///< provider-specific (size, family, owner, …)
};

/// Receives generated text as it streams in, one piece at a time.
using TokenSink = std::function<void(std::string_view piece)>;

class Provider {
 public:
  virtual ~Provider() = default;
  virtual const ProviderConfig& config() const = 0;

  /// One reply, read whole.
  virtual boost::asio::awaitable<Result<ChatResponse>> chat(ChatRequest request) = 0;
  /// One reply, streamed: `on_token` gets each piece as it arrives (on the
  /// caller's executor); the result holds the whole reply.
  virtual boost::asio::awaitable<Result<ChatResponse>> stream_chat(ChatRequest request,
                                                                   TokenSink on_token) = 0;
  virtual boost::asio::awaitable<Result<EmbedResponse>> embed(EmbedRequest request) = 0;
  /// The models the provider has (Ollama `/api/tags`, OpenAI `/v1/models`).
  virtual boost::asio::awaitable<Result<std::vector<ModelInfo>>> list_models() = 0;
};

/// Builds the provider for `config` on `http` (which must admit the
/// provider's address; see ProviderRegistry). An unusable base URL is an
/// ErrorCode::invalid_argument naming it.
Result<std::shared_ptr<Provider>> make_provider(ProviderConfig config,
                                                std::shared_ptr<integrations::HttpClient> http);

/// "Ollama at http://127.0.0.1:11434", "`openai` at https://api.openai.com/v1":
/// how messages name a provider.
std::string describe(const ProviderConfig& config);

}  // namespace weft::llm
