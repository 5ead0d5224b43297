#include "engine/run_result.hpp"

#include "engine/events.hpp"

namespace weft::engine {

std::string_view to_string(NodeStatus status) {
  switch (status) {
    case NodeStatus::pending:
      return "pending";
    case NodeStatus::running:
      return "running";
    case NodeStatus::succeeded:
      return "succeeded";
    case NodeStatus::failed:
      return "failed";
    case NodeStatus::skipped:
      return "skipped";
    case NodeStatus::cancelled:
      return "cancelled";
  }
  return "pending";
}

std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::running:
      return "running";
    case RunStatus::succeeded:
      return "succeeded";
    case RunStatus::failed:
      return "failed";
    case RunStatus::cancelled:
      return "cancelled";
  }
  return "running";
}

json::object to_json(const Error& error) {
  json::object out{{"code", to_string(error.code)}, {"message", error.message}};
  if (!error.node_id.empty()) {
    out["node_id"] = error.node_id;
  }
  if (!error.pointer.empty()) {
    out["pointer"] = error.pointer;
  }
  if (error.retryable) {
    out["retryable"] = true;
  }
  return out;
}

json::object to_json(const NodeRun& node) {
  json::object out{{"node_id", node.node_id},
                   {"type", node.type},
                   {"status", to_string(node.status)},
                   {"attempts", node.attempts}};
  if (node.started_at) {
    out["started_at"] = format_time(*node.started_at);
  }
  if (node.finished_at) {
    out["finished_at"] = format_time(*node.finished_at);
  }
  if (node.started_at && node.finished_at) {
    out["duration_ms"] =
        std::chrono::duration<double, std::milli>(*node.finished_at - *node.started_at).count();
  }
  if (node.output) {
    out["output"] = *node.output;
  }
  if (node.error) {
    out["error"] = to_json(*node.error);
  }
  if (!node.logs.empty()) {
    json::array logs;
    for (const auto& line : node.logs) {
      logs.push_back(json::object{
          {"time", format_time(line.time)}, {"level", line.level}, {"message", line.message}});
    }
    out["logs"] = std::move(logs);
  }
  return out;
}

json::object to_json(const RunResult& result) {
  json::array nodes;
  for (const auto& node : result.nodes) {
    nodes.push_back(to_json(node));
  }
  json::object out{{"execution_id", result.execution_id},
                   {"status", to_string(result.status)},
                   {"outputs", result.outputs},
                   {"started_at", format_time(result.started_at)},
                   {"finished_at", format_time(result.finished_at)},
                   {"nodes", std::move(nodes)}};
  if (result.error) {
    out["error"] = to_json(*result.error);
  }
  if (!result.usage.empty()) {
    out["usage"] = to_json(result.usage);
  }
  return out;
}

json::object to_json(const TokenUsage& usage) {
  return {{"prompt_tokens", usage.prompt_tokens}, {"completion_tokens", usage.completion_tokens}};
}

}  // namespace weft::engine
