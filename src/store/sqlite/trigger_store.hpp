#pragma once
// The SQLite TriggerStore: the trigger tables of the same file as the rest of
// the store (migration 0008), read through its read pool and written through
// its write connection, one transaction per call.

#include "store/sqlite/read_pool.hpp"
#include "store/sqlite/write_connection.hpp"
#include "store/trigger_store.hpp"

namespace weft::store::sqlite {

class SqliteTriggerStore final : public TriggerStore {
 public:
  /// Both must outlive this object.
  SqliteTriggerStore(WriteConnection& writer, ReadPool& readers)
      : writer_(writer), readers_(readers) {}

  Result<TriggerRecord> create_trigger(TriggerRecord record) override;
  Result<std::vector<TriggerRecord>> list_triggers(
      std::string_view workspace, std::optional<std::string_view> pipeline_id) override;
  Result<TriggerRecord> get_trigger(std::string_view workspace, std::string_view id) override;
  Result<TriggerRecord> find_trigger_by_token(std::string_view token) override;
  Result<TriggerRecord> update_trigger(TriggerRecord record, Time now) override;
  Status delete_trigger(std::string_view workspace, std::string_view id) override;

  Result<std::vector<TriggerRecord>> due_schedules(Time now, std::size_t max) override;
  Result<std::optional<Time>> next_schedule_tick() override;
  Result<bool> claim_tick(std::string_view trigger_id, Time expected, std::optional<Time> fire_time,
                          std::optional<Time> next, Time now) override;
  Status record_fire(std::string_view workspace, std::string_view id, Time at,
                     std::optional<std::string> execution_id,
                     std::optional<std::string> error) override;
  Result<bool> count_submission(std::string_view workspace, std::string_view id,
                                std::optional<std::int64_t> max) override;

  Result<std::optional<IdempotentAnswer>> claim_idempotency_key(std::string_view trigger_id,
                                                                std::string_view key, Time now,
                                                                Time stale_before) override;
  Status save_idempotent_answer(std::string_view trigger_id, std::string_view key,
                                const IdempotentAnswer& answer) override;
  Status release_idempotency_key(std::string_view trigger_id, std::string_view key) override;
  Result<std::int64_t> prune_trigger_records(Time before) override;

 private:
  template <class Body>
  auto read(std::string_view doing, Body&& body) -> decltype(body(std::declval<Connection&>()));
  template <class Body>
  auto write(std::string_view doing, Body&& body) -> decltype(body(std::declval<Connection&>()));

  WriteConnection& writer_;
  ReadPool& readers_;
};

}  // namespace weft::store::sqlite
