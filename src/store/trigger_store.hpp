#pragma once
// What the Store keeps for triggers (issue 12): schedules, webhooks and forms,
// the ticks schedules claimed, and webhook idempotency records. Every call on
// a workspace's trigger is scoped by the workspace; `find_by_token` is the one
// lookup without it, because the token in a public URL is what names the
// trigger (and its workspace).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::store {

struct TriggerRecord {
  std::string workspace_id;
  std::string id;
  std::string pipeline_id;
  std::string kind;  ///< schedule, webhook, form
  bool enabled = true;
  json::value config;                ///< object, as the kind's rules accepted it
  json::value inputs;                ///< object: fixed inputs of every run it starts
  std::optional<std::string> token;  ///< webhook and form: the URL's secret
  std::optional<Time> next_fire_at;  ///< schedule: the tick it waits for
  std::optional<Time> last_fired_at;
  std::optional<std::string> last_execution_id;
  std::optional<std::string> last_error;  ///< why the last fire started no run
  std::int64_t fire_count = 0;            ///< runs started (form: submissions)
  Time created_at;
  Time updated_at;
};

/// The first answer to a webhook delivery carrying an idempotency key.
struct IdempotentAnswer {
  int status = 0;  ///< 0 while the first delivery is still being answered
  std::string content_type;
  std::string body;
};

class TriggerStore {
 public:
  virtual ~TriggerStore() = default;

  /// not_found when the pipeline is not in the workspace; conflict for a taken id or token.
  virtual Result<TriggerRecord> create_trigger(TriggerRecord record) = 0;
  virtual Result<std::vector<TriggerRecord>> list_triggers(
      std::string_view workspace, std::optional<std::string_view> pipeline_id) = 0;
  virtual Result<TriggerRecord> get_trigger(std::string_view workspace, std::string_view id) = 0;
  /// The trigger whose URL carries `token`, in any workspace.
  virtual Result<TriggerRecord> find_trigger_by_token(std::string_view token) = 0;
  /// Stores enabled, config, inputs, token and next_fire_at.
  virtual Result<TriggerRecord> update_trigger(TriggerRecord record, Time now) = 0;
  virtual Status delete_trigger(std::string_view workspace, std::string_view id) = 0;

  /// Enabled schedules whose next tick is at or before `now`, earliest first.
  virtual Result<std::vector<TriggerRecord>> due_schedules(Time now, std::size_t max) = 0;
  /// The earliest tick any enabled schedule waits for.
  virtual Result<std::optional<Time>> next_schedule_tick() = 0;
  /// Moves a schedule still waiting for the tick `expected` on to `next`
  /// (nullopt: it never fires again) and claims the tick `fire_time` (none:
  /// the ticks were missed and are skipped): true for the one caller that
  /// did, false when another did first (or the schedule was changed).
  virtual Result<bool> claim_tick(std::string_view trigger_id, Time expected,
                                  std::optional<Time> fire_time, std::optional<Time> next,
                                  Time now) = 0;
  /// Notes a fire: the run it started (and one more in fire_count), or why none started.
  virtual Status record_fire(std::string_view workspace, std::string_view id, Time at,
                             std::optional<std::string> execution_id,
                             std::optional<std::string> error) = 0;
  /// Counts one form submission unless `max` are counted already (false then).
  virtual Result<bool> count_submission(std::string_view workspace, std::string_view id,
                                        std::optional<std::int64_t> max) = 0;

  /// Claims `key` for the caller (nullopt) or returns the answer of the
  /// delivery that claimed it first (status 0 while it is being answered).
  /// A claim older than `stale_before` is forgotten and claimed anew.
  virtual Result<std::optional<IdempotentAnswer>> claim_idempotency_key(std::string_view trigger_id,
                                                                        std::string_view key,
                                                                        Time now,
                                                                        Time stale_before) = 0;
  virtual Status save_idempotent_answer(std::string_view trigger_id, std::string_view key,
                                        const IdempotentAnswer& answer) = 0;
  /// Forgets a claim whose delivery started no run (it may be sent again).
  virtual Status release_idempotency_key(std::string_view trigger_id, std::string_view key) = 0;
  /// Deletes claimed ticks and idempotency keys older than `before`; returns how many.
  virtual Result<std::int64_t> prune_trigger_records(Time before) = 0;
};

}  // namespace weft::store
