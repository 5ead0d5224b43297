#pragma once
// Runs pipelines in-process for the server: each run on its own strand of the
// shared io_context, its records written through the store's group commit,
// cancellable from any thread.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "engine/engine.hpp"
#include "runs/job.hpp"
#include "runs/run_event_bus.hpp"
#include "runs/run_metrics.hpp"
#include "store/store.hpp"

namespace weft::runs {

struct RunRequest {
  std::string workspace;
  std::string pipeline_id;
  std::int64_t pipeline_version = 0;
  std::shared_ptr<const pipeline::CompiledGraph> pipeline;
  json::object inputs;
  std::optional<std::string> retry_of;
  std::unordered_map<std::string, engine::ReusedOutput> reuse;
  std::unordered_set<std::string> skip;  ///< nodes not to run (a node run alone)
  /// Given by RunService, with the writes that open the run (the execution row
  /// and its job, or marking a queued one running); "" makes a new id and row here.
  std::string execution_id;
  std::vector<store::Write> opening;
  /// Once the opening writes are durable (may be empty).
  std::function<void(Status)> on_recorded;
  /// The queue's acknowledgement of the run's job, last in the transaction
  /// recording the result (none: a run without a job, such as a test run).
  std::optional<store::Write> ack;
  SaveMode save = SaveMode::all;
};

struct RunSummary {
  std::string execution_id;
  std::string status;
  json::object outputs;
  json::value error;  ///< null or {code, message, node_id?}
};

class RunManager {
 public:
  /// `bus` (optional) carries each run's events and status changes.
  RunManager(boost::asio::io_context& context, const engine::Engine& engine, store::Store& store,
             RunMetrics& metrics, RunEventBus* bus = nullptr)
      : context_(context), engine_(engine), store_(store), metrics_(metrics), bus_(bus) {}

  /// Starts a run and returns its execution id, or unavailable while shutting
  /// down. `on_finished` runs once, on some thread, after the execution's final
  /// record has been committed.
  Result<std::string> start(RunRequest request,
                            std::function<void(const RunSummary&)> on_finished = {});

  /// Cancels a run in progress here; false when there is none with that id.
  bool cancel(std::string_view workspace, std::string_view execution_id);

  std::size_t in_flight() const;

  /// Where run events go (null: nowhere), for runs that end without running.
  RunEventBus* bus() const { return bus_; }

  /// Refuses new runs; lets runs in flight finish for `grace`, then cancels
  /// them; calls `on_idle` once every run is recorded.
  void shutdown(std::chrono::milliseconds grace, std::function<void()> on_idle);

 private:
  struct Active;
  void finished(const std::shared_ptr<Active>& active, engine::RunResult result,
                const std::function<void(const RunSummary&)>& on_finished);
  void check_idle();

  boost::asio::io_context& context_;
  const engine::Engine& engine_;
  store::Store& store_;
  RunMetrics& metrics_;
  RunEventBus* bus_;
  mutable std::mutex mutex_;  // guards active_, stopping_, on_idle_
  std::unordered_map<std::string, std::shared_ptr<Active>> active_;
  bool stopping_ = false;
  std::function<void()> on_idle_;
  std::shared_ptr<boost::asio::steady_timer> grace_timer_;  ///< cancels leftovers at shutdown
};

}  // namespace weft::runs
