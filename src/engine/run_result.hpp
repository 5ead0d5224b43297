#pragma once
// What a run leaves behind: its status, outputs and one record per node.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"

namespace weft::engine {

enum class NodeStatus { pending, running, succeeded, failed, skipped, cancelled };
enum class RunStatus { running, succeeded, failed, cancelled };

std::string_view to_string(NodeStatus status);
std::string_view to_string(RunStatus status);

struct LogLine {
  std::chrono::system_clock::time_point time;
  std::string level;
  std::string message;
};

struct NodeRun {
  std::string node_id;
  std::string type;
  NodeStatus status = NodeStatus::pending;
  int attempts = 0;
  std::optional<std::chrono::system_clock::time_point> started_at;
  std::optional<std::chrono::system_clock::time_point> finished_at;
  std::shared_ptr<const json::value> output;  ///< shared with downstream nodes, never copied
  std::vector<std::string> handles;           ///< handles a routing node chose
  bool reused = false;                        ///< output taken from an earlier run
  std::optional<Error> error;
  std::vector<LogLine> logs;
};

/// LLM tokens used, summed over the calls of a node run or of a whole run.
struct TokenUsage {
  std::int64_t prompt_tokens = 0;
  std::int64_t completion_tokens = 0;
  bool empty() const { return prompt_tokens == 0 && completion_tokens == 0; }
};

struct RunResult {
  std::string execution_id;
  RunStatus status = RunStatus::running;
  json::object outputs;
  std::optional<Error> error;  ///< why the run failed or was cancelled
  std::vector<NodeRun> nodes;  ///< in definition order
  std::chrono::system_clock::time_point started_at;
  std::chrono::system_clock::time_point finished_at;
  TokenUsage usage;  ///< LLM tokens of the whole run
};

json::object to_json(const Error& error);
json::object to_json(const NodeRun& node);
json::object to_json(const RunResult& result);
/// `{"prompt_tokens": …, "completion_tokens": …}`
json::object to_json(const TokenUsage& usage);

}  // namespace weft::engine
