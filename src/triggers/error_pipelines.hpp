#pragma once
// Error pipelines (issue 12, n8n's error workflow): when a run fails and its
// pipeline's `settings.error_pipeline` names another pipeline, that one runs
// with what failed as its `failure` input. It hears the run ends on the run
// event bus and does the store work on a thread of its own (a subscriber must
// not block). A run started this way never starts another (no loops).

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "runs/pipeline_cache.hpp"
#include "runs/run_event_bus.hpp"
#include "runs/run_service.hpp"
#include "store/store.hpp"

namespace weft::triggers {

class ErrorPipelines final : public runs::RunEventSubscriber {
 public:
  ErrorPipelines(store::Store& store, runs::PipelineCache& pipelines, runs::RunService& service);
  ~ErrorPipelines() override;
  ErrorPipelines(const ErrorPipelines&) = delete;
  ErrorPipelines& operator=(const ErrorPipelines&) = delete;

  void run_started(const runs::RunInfo&) override {}
  void run_event(const runs::RunInfo&, const engine::Event&) override {}
  void run_finished(const runs::RunInfo& run, std::string_view status) override;

  /// Starts the error pipeline of `run`'s pipeline, if it has one; returns
  /// the new execution's id (nullopt: none was due). Public for tests.
  Result<std::optional<std::string>> handle(const runs::RunInfo& run);

 private:
  static constexpr std::size_t kMaxWaiting = 10'000;  ///< failures beyond it are not reported
  void work();

  store::Store& store_;
  runs::PipelineCache& pipelines_;
  runs::RunService& service_;
  std::mutex mutex_;  // guards waiting_, stopping_
  std::condition_variable wake_;
  std::deque<runs::RunInfo> waiting_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace weft::triggers
