#pragma once
// The node contract (DESIGN §6). A node type is a description — a config
// schema the editor turns into a form, handles, an output example — plus one
// `execute` coroutine. Adding a block is one file here and one line in registry.cpp.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/json_schema.hpp"
#include "common/result.hpp"
#include "expr/expr.hpp"
#include "nodes/credentials.hpp"
#include "nodes/descriptor_rules.hpp"
#include "nodes/node_services.hpp"
#include "pipeline/compiled.hpp"
#include "pipeline/config_reader.hpp"
#include "pipeline/node_kind.hpp"

namespace weft::integrations {
class HttpClient;
}

namespace weft::llm {
class Provider;
}

namespace weft::nodes {

enum class Category { input, llm, knowledge, logic, integration, output };
std::string_view to_string(Category category);

/// What the editor and the API show about a type (`GET /api/node-types`).
struct Descriptor {
  std::string type;
  Category category = Category::logic;
  std::string title;
  std::string description;
  std::string icon;
  int version = 1;
  json::value config_schema;   ///< JSON Schema, with `x-weft-widget` hints
  json::value output_example;  ///< shape of the output, for `{{` completion
  std::vector<std::string> inputs{"in"};
  /// Named output handles as a function of the config (descriptor_rules.hpp);
  /// empty: one unnamed output, every outgoing edge taken on success.
  std::vector<HandleRule> output_handles;
  /// Where the output names the handles it chose (a JSON Pointer); set when
  /// `output_handles` is, so a pinned output routes like a real one.
  std::string chosen_handle;
  /// The run inputs this node contributes (input blocks).
  std::vector<RunInputRule> run_inputs;
  /// Its output (`{status, headers, content_type, body}`) is the HTTP answer
  /// of the API call or webhook that waited for the run (output_response).
  bool shapes_response = false;
};

/// A node's output plus, for routing nodes, the handles it chose.
struct NodeOutput {
  json::value value;
  std::vector<std::string> handles;  ///< empty: every normal outgoing edge is taken
};

using NodeResult = Result<NodeOutput>;

/// An output handed to a node from upstream; shared, never deep-copied.
struct Upstream {
  std::string_view node_id;
  std::shared_ptr<const json::value> output;
};

enum class LogLevel { debug, info, warn, error };
std::string_view to_string(LogLevel level);

/// What a running node can see and do. Implemented by the engine.
class NodeContext {
 public:
  virtual ~NodeContext() = default;
  virtual std::string_view node_id() const = 0;
  virtual int attempt() const = 0;
  /// Names visible to templates: upstream outputs, input, vars, item, index.
  virtual const expr::Scope& scope() const = 0;
  /// Outputs of the nodes whose edges into this one were taken, in edge order.
  virtual const std::vector<Upstream>& upstream() const = 0;
  /// The run's inputs (read by input nodes).
  virtual const json::object& run_inputs() const = 0;
  /// The workspace the run belongs to: what every service call is scoped to.
  virtual std::string_view workspace() const = 0;
  /// The services of the server (node_services.hpp). The calls below are the
  /// common ones, already scoped to the run's workspace and its secrets.
  virtual const NodeServices& services() const = 0;
  virtual void log(LogLevel level, std::string message) = 0;
  /// Streams a piece of generated text (LLM tokens) as a `node.token` event.
  virtual void token(std::string_view text) = 0;
  virtual integrations::HttpClient& http() = 0;
  /// Opens credential `id` of the run's workspace for this call. Its values
  /// are then scrubbed from every output, error and log of the run.
  virtual Result<Credential> credential(std::string_view /*id*/) {
    return Error::make(ErrorCode::not_found, "credentials are only available in `weft serve`");
  }
  /// The LLM provider `name` as the run's workspace sees it (its own, then
  /// the server's); null when there is none of that name.
  virtual std::shared_ptr<llm::Provider> llm_provider(std::string_view /*name*/) const {
    return nullptr;
  }
  /// Every provider name the run can use, for messages.
  virtual std::vector<std::string> llm_provider_names() const { return {}; }
  /// Adds the tokens of one LLM call to the run's total (RunResult::usage).
  virtual void add_usage(std::int64_t /*prompt_tokens*/, std::int64_t /*completion_tokens*/) {}
  /// The execution this run records (files a node makes belong to it).
  virtual std::string_view execution_id() const { return {}; }
  /// `execution id + node id + attempt`, for remote sides that honour idempotency keys.
  virtual std::string idempotency_key() const = 0;
  /// Runs `body` once per item, at most `concurrency` at a time; returns the
  /// outputs of each run's output nodes, in item order.
  virtual boost::asio::awaitable<Result<json::array>> run_each(const pipeline::CompiledGraph& body,
                                                               const json::array& items,
                                                               int concurrency) = 0;
};

class NodeType : public pipeline::NodeKind {
 public:
  /// Compiles the descriptor's config schema; a broken schema is a bug (asserted).
  explicit NodeType(Descriptor descriptor);

  const Descriptor& descriptor() const { return descriptor_; }
  std::string_view type() const override { return descriptor_.type; }
  int version() const override { return descriptor_.version; }
  const JsonSchema& config_schema() const override { return schema_; }
  std::vector<std::string> input_handles() const override { return descriptor_.inputs; }
  /// Evaluates the descriptor's handle rules: types declare handles, they do not compute them.
  std::vector<std::string> output_handles(const json::object& config) const final {
    return handles_of(descriptor_.output_handles, config);
  }
  /// The run inputs a node of this type contributes with this config.
  std::vector<RunInput> run_inputs(const json::object& config, std::string_view node_id) const {
    return run_inputs_of(descriptor_.run_inputs, config, node_id);
  }
  /// The handles `output` chose, by the descriptor's `chosen_handle` (for
  /// pinned outputs, which carry no handles of their own).
  std::vector<std::string> chosen_handles(const json::value& output) const {
    return nodes::chosen_handles(descriptor_.chosen_handle, output);
  }

  /// Checks the run inputs this node reads; one Problem per bad or missing field,
  /// its pointer naming the input (`/text`). Only input nodes override it.
  virtual Problems check_input(const pipeline::NodeConfig&, const json::object&) const {
    return {};
  }

  virtual boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                                     const pipeline::NodeConfig& config) const = 0;

 private:
  Descriptor descriptor_;
  JsonSchema schema_;
};

/// Error returned by a node that failed in a way a user can fix.
Error node_error(ErrorCode code, std::string message, bool retryable = false);

}  // namespace weft::nodes
