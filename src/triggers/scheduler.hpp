#pragma once
// Fires schedules (issue 12). Each pass reads the schedules whose tick is due
// and claims each tick in the store (a unique (schedule, tick) row and a
// compare-and-set of the schedule's next tick) before starting its run, so
// that one process fires a tick however many share the database. The clock
// is a parameter of tick(): tests drive it; the thread passes the real time.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.hpp"
#include "store/trigger_store.hpp"
#include "triggers/schedule.hpp"

namespace weft::triggers {

/// Starts the run of one tick; returns its execution id, or why none started.
using FireSchedule =
    std::function<Result<std::string>(const store::TriggerRecord& trigger, store::Time tick)>;

struct SchedulerOptions {
  std::chrono::milliseconds max_sleep{1'000};  ///< looks for work at least this often
  std::size_t batch = 256;                     ///< due schedules read per pass
};

class Scheduler {
 public:
  Scheduler(store::TriggerStore& store, FireSchedule fire, SchedulerOptions options = {});
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  /// One pass at `now`: fires (or, per their policy, skips) the due ticks
  /// this process claims; returns how many runs it started.
  Result<int> tick(store::Time now);

  /// Runs passes on a thread of its own, sleeping until the next tick.
  void start();
  void stop();
  /// A schedule was added or changed: look again now.
  void wake();

 private:
  /// Handles one due schedule; true when it started a run.
  bool fire_due(const store::TriggerRecord& trigger, store::Time now);
  void loop();

  store::TriggerStore& store_;
  FireSchedule fire_;
  const SchedulerOptions options_;

  std::mutex mutex_;  // guards woken_, stopping_
  std::condition_variable wake_cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace weft::triggers
