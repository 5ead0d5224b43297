#include "triggers/scheduler.hpp"

namespace weft::triggers {
namespace {

using Clock = std::chrono::system_clock;

/// Claimed ticks and idempotency keys are kept a day (a key answers repeats
/// for 24 h), and deleted in a pass every hour.
constexpr std::chrono::hours kKeepRecords{24};
constexpr std::chrono::hours kPruneEvery{1};

/// The last tick at or before `now`, starting from the due `tick` (bounded:
/// a schedule that fires every second and missed a year stops looking).
store::Time last_missed(const Schedule& schedule, store::Time tick, store::Time now) {
  for (int guard = 0; guard < 1'000'000; ++guard) {
    auto next = next_fire(schedule, tick);
    if (!next || *next > now) {
      break;
    }
    tick = *next;
  }
  return tick;
}

}  // namespace

Scheduler::Scheduler(store::TriggerStore& store, FireSchedule fire, SchedulerOptions options)
    : store_(store), fire_(std::move(fire)), options_(options) {}

Scheduler::~Scheduler() {
  stop();
}

Result<int> Scheduler::tick(store::Time now) {
  auto due = store_.due_schedules(now, options_.batch);
  if (!due) {
    return std::move(due).error();
  }
  int started = 0;
  for (const store::TriggerRecord& trigger : *due) {
    started += fire_due(trigger, now) ? 1 : 0;
  }
  return started;
}

bool Scheduler::fire_due(const store::TriggerRecord& trigger, store::Time now) {
  const store::Time due = *trigger.next_fire_at;
  Problems problems;
  auto schedule = parse_schedule(trigger.config, problems);
  if (!schedule) {
    // A config that no longer parses (a time zone gone from tzdata): stop it
    // and say why, rather than trying it on every pass.
    if (store_.claim_tick(trigger.id, due, std::nullopt, std::nullopt, now)) {
      (void)store_.record_fire(trigger.workspace_id, trigger.id, now, std::nullopt,
                               "the schedule stopped: " + schedule.error().message);
    }
    return false;
  }
  const bool missed = now - due > Schedule::kGrace;
  std::optional<store::Time> fire_at = due;
  if (missed) {
    fire_at = schedule->missed == Missed::run_once
                  ? std::optional<store::Time>(last_missed(*schedule, due, now))
                  : std::nullopt;
  }
  const auto next = next_fire(*schedule, missed ? now : due);
  auto claimed = store_.claim_tick(trigger.id, due, fire_at, next, now);
  if (!claimed || !*claimed || !fire_at) {
    return false;
  }
  auto run = fire_(trigger, *fire_at);
  (void)store_.record_fire(trigger.workspace_id, trigger.id, now,
                           run ? std::optional<std::string>(*run) : std::nullopt,
                           run ? std::nullopt : std::optional<std::string>(run.error().message));
  return static_cast<bool>(run);
}

void Scheduler::start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) {
    return;
  }
  stopping_ = false;
  thread_ = std::thread([this] { loop(); });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void Scheduler::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_cv_.notify_all();
}

void Scheduler::loop() {
  auto pruned = Clock::time_point{};
  while (true) {
    (void)tick(Clock::now());
    if (Clock::now() - pruned > kPruneEvery) {
      pruned = Clock::now();
      (void)store_.prune_trigger_records(pruned - kKeepRecords);
    }
    auto until = Clock::now() + options_.max_sleep;
    if (auto next = store_.next_schedule_tick(); next && *next && **next < until) {
      until = **next;
    }
    std::unique_lock lock(mutex_);
    wake_cv_.wait_until(lock, until, [this] { return woken_ || stopping_; });
    if (stopping_) {
      return;
    }
    woken_ = false;
  }
}

}  // namespace weft::triggers
