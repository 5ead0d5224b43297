#pragma once
// What the run path counts, for whoever exposes metrics (`GET /metrics`).
// Called from run strands: implementations are thread-safe and do not block.

#include <string_view>

namespace weft::runs {

class RunMetrics {
 public:
  virtual ~RunMetrics() = default;
  virtual void run_started() = 0;
  virtual void run_finished(std::string_view status) = 0;
  /// One node run that really ran (not reused), of `seconds`.
  virtual void node_run(std::string_view type, double seconds) = 0;
};

}  // namespace weft::runs
