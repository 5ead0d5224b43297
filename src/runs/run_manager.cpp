#include "runs/run_manager.hpp"

#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <utility>

#include "common/ids.hpp"
#include "runs/node_records.hpp"

namespace weft::runs {

namespace asio = boost::asio;

/// Node runs of a quick run are written together with its end, in one queue
/// entry; a run that lasts longer than this writes them as they settle, so
/// its progress can be watched.
constexpr std::chrono::milliseconds kBatchNodeRunsFor{50};

/// Hands one run's events to the bus.
class BusSink final : public engine::EventSink {
 public:
  BusSink(RunEventBus& bus, RunInfo run) : bus_(bus), run_(std::move(run)) {}
  void on_event(const engine::Event& event) override { bus_.publish_event(run_, event); }

 private:
  RunEventBus& bus_;
  const RunInfo run_;
};

/// One run in progress. `signal` and `pending` are touched only on the strand.
struct RunManager::Active {
  explicit Active(asio::io_context& context) : strand(asio::make_strand(context)) {}
  RunInfo info;
  asio::strand<asio::io_context::executor_type> strand;
  asio::cancellation_signal signal;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::vector<store::Write> pending;          ///< node runs not yet handed to the store
  std::unique_ptr<engine::EventSink> events;  ///< to the bus; outlives the run
  SaveMode save = SaveMode::all;
  std::optional<store::Write> ack;
};

Result<std::string> RunManager::start(RunRequest request,
                                      std::function<void(const RunSummary&)> on_finished) {
  auto active = std::make_shared<Active>(context_);
  const bool given = !request.execution_id.empty();
  active->info = {request.workspace, given ? request.execution_id : new_id("ex"),
                  request.pipeline_id};
  active->save = request.save;
  active->ack = std::move(request.ack);
  {
    std::lock_guard lock(mutex_);
    if (stopping_) {
      return Error::make(ErrorCode::unavailable, "the server is shutting down; try again shortly");
    }
    active_.emplace(active->info.execution_id, active);
  }
  if (given) {
    store_.write(std::move(request.opening), std::move(request.on_recorded));
  } else {
    store::ExecutionRecord record;
    record.workspace_id = request.workspace;
    record.id = active->info.execution_id;
    record.pipeline_id = request.pipeline_id;
    record.pipeline_version = request.pipeline_version;
    record.status = "running";
    record.inputs = request.inputs;
    record.outputs = nullptr;
    record.error = nullptr;
    record.retry_of = request.retry_of;
    record.created_at = std::chrono::system_clock::now();
    store_.write({store::CreateExecution{std::move(record)}}, {});
  }
  metrics_.run_started();

  engine::RunOptions options;
  options.execution_id = active->info.execution_id;
  if (bus_ != nullptr) {
    bus_->publish_started(active->info);
    active->events = std::make_unique<BusSink>(*bus_, active->info);
    options.events = active->events.get();
  }
  options.inputs = std::move(request.inputs);
  options.reuse = std::move(request.reuse);
  options.skip = std::move(request.skip);
  options.workspace = request.workspace;
  // Runs on the run's strand; the store's queue keeps the order of writes.
  options.on_node_settled = [this, active](const engine::NodeRun& node) {
    if (active->save == SaveMode::none) {
      return;  // nothing of the run is kept
    }
    active->pending.emplace_back(
        store::SaveNodeRun{to_record(active->info.workspace, active->info.execution_id, node)});
    // `errors` keeps node runs back until it knows whether the run failed.
    if (active->save == SaveMode::all &&
        std::chrono::steady_clock::now() - active->started > kBatchNodeRunsFor) {
      store_.write(std::exchange(active->pending, {}), {});
    }
    if (node.started_at && node.finished_at && !node.reused) {
      metrics_.node_run(
          node.type, std::chrono::duration<double>(*node.finished_at - *node.started_at).count());
    }
  };
  const std::string id = active->info.execution_id;
  asio::co_spawn(active->strand, engine_.run(std::move(request.pipeline), std::move(options)),
                 asio::bind_cancellation_slot(
                     active->signal.slot(), [this, active, on_finished = std::move(on_finished)](
                                                std::exception_ptr e, engine::RunResult result) {
                       if (e) {
                         result.status = engine::RunStatus::failed;
                         result.error =
                             Error::make(ErrorCode::internal, "the run stopped unexpectedly");
                       }
                       finished(active, std::move(result), on_finished);
                     }));
  return id;
}

void RunManager::finished(const std::shared_ptr<Active>& active, engine::RunResult result,
                          const std::function<void(const RunSummary&)>& on_finished) {
  auto summary = std::make_shared<RunSummary>();
  summary->execution_id = active->info.execution_id;
  summary->status = engine::to_string(result.status);
  summary->outputs = std::move(result.outputs);
  summary->error =
      result.error ? json::value(engine::to_json(*result.error)) : json::value(nullptr);
  store::FinishExecution finish{active->info.workspace, active->info.execution_id,
                                summary->status,        summary->outputs,
                                summary->error,         result.finished_at};
  std::vector<store::Write> writes;
  const bool keep = active->save == SaveMode::all ||
                    (active->save == SaveMode::errors && summary->status != "succeeded");
  if (keep) {
    writes = std::exchange(active->pending, {});
    writes.emplace_back(std::move(finish));
  } else {
    writes.emplace_back(store::DiscardExecution{active->info.workspace, active->info.execution_id});
  }
  if (active->ack) {
    // Last: when another worker took the job over, the whole batch is undone.
    writes.emplace_back(*active->ack);
  }
  store_.write(std::move(writes), [this, active, summary, on_finished](Status) {
    metrics_.run_finished(summary->status);
    if (bus_ != nullptr) {
      bus_->publish_finished(active->info, summary->status);
    }
    {
      std::lock_guard lock(mutex_);
      active_.erase(active->info.execution_id);
    }
    if (on_finished) {
      on_finished(*summary);
    }
    check_idle();
  });
}

bool RunManager::cancel(std::string_view workspace, std::string_view execution_id) {
  std::shared_ptr<Active> active;
  {
    std::lock_guard lock(mutex_);
    auto it = active_.find(std::string(execution_id));
    if (it == active_.end() || it->second->info.workspace != workspace) {
      return false;
    }
    active = it->second;
  }
  asio::post(active->strand, [active] { active->signal.emit(asio::cancellation_type::terminal); });
  return true;
}

std::size_t RunManager::in_flight() const {
  std::lock_guard lock(mutex_);
  return active_.size();
}

void RunManager::shutdown(std::chrono::milliseconds grace, std::function<void()> on_idle) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    on_idle_ = std::move(on_idle);
  }
  auto timer = std::make_shared<asio::steady_timer>(context_, grace);
  {
    std::lock_guard lock(mutex_);
    grace_timer_ = timer;
  }
  timer->async_wait([this, timer](boost::system::error_code ec) {
    if (ec) {
      return;
    }
    std::vector<std::shared_ptr<Active>> running;
    {
      std::lock_guard lock(mutex_);
      for (auto& [id, active] : active_) {
        running.push_back(active);
      }
    }
    for (auto& active : running) {
      asio::post(active->strand,
                 [active] { active->signal.emit(asio::cancellation_type::terminal); });
    }
  });
  check_idle();
}

void RunManager::check_idle() {
  std::function<void()> on_idle;
  {
    std::lock_guard lock(mutex_);
    if (!stopping_ || !active_.empty() || !on_idle_) {
      return;
    }
    on_idle = std::move(on_idle_);
    on_idle_ = nullptr;
    if (grace_timer_) {
      grace_timer_->cancel();
    }
  }
  on_idle();
}

}  // namespace weft::runs
