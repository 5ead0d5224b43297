#include "api/ws/run_hub.hpp"

#include <algorithm>

#include "api/records.hpp"

namespace weft::api {
namespace {

std::shared_ptr<const std::string> make_frame(const json::object& message) {
  return std::make_shared<const std::string>(to_json_string(message));
}

/// Calls `deliver` on each live client and forgets the dead ones.
void deliver_all(std::vector<std::weak_ptr<HubClient>>& clients,
                 const std::shared_ptr<const std::string>& frame) {
  std::erase_if(clients, [&frame](const std::weak_ptr<HubClient>& weak) {
    auto client = weak.lock();
    if (!client) {
      return true;
    }
    client->deliver(frame);
    return false;
  });
}

void forget(std::vector<std::weak_ptr<HubClient>>& clients, const HubClient* client) {
  std::erase_if(clients, [client](const std::weak_ptr<HubClient>& weak) {
    auto live = weak.lock();
    return !live || live.get() == client;
  });
}

/// The events a stored execution amounts to: run.started, then node.started
/// and node.finished per node run in start order, then run.finished if it ended.
std::vector<json::object> stored_events(const store::ExecutionRecord& execution,
                                        std::vector<store::NodeRunRecord> node_runs) {
  std::stable_sort(node_runs.begin(), node_runs.end(), [](const auto& a, const auto& b) {
    return a.started_at.value_or(store::Time::max()) < b.started_at.value_or(store::Time::max());
  });
  std::vector<json::object> events;
  auto event = [&](std::string type, std::string_view node_id, store::Time time,
                   json::object data) {
    json::object out{
        {"seq", events.size() + 1}, {"type", std::move(type)}, {"execution_id", execution.id}};
    if (!node_id.empty()) {
      out["node_id"] = node_id;
    }
    out["time"] = format_time(time);
    out["data"] = std::move(data);
    out["replayed"] = true;
    events.push_back(std::move(out));
  };
  event("run.started", "", execution.created_at,
        {{"pipeline_id", execution.pipeline_id}, {"version", execution.pipeline_version}});
  for (auto& run : node_runs) {
    const store::Time started = run.started_at.value_or(execution.created_at);
    if (run.started_at) {
      event("node.started", run.node_id, started, {{"attempt", run.attempts}, {"type", run.type}});
    }
    json::object data = to_json(run);
    data.erase("node_id");
    event("node.finished", run.node_id, run.finished_at.value_or(started), std::move(data));
  }
  if (execution.finished_at) {
    event(
        "run.finished", "", *execution.finished_at,
        {{"status", execution.status}, {"outputs", execution.outputs}, {"error", execution.error}});
  }
  return events;
}

}  // namespace

RunHub::RunHub(store::Store& store, HubLimits limits) : store_(store), limits_(limits) {}

RunHub::~RunHub() = default;

const std::shared_ptr<const std::string>& RunHub::frame_of(Entry& entry) {
  if (!entry.frame) {
    entry.frame = make_frame(engine::to_json(entry.event));
  }
  return entry.frame;
}

void RunHub::run_started(const runs::RunInfo& run) {
  {
    std::lock_guard lock(mutex_);
    Journal& journal = journals_[run.execution_id];
    journal.workspace = run.workspace;
    journal.pipeline_id = run.pipeline_id;
  }
  publish_status(run, "running");
}

void RunHub::run_finished(const runs::RunInfo& run, std::string_view status) {
  publish_status(run, status);
  std::lock_guard lock(mutex_);
  auto it = journals_.find(run.execution_id);
  if (it == journals_.end()) {
    return;
  }
  Journal& journal = it->second;
  if (journal.entries.empty() || journal.entries.back().event.type != "run.finished") {
    // It ended without running (cancelled while queued): its followers still
    // hear that it ended, in the form a run that ran tells it.
    engine::Event end{journal.entries.size() + 1,
                      "run.finished",
                      run.execution_id,
                      "",
                      {{"status", status}, {"outputs", json::object{}}, {"error", nullptr}},
                      std::chrono::system_clock::now()};
    Entry entry{std::move(end), nullptr};
    deliver_all(journal.clients, frame_of(entry));
    journal.entries.push_back(std::move(entry));
  }
  // Nobody followed it: the store, now written, tells the run as well.
  if (!it->second.followed) {
    journals_.erase(it);
    return;
  }
  it->second.finished = true;
  finished_order_.emplace_back(std::chrono::steady_clock::now(), run.execution_id);
  evict_finished();
}

void RunHub::evict_finished() {
  const auto cutoff = std::chrono::steady_clock::now() - limits_.keep_finished;
  while (!finished_order_.empty() && (finished_order_.size() > limits_.max_kept_runs ||
                                      finished_order_.front().first < cutoff)) {
    journals_.erase(finished_order_.front().second);
    finished_order_.pop_front();
  }
}

void RunHub::run_event(const runs::RunInfo& run, const engine::Event& event) {
  std::lock_guard lock(mutex_);
  auto it = journals_.find(run.execution_id);
  if (it == journals_.end()) {
    return;
  }
  Journal& journal = it->second;
  Entry entry{event, nullptr};
  if (!journal.clients.empty()) {
    deliver_all(journal.clients, frame_of(entry));
  }
  // Tokens are what can run away; every other event is kept so a reconnect
  // always learns each node's final state.
  if (journal.entries.size() >= limits_.max_events_per_run && event.type == "node.token") {
    journal.truncated = true;
    return;
  }
  journal.entries.push_back(std::move(entry));
}

void RunHub::publish_status(const runs::RunInfo& run, std::string_view status) {
  std::lock_guard lock(mutex_);
  auto it = feeds_.find(run.workspace);
  if (it == feeds_.end()) {
    return;
  }
  deliver_all(it->second, make_frame({{"feed", "runs"},
                                      {"type", "execution.updated"},
                                      {"execution_id", run.execution_id},
                                      {"pipeline_id", run.pipeline_id},
                                      {"status", status},
                                      {"time", format_time(std::chrono::system_clock::now())}}));
}

Status RunHub::subscribe(const std::shared_ptr<HubClient>& client, std::string_view workspace,
                         std::string_view execution_id, std::uint64_t after) {
  if (auto followed = follow_live(client, workspace, execution_id, after)) {
    return *followed;
  }
  auto execution = store_.get_execution(workspace, execution_id);
  if (execution && execution->status == "queued") {
    // Not started yet: its events are all to come. The journal made here is
    // the one run_started fills (unless the run started meanwhile).
    {
      std::lock_guard lock(mutex_);
      if (journals_.find(std::string(execution_id)) == journals_.end()) {
        Journal& journal = journals_[std::string(execution_id)];
        journal.workspace = std::string(workspace);
        journal.pipeline_id = execution->pipeline_id;
        journal.clients.push_back(client);
        journal.followed = true;
        return Ok{};
      }
    }
    if (auto followed = follow_live(client, workspace, execution_id, after)) {
      return *followed;
    }
  }
  return replay_from_store(client, workspace, execution_id, after);
}

std::optional<Status> RunHub::follow_live(const std::shared_ptr<HubClient>& client,
                                          std::string_view workspace, std::string_view execution_id,
                                          std::uint64_t after) {
  {
    std::lock_guard lock(mutex_);
    auto it = journals_.find(std::string(execution_id));
    if (it != journals_.end()) {
      Journal& journal = it->second;
      if (journal.workspace != workspace) {
        return Error::make(ErrorCode::not_found,
                           "no execution `" + std::string(execution_id) + "`");
      }
      for (auto& entry : journal.entries) {
        if (entry.event.seq > after) {
          client->deliver(frame_of(entry));
        }
      }
      forget(journal.clients, client.get());
      journal.clients.push_back(client);
      journal.followed = true;
      return Status{Ok{}};
    }
  }
  return std::nullopt;
}

Status RunHub::replay_from_store(const std::shared_ptr<HubClient>& client,
                                 std::string_view workspace, std::string_view execution_id,
                                 std::uint64_t after) {
  auto execution = store_.get_execution(workspace, execution_id);
  if (!execution) {
    return execution.error();
  }
  auto node_runs = store_.list_node_runs(workspace, execution_id);
  if (!node_runs) {
    return node_runs.error();
  }
  // The live numbering is gone with the journal (a restart, or long ago): a
  // client that had seen part of the run starts over from this stored account.
  if (after > 0) {
    client->deliver(
        make_frame({{"type", "replay.reset"}, {"execution_id", std::string(execution_id)}}));
  }
  for (const auto& event : stored_events(*execution, std::move(*node_runs))) {
    client->deliver(make_frame(event));
  }
  return Ok{};
}

void RunHub::subscribe_feed(const std::shared_ptr<HubClient>& client, std::string_view workspace) {
  std::lock_guard lock(mutex_);
  auto& clients = feeds_[std::string(workspace)];
  forget(clients, client.get());
  clients.push_back(client);
}

void RunHub::unsubscribe(const HubClient* client, std::string_view execution_id) {
  std::lock_guard lock(mutex_);
  auto it = journals_.find(std::string(execution_id));
  if (it != journals_.end()) {
    forget(it->second.clients, client);
  }
}

void RunHub::remove(const HubClient* client) {
  std::lock_guard lock(mutex_);
  for (auto& [id, journal] : journals_) {
    forget(journal.clients, client);
  }
  for (auto& [workspace, clients] : feeds_) {
    forget(clients, client);
  }
}

std::size_t RunHub::journal_count() const {
  std::lock_guard lock(mutex_);
  return journals_.size();
}

}  // namespace weft::api
