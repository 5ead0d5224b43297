#include "runs/run_service.hpp"

#include <utility>

#include "common/ids.hpp"
#include "runs/node_records.hpp"
#include "runs/workspace_limit.hpp"

namespace weft::runs {
namespace {

store::ExecutionRecord execution_row(const Job& job, std::string status) {
  store::ExecutionRecord record;
  record.workspace_id = job.workspace;
  record.id = job.execution_id;
  record.pipeline_id = job.pipeline_id;
  record.pipeline_version = job.pipeline_version;
  record.status = std::move(status);
  record.inputs = job.inputs;
  record.outputs = nullptr;
  record.error = nullptr;
  record.retry_of = job.retry_of;
  record.trigger = std::string(to_string(job.trigger));
  record.trigger_id = job.trigger_id;
  record.created_at = std::chrono::system_clock::now();
  return record;
}

/// Succeeded blocks of `execution_id`, as outputs a new run reuses.
void add_succeeded(store::Store& store, const std::string& workspace,
                   const std::string& execution_id,
                   std::unordered_map<std::string, engine::ReusedOutput>& reuse) {
  auto node_runs = store.list_node_runs(workspace, execution_id);
  if (!node_runs) {
    return;
  }
  for (const auto& node : *node_runs) {
    if (node.status == "succeeded" && !node.unreadable) {
      reuse.insert_or_assign(node.node_id, reused_output(node));
    }
  }
}

}  // namespace

/// How long a workspace's run limit, once read, is taken as known.
constexpr std::chrono::seconds kLimitFresh{2};

RunService::RunService(store::Store& store, JobQueue& queue, PipelineCache& pipelines,
                       RunManager& runs, WorkerOptions options)
    : store_(store),
      queue_(queue),
      pipelines_(pipelines),
      runs_(runs),
      options_(std::move(options)) {}

RunService::~RunService() {
  stop();
}

Result<Submitted> RunService::submit(Submission submission) {
  Job& job = submission.job;
  job.execution_id = new_id("ex");
  const auto now = std::chrono::system_clock::now();
  const bool at_once =
      job.trigger == Trigger::editor ||
      ((submission.at_once || (submission.prefer_here && runs_.in_flight() < options_.capacity)) &&
       !job.run_concurrency && !workspace_limited(job.workspace));
  if (!at_once) {
    if (submission.on_finished) {
      std::lock_guard lock(mutex_);
      waiters_.emplace(job.execution_id, std::move(submission.on_finished));
    }
    std::vector<store::Write> writes{store::CreateExecution{execution_row(job, "queued")}};
    for (auto& write : queue_.enqueue(job, std::nullopt)) {
      writes.push_back(std::move(write));
    }
    store_.write(std::move(writes),
                 [this, id = job.execution_id,
                  on_recorded = std::move(submission.on_recorded)](Status status) {
                   {
                     std::lock_guard lock(mutex_);
                     if (!status) {
                       waiters_.erase(id);  // no run will finish: the caller hears why
                     }
                     wake_ = true;
                     wake_cv_.notify_one();
                   }
                   if (on_recorded) {
                     on_recorded(std::move(status));
                   }
                 });
    return Submitted{job.execution_id, false};
  }
  // At once, on this process: the job is leased to us from the start.
  RunRequest run{
      job.workspace, job.pipeline_id, job.pipeline_version,        std::move(submission.pipeline),
      job.inputs,    job.retry_of,    std::move(submission.reuse), std::move(submission.skip)};
  run.execution_id = job.execution_id;
  run.opening = {store::CreateExecution{execution_row(job, "running")}};
  for (auto& write : queue_.enqueue(job, Holder{options_.owner, now + options_.lease})) {
    run.opening.push_back(std::move(write));
  }
  run.ack = queue_.ack(job.execution_id, options_.owner, 1);
  run.save = job.save;
  run.on_recorded = std::move(submission.on_recorded);
  auto started = runs_.start(std::move(run), std::move(submission.on_finished));
  if (!started) {
    return std::move(started).error();
  }
  return Submitted{std::move(*started), true};
}

bool RunService::cancel(std::string_view workspace, std::string_view execution_id) {
  if (runs_.cancel(workspace, execution_id)) {
    return true;
  }
  auto removed = queue_.remove_waiting(workspace, execution_id);
  if (!removed) {
    return false;
  }
  if (!*removed) {
    // Held by another worker (or just taken by ours): its holder cancels it.
    auto asked = queue_.request_cancel(workspace, execution_id);
    return asked && *asked;
  }
  RunSummary summary{std::string(execution_id), "cancelled", {}, nullptr};
  store::FinishExecution finish{
      std::string(workspace),          summary.execution_id, "cancelled", json::object{}, nullptr,
      std::chrono::system_clock::now()};
  auto execution = store_.get_execution(workspace, execution_id);  // its pipeline, for the feed
  RunInfo run{std::string(workspace), summary.execution_id,
              execution ? execution->pipeline_id : std::string()};
  store_.write({std::move(finish)}, [this, summary, run](Status) {
    announce_finished(run, summary.status);
    finished(summary);
  });
  return true;
}

void RunService::start() {
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) {
    return;
  }
  stopping_ = false;
  worker_ = std::thread([this] { work(); });
}

void RunService::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_cv_.notify_all();
  }
  if (worker_.joinable()) {
    worker_.join();
  }
}

void RunService::work() {
  auto renewed = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_cv_.wait_for(lock, options_.poll, [this] { return wake_ || stopping_; });
      if (stopping_) {
        return;
      }
      wake_ = false;
    }
    const auto now = std::chrono::system_clock::now();
    if (std::chrono::steady_clock::now() - renewed > options_.lease / 3) {
      // A failed renewal is tried again at the next poll; the lease has two
      // thirds of its time left.
      if (queue_.renew(options_.owner, now + options_.lease)) {
        renewed = std::chrono::steady_clock::now();
      }
    }
    cancel_requested();
    const std::size_t busy = running_.load();
    if (busy >= options_.capacity) {
      continue;
    }
    auto leased = queue_.lease(options_.owner, options_.capacity - busy, now, now + options_.lease);
    if (!leased) {
      continue;  // the store says why in its own log; try again at the next poll
    }
    for (auto& job : *leased) {
      start_leased(std::move(job));
    }
  }
}

void RunService::cancel_requested() {
  auto requests = queue_.cancel_requests(options_.owner);
  if (!requests) {
    return;  // asked again at the next poll
  }
  for (const auto& request : *requests) {
    runs_.cancel(request.workspace_id, request.execution_id);
  }
}

void RunService::start_leased(store::LeasedJob leased) {
  auto job = job_from_json(leased.payload);
  if (!job) {
    return;  // unreadable: left leased; it expires and is tried again after a restart
  }
  if (leased.cancel_requested) {
    // Cancelled while a worker that has since died held it.
    end_leased(*job, leased.generation, "cancelled", nullptr);
    return;
  }
  if (job->deadline && std::chrono::system_clock::now() > *job->deadline) {
    end_leased(
        *job, leased.generation, "failed",
        json::object{{"code", to_string(ErrorCode::timeout)},
                     {"message", "it waited in the queue past its deadline and did not run"}});
    return;
  }
  if (job->trigger == Trigger::editor) {
    // A test run's pins and skips died with the worker that held it.
    end_leased(*job, leased.generation, "interrupted",
               json::object{{"code", "interrupted"},
                            {"message", "the server stopped during this test run; run it again"}});
    return;
  }
  auto version = store_.get_version(job->workspace, job->pipeline_id, job->pipeline_version);
  if (!version) {
    const auto& error = version.error();
    end_leased(*job, leased.generation, "failed",
               json::object{{"code", to_string(error.code)}, {"message", error.message}});
    return;
  }
  auto outcome =
      pipelines_.get({job->workspace, job->pipeline_id, job->pipeline_version, version->created_at},
                     version->definition);
  if (!outcome.pipeline) {
    end_leased(
        *job, leased.generation, "failed",
        json::object{{"code", to_string(ErrorCode::invalid_input)},
                     {"message", "pipeline `" + job->pipeline_id + "` version " +
                                     std::to_string(job->pipeline_version) + " has problems"}});
    return;
  }
  std::unordered_map<std::string, engine::ReusedOutput> reuse;
  if (job->retry_of) {
    add_succeeded(store_, job->workspace, *job->retry_of, reuse);
  }
  // A run taken over from a dead worker goes on from its recorded blocks.
  add_succeeded(store_, job->workspace, job->execution_id, reuse);
  RunRequest run{job->workspace, job->pipeline_id, job->pipeline_version, outcome.pipeline,
                 job->inputs,    job->retry_of,    std::move(reuse)};
  run.execution_id = job->execution_id;
  run.opening = {store::StartExecution{job->workspace, job->execution_id}};
  run.ack = queue_.ack(job->execution_id, options_.owner, leased.generation);
  run.save = job->save;
  ++running_;
  auto started = runs_.start(std::move(run), [this](const RunSummary& summary) {
    --running_;
    finished(summary);
    std::lock_guard lock(mutex_);
    wake_ = true;
    wake_cv_.notify_one();
  });
  if (!started) {
    --running_;  // shutting down: the lease expires and the next start takes it over
  }
}

void RunService::end_leased(const Job& job, std::int64_t generation, std::string status,
                            json::value error) {
  RunSummary summary{job.execution_id, std::move(status), {}, std::move(error)};
  store::FinishExecution finish{job.workspace,  job.execution_id, summary.status,
                                json::object{}, summary.error,    std::chrono::system_clock::now()};
  store_.write(
      {std::move(finish), queue_.ack(job.execution_id, options_.owner, generation)},
      [this, summary, run = RunInfo{job.workspace, job.execution_id, job.pipeline_id}](Status) {
        announce_finished(run, summary.status);
        finished(summary);
      });
}

void RunService::announce_finished(const RunInfo& run, std::string_view status) {
  if (auto* bus = runs_.bus()) {
    bus->publish_finished(run, status);
  }
}

void RunService::forget_workspace_limit(std::string_view workspace) {
  std::lock_guard lock(limits_mutex_);
  limits_.erase(std::string(workspace));
}

bool RunService::workspace_limited(const std::string& workspace) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(limits_mutex_);
    if (auto it = limits_.find(workspace);
        it != limits_.end() && now - it->second.at < kLimitFresh) {
      return it->second.limited;
    }
  }
  auto setting = store_.get_workspace_setting(workspace, kRunsSetting);
  // Unreadable: taken as limited, so that the queue, which reads the limit
  // itself, decides.
  const bool limited = !setting || (*setting && workspace_run_limit(**setting).has_value());
  std::lock_guard lock(limits_mutex_);
  if (limits_.size() > 10'000) {
    limits_.clear();  // bounded: entries are cheap to read again
  }
  limits_[workspace] = {now, limited};
  return limited;
}

OnFinished RunService::take_waiter(const std::string& execution_id) {
  std::lock_guard lock(mutex_);
  auto it = waiters_.find(execution_id);
  if (it == waiters_.end()) {
    return {};
  }
  OnFinished waiter = std::move(it->second);
  waiters_.erase(it);
  return waiter;
}

void RunService::finished(const RunSummary& summary) {
  if (auto waiter = take_waiter(summary.execution_id)) {
    waiter(summary);
  }
}

}  // namespace weft::runs
