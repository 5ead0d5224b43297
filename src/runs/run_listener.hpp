#pragma once
// What the run manager tells the rest of the server about runs: where a run's
// events go, and when its status changes. The WebSocket hub implements it.

#include <memory>
#include <string>
#include <string_view>

#include "engine/events.hpp"

namespace weft::runs {

struct RunInfo {
  std::string workspace;
  std::string execution_id;
  std::string pipeline_id;
};

class RunListener {
 public:
  virtual ~RunListener() = default;
  /// A run is about to start; its events go to the returned sink (never null),
  /// which the run manager keeps alive until the run has finished.
  virtual std::unique_ptr<engine::EventSink> run_started(const RunInfo& run) = 0;
  /// The run's final record has been committed with `status`.
  virtual void run_finished(const RunInfo& run, std::string_view status) = 0;
};

}  // namespace weft::runs
