#pragma once
// What the LLM blocks (llm_chat, llm_classify, llm_extract) share: the
// `provider` and `model` fields, finding the provider, the default input
// (the single upstream block's text), usage bookkeeping and structured
// output with one repair round-trip. What only llm_classify and llm_extract
// share is in llm_task.hpp.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/json_schema.hpp"
#include "common/result.hpp"
#include "expr/expr.hpp"
#include "llm/provider.hpp"
#include "nodes/node_type.hpp"
#include "pipeline/config_reader.hpp"

namespace weft::nodes {

/// `provider` and `model`, as every LLM block's config has them.
struct LlmTarget {
  std::string provider;
  expr::Template model;
};

/// `schema` with the properties `provider` and `model` put first (the
/// editor's form follows this order; its model picker lists the models of the
/// provider named beside it).
json::value with_llm_target(json::value schema);

/// Reads `provider` (default "ollama") and `model`; nullopt when the model
/// template does not compile (a problem is recorded).
std::optional<LlmTarget> read_llm_target(pipeline::ConfigReader& reader);

/// Reads an optional number/integer field into `out`.
void read_optional(const pipeline::ConfigReader& reader, std::string_view key,
                   std::optional<double>& out);
void read_optional(const pipeline::ConfigReader& reader, std::string_view key,
                   std::optional<std::int64_t>& out);

/// The provider a block names, and the request it sends with the model
/// rendered into it.
struct LlmCall {
  std::shared_ptr<llm::Provider> provider;
  llm::ChatRequest request;
};

/// Finds the provider (errors say which providers exist) and renders the
/// model, then has `build` make the request: a wrong provider or model is
/// what a block reports first.
Result<LlmCall> prepare_llm(const NodeContext& context, const LlmTarget& target,
                            const std::function<Result<llm::ChatRequest>()>& build);

/// `template` rendered, or the text of the single upstream block when there
/// is no template; `field` names the config field in the error.
Result<std::string> text_or_upstream(const NodeContext& context,
                                     const std::optional<expr::Template>& text,
                                     std::string_view field);

json::object usage_json(const llm::Usage& usage);

/// Milliseconds since `start`, for `latency_ms`.
double elapsed_ms(std::chrono::steady_clock::time_point start);

/// A structured reply: the JSON value, and the call that gave it with usage
/// summed over every call made (a repair round-trip included).
struct StructuredReply {
  json::value value;
  llm::ChatResponse response;
};

/// Asks in JSON mode for a reply matching `schema`, validates it, and on a
/// reply that is not JSON or breaks the schema sends it back once with the
/// violation; a second bad reply is an ErrorCode::invalid_output quoting the
/// violation and where it is. Streams tokens to the context when `stream`.
boost::asio::awaitable<Result<StructuredReply>> chat_structured(NodeContext& context,
                                                                llm::Provider& provider,
                                                                llm::ChatRequest request,
                                                                const JsonSchema& schema,
                                                                bool stream);

/// One plain call; tokens go to the context when `stream`; the call's usage
/// is added to the run's total; provider retries are logged. The reply names
/// the model asked for when the provider does not say.
boost::asio::awaitable<Result<llm::ChatResponse>> chat_once(NodeContext& context,
                                                            llm::Provider& provider,
                                                            const llm::ChatRequest& request,
                                                            bool stream);

}  // namespace weft::nodes
