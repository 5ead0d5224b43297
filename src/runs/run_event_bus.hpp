#pragma once
// How a run's events and status changes travel from the worker running it to
// whoever follows them (DESIGN §13): the live view's hub on this process now,
// on every process later. The bus is the transport only: what was said before
// someone subscribed (replay after `seq`) is the journal's business, kept by
// the subscriber (api/ws/run_hub). In-process here (LocalRunEventBus); a bus
// over Redis pub/sub implements the same calls.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/events.hpp"

namespace weft::runs {

struct RunInfo {
  std::string workspace;
  std::string execution_id;
  std::string pipeline_id;
};

/// Hears what a bus carries, on the publisher's thread: it must not block.
class RunEventSubscriber {
 public:
  virtual ~RunEventSubscriber() = default;
  /// The run started (its status is `running`).
  virtual void run_started(const RunInfo& run) = 0;
  /// One of its events; a run's events come in `seq` order.
  virtual void run_event(const RunInfo& run, const engine::Event& event) = 0;
  /// Its final record is committed with `status` (it may never have started:
  /// a queued run cancelled or failed before a worker ran it).
  virtual void run_finished(const RunInfo& run, std::string_view status) = 0;
};

class RunEventBus {
 public:
  virtual ~RunEventBus() = default;
  virtual void publish_started(const RunInfo& run) = 0;
  virtual void publish_event(const RunInfo& run, const engine::Event& event) = 0;
  virtual void publish_finished(const RunInfo& run, std::string_view status) = 0;
  /// `subscriber` hears everything published from now on, until unsubscribed.
  virtual void subscribe(RunEventSubscriber& subscriber) = 0;
  virtual void unsubscribe(RunEventSubscriber& subscriber) = 0;
};

/// The bus of one process: each message goes straight to every subscriber.
class LocalRunEventBus final : public RunEventBus {
 public:
  void publish_started(const RunInfo& run) override;
  void publish_event(const RunInfo& run, const engine::Event& event) override;
  void publish_finished(const RunInfo& run, std::string_view status) override;
  void subscribe(RunEventSubscriber& subscriber) override;
  void unsubscribe(RunEventSubscriber& subscriber) override;

 private:
  template <class F>
  void each(F&& f);

  std::mutex mutex_;  // guards subscribers_
  std::vector<RunEventSubscriber*> subscribers_;
};

}  // namespace weft::runs
