#pragma once
// The one way a run starts (DESIGN §13), whatever started it: the execution
// row and its job are written together, then the run either starts at once on
// this process (a caller waiting, no limit to honour) or waits in the queue
// for a worker. Either way the job holds a lease while it runs, renewed by
// this process; a job whose lease expired (its process died) is taken over
// and resumed from its last recorded blocks.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "runs/job.hpp"
#include "runs/job_queue.hpp"
#include "runs/pipeline_cache.hpp"
#include "runs/run_manager.hpp"
#include "store/store.hpp"

namespace weft::runs {

struct WorkerOptions {
  std::string owner;                        ///< this process's worker id
  std::size_t capacity = 256;               ///< runs at once on this process
  std::chrono::milliseconds lease{30'000};  ///< renewed every third of it
  std::chrono::milliseconds poll{200};      ///< looks for work at least this often
};

using OnFinished = std::function<void(const RunSummary&)>;

/// A run to start, and who waits for what.
struct Submission {
  Job job;
  /// The compiled version, for a run that starts at once (a worker that
  /// leases the job compiles it itself).
  std::shared_ptr<const pipeline::CompiledGraph> pipeline;
  /// Outputs a run started at once reuses (a retry's succeeded blocks, pins).
  std::unordered_map<std::string, engine::ReusedOutput> reuse;
  std::unordered_set<std::string> skip;  ///< nodes a run started at once does not run
  /// Someone waits for the result: start on this process now, unless a run
  /// limit of the pipeline or the workspace applies. Editor test runs always
  /// start at once: their pins and skips live only here, not in the job.
  bool at_once = false;
  /// Nobody waits, but start on this process while it has room (webhooks
  /// and forms answer 202 sooner than a queued run's worker would start it).
  bool prefer_here = false;
  OnFinished on_finished;  ///< once the result is recorded (may be empty)
  /// Once the run's execution and job are durable (may be empty).
  std::function<void(Status)> on_recorded;
};

struct Submitted {
  std::string execution_id;
  bool started = false;  ///< running on this process; otherwise queued
};

class RunService {
 public:
  RunService(store::Store& store, JobQueue& queue, PipelineCache& pipelines, RunManager& runs,
             WorkerOptions options);
  ~RunService();
  RunService(const RunService&) = delete;
  RunService& operator=(const RunService&) = delete;

  /// Writes the execution and its job (`job.execution_id` is made here) and
  /// returns the id and whether the run started at once on this process.
  Result<Submitted> submit(Submission submission);

  /// Cancels a queued run (recorded as cancelled), one running here, or one
  /// running on another worker (which sees the request at its next poll);
  /// false when there is no such run to cancel.
  bool cancel(std::string_view workspace, std::string_view execution_id);

  /// Forgets what it read of `workspace`'s run limit (it was just changed).
  void forget_workspace_limit(std::string_view workspace);

  JobQueue& queue() { return queue_; }

  /// Starts the worker thread: leases waiting jobs, renews leases.
  void start();
  /// Stops leasing; runs in flight go on (RunManager::shutdown ends them).
  void stop();

 private:
  void work();
  void cancel_requested();
  void start_leased(store::LeasedJob leased);
  /// Records a leased job's run as ended without running (`status`, `error`).
  void end_leased(const Job& job, std::int64_t generation, std::string status, json::value error);
  /// Whether `workspace` has a run limit (read at most every few seconds).
  bool workspace_limited(const std::string& workspace);
  /// Tells followers of a run that ended without running (cancelled while
  /// queued, or unrunnable) that it ended.
  void announce_finished(const RunInfo& run, std::string_view status);
  OnFinished take_waiter(const std::string& execution_id);
  void finished(const RunSummary& summary);

  store::Store& store_;
  JobQueue& queue_;
  PipelineCache& pipelines_;
  RunManager& runs_;
  const WorkerOptions options_;
  std::atomic<std::size_t> running_{0};  ///< leased jobs started here, not yet finished

  std::mutex mutex_;  // guards waiters_, wake_, stopping_
  std::unordered_map<std::string, OnFinished> waiters_;
  std::condition_variable wake_cv_;
  bool wake_ = false;
  bool stopping_ = false;
  std::thread worker_;

  struct LimitSeen {
    std::chrono::steady_clock::time_point at;
    bool limited = false;
  };
  std::mutex limits_mutex_;  // guards limits_
  std::unordered_map<std::string, LimitSeen> limits_;
};

}  // namespace weft::runs
