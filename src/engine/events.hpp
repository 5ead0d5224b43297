#pragma once
// The ordered event stream of a run (DESIGN §5): run.started, node.started,
// node.log, node.token, node.finished, run.finished.

#include <chrono>
#include <cstdint>
#include <string>

#include "common/json.hpp"

namespace weft::engine {

struct Event {
  std::uint64_t seq = 0;  ///< from 1, per execution, no gaps
  std::string type;
  std::string execution_id;
  std::string node_id;  ///< empty for run.* events
  json::object data;
  std::chrono::system_clock::time_point time;
};

/// Receives a run's events in order, on the run's executor. Must not block.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(const Event& event) = 0;
};

/// `{"seq":…,"type":…,"execution_id":…,"node_id":…,"time":…,"data":{…}}` (DESIGN §9).
json::object to_json(const Event& event);

/// RFC 3339 UTC time with milliseconds.
std::string format_time(std::chrono::system_clock::time_point time);

}  // namespace weft::engine
