#pragma once
// What llm_classify and llm_extract share: both read a text (`input`, or the
// upstream block's), with optional extra `instructions`, at a temperature
// (default 0), under a system prompt and a reply schema each builds once from
// its own config; the reply is JSON checked against that schema, read whole.
// Only the prompt, the schema and the output they make of the reply differ.

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>

#include "common/json_schema.hpp"
#include "common/result.hpp"
#include "expr/expr.hpp"
#include "nodes/llm/llm_support.hpp"
#include "nodes/node_type.hpp"
#include "pipeline/config_reader.hpp"

namespace weft::nodes {

struct LlmTask {
  LlmTarget target;
  std::optional<expr::Template> input;
  std::optional<expr::Template> instructions;
  double temperature = 0;
  std::string system;                      ///< built once from the block's config
  std::optional<JsonSchema> reply_schema;  ///< likewise
  bool strict = true;                      ///< the schema fits OpenAI's strict subset
};

/// Reads `provider`, `model`, `input`, `instructions` and `temperature` into
/// `task`; false when one of them does not compile (a problem is recorded).
bool read_llm_task(pipeline::ConfigReader& reader, LlmTask& task);

/// Asks the model `task` names for a reply matching its schema (one repair
/// round-trip, as chat_structured).
boost::asio::awaitable<Result<StructuredReply>> ask_llm_task(NodeContext& context,
                                                             const LlmTask& task);

}  // namespace weft::nodes
