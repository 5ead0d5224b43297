#pragma once
// State shared by every graph of one run (the pipeline and its loop bodies).
// Touched only from the run's executor.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/json.hpp"
#include "engine/events.hpp"
#include "engine/run_result.hpp"

namespace weft::nodes {
struct NodeServices;
}

namespace weft::engine {

/// A node's result from an earlier run, used instead of running it again
/// (retry from the failed node, pinned outputs).
struct ReusedOutput {
  std::shared_ptr<const json::value> output;
  std::vector<std::string> handles;
};

struct RunShared {
  std::string execution_id;
  json::value inputs;  ///< an object; a value so scopes can hand out pointers to it
  json::value vars;
  const nodes::NodeServices* services = nullptr;  ///< never null while running
  EventSink* events = nullptr;
  std::string workspace;  ///< whose credentials and LLM providers
  /// Values of the credentials opened so far: scrubbed from what the run records.
  std::vector<std::string> secrets;
  TokenUsage usage;  ///< LLM tokens of every node run, loop bodies included
  std::unordered_map<std::string, ReusedOutput> reuse;  ///< top-level graph only
  std::unordered_set<std::string> skip;                 ///< top-level graph only
  std::function<void(const NodeRun&)> on_node_settled;  ///< top-level graph only
  std::uint64_t next_seq = 1;
  /// Retry jitter only; seeded cheaply per run (std::random_device costs a syscall).
  std::minstd_rand random{
      static_cast<std::uint_fast32_t>(std::chrono::steady_clock::now().time_since_epoch().count())};

  void emit(std::string type, std::string node_id, json::object data) {
    if (events == nullptr) {
      return;
    }
    Event event{next_seq++,         std::move(type), execution_id,
                std::move(node_id), std::move(data), std::chrono::system_clock::now()};
    events->on_event(event);
  }
};

}  // namespace weft::engine
