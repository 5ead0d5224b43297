#include "runs/node_records.hpp"

#include <memory>

#include "engine/events.hpp"

namespace weft::runs {

store::NodeRunRecord to_record(std::string_view workspace, std::string_view execution_id,
                               const engine::NodeRun& node) {
  store::NodeRunRecord record;
  record.workspace_id = workspace;
  record.execution_id = execution_id;
  record.node_id = node.node_id;
  record.type = node.type;
  record.status = engine::to_string(node.status);
  record.attempts = node.attempts;
  record.started_at = node.started_at;
  record.finished_at = node.finished_at;
  record.output = node.output ? *node.output : json::value(nullptr);
  record.error = node.error ? json::value(engine::to_json(*node.error)) : json::value(nullptr);
  json::array logs;
  for (const auto& line : node.logs) {
    logs.push_back(json::object{{"time", engine::format_time(line.time)},
                                {"level", line.level},
                                {"message", line.message}});
  }
  record.logs = std::move(logs);
  record.handles = json::array(node.handles.begin(), node.handles.end());
  return record;
}

engine::ReusedOutput reused_output(const store::NodeRunRecord& node_run) {
  engine::ReusedOutput reused{std::make_shared<const json::value>(node_run.output), {}};
  if (node_run.handles.is_array()) {
    for (const auto& h : node_run.handles.get_array()) {
      if (h.is_string()) {
        reused.handles.emplace_back(h.get_string());
      }
    }
  }
  return reused;
}

}  // namespace weft::runs
