#pragma once
// The run-event hub behind `GET /api/ws` (DESIGN §9): it hears the run event
// bus (runs/run_event_bus.hpp), fans each run's events out to the clients
// subscribed to it, and keeps the journal of them so that a client that
// reconnects with the last sequence number it saw gets every later event
// exactly once. A workspace-wide feed carries run status changes.
//
// Journals live in memory: every run's while it runs, and, for a run someone
// followed, for `keep_finished` after it ends (bounded in count), so that
// its followers can reconnect with their numbering. A subscription to a run
// no longer journaled is answered from the stored execution and node runs
// (see `replay_from_store`); by the time a run is finished, they are stored.
//
// Concurrency: one mutex guards everything. Frames are handed to clients
// under it, so each client sees a run's events in sequence order, replay
// first, with nothing missed between replay and live delivery. Clients must
// therefore only queue in `deliver`, never block.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "runs/run_event_bus.hpp"
#include "store/store.hpp"

namespace weft::api {

/// One connected client, as the hub sees it.
class HubClient {
 public:
  virtual ~HubClient() = default;
  /// Queues one text frame. Thread-safe and non-blocking (called under the hub's lock).
  virtual void deliver(std::shared_ptr<const std::string> frame) = 0;
};

struct HubLimits {
  std::size_t max_events_per_run = 20'000;  ///< beyond: token events are no longer journaled
  std::size_t max_kept_runs = 1'000;        ///< finished journals kept for reconnects
  std::chrono::seconds keep_finished{300};
};

class RunHub final : public runs::RunEventSubscriber {
 public:
  explicit RunHub(store::Store& store, HubLimits limits = {});
  ~RunHub() override;

  void run_started(const runs::RunInfo& run) override;
  void run_event(const runs::RunInfo& run, const engine::Event& event) override;
  void run_finished(const runs::RunInfo& run, std::string_view status) override;

  /// Sends `client` the events of `execution_id` after `after`, then each new
  /// one as it happens. not_found when the workspace has no such execution.
  Status subscribe(const std::shared_ptr<HubClient>& client, std::string_view workspace,
                   std::string_view execution_id, std::uint64_t after);
  /// Sends `client` every run status change in `workspace` from now on.
  void subscribe_feed(const std::shared_ptr<HubClient>& client, std::string_view workspace);
  void unsubscribe(const HubClient* client, std::string_view execution_id);
  /// Drops every subscription of `client` (it disconnected).
  void remove(const HubClient* client);

  /// Journals held now (for tests and metrics).
  std::size_t journal_count() const;

 private:
  struct Entry {
    engine::Event event;
    std::shared_ptr<const std::string> frame;  ///< serialized on first need
  };
  struct Journal {
    std::string workspace;
    std::string pipeline_id;
    std::vector<Entry> entries;
    std::vector<std::weak_ptr<HubClient>> clients;
    bool finished = false;
    bool followed = false;   ///< someone subscribed while it ran
    bool truncated = false;  ///< token events past the limit were not kept
  };
  /// Adds `client` to the run's live journal and sends what it missed;
  /// nullopt when the run has no journal here.
  std::optional<Status> follow_live(const std::shared_ptr<HubClient>& client,
                                    std::string_view workspace, std::string_view execution_id,
                                    std::uint64_t after);
  void publish_status(const runs::RunInfo& run, std::string_view status);
  /// Answers a subscription to a run without a journal from the store.
  Status replay_from_store(const std::shared_ptr<HubClient>& client, std::string_view workspace,
                           std::string_view execution_id, std::uint64_t after);
  void evict_finished();
  static const std::shared_ptr<const std::string>& frame_of(Entry& entry);

  store::Store& store_;
  const HubLimits limits_;
  mutable std::mutex mutex_;  // guards journals_, finished_order_, feeds_
  std::unordered_map<std::string, Journal> journals_;
  std::deque<std::pair<std::chrono::steady_clock::time_point, std::string>> finished_order_;
  std::unordered_map<std::string, std::vector<std::weak_ptr<HubClient>>> feeds_;  ///< by workspace
};

}  // namespace weft::api
