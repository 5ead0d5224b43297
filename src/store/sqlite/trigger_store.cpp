#include "store/sqlite/trigger_store.hpp"

#include <utility>

#include "store/sqlite/auth_sql.hpp"
#include "store/sqlite/guarded.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {
namespace {

constexpr std::string_view kColumns =
    "SELECT workspace_id, id, pipeline_id, kind, enabled, config, inputs, token, next_fire_at,"
    " last_fired_at, last_execution_id, last_error, fire_count, created_at, updated_at"
    " FROM triggers";

constexpr std::string_view kInsert =
    "INSERT INTO triggers (workspace_id, id, pipeline_id, kind, enabled, config, inputs, token,"
    " next_fire_at, fire_count, created_at, updated_at)"
    " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?10"
    " WHERE EXISTS (SELECT 1 FROM pipelines WHERE workspace_id = ?1 AND id = ?3)"
    " ON CONFLICT DO NOTHING";

constexpr std::string_view kUpdate =
    "UPDATE triggers SET enabled = ?3, config = ?4, inputs = ?5, token = ?6, next_fire_at = ?7,"
    " updated_at = ?8 WHERE workspace_id = ?1 AND id = ?2";

constexpr std::string_view kDelete = "DELETE FROM triggers WHERE workspace_id = ?1 AND id = ?2";

constexpr std::string_view kClaimTick =
    "INSERT INTO trigger_fires (trigger_id, fire_time, claimed_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT DO NOTHING";
constexpr std::string_view kMoveOn =
    "UPDATE triggers SET next_fire_at = ?3 WHERE id = ?1 AND next_fire_at = ?2 AND enabled = 1";

constexpr std::string_view kRecordRun =
    "UPDATE triggers SET last_fired_at = ?3, last_execution_id = ?4, last_error = NULL,"
    " fire_count = fire_count + 1 WHERE workspace_id = ?1 AND id = ?2";
constexpr std::string_view kRecordError =
    "UPDATE triggers SET last_fired_at = ?3, last_error = ?4 WHERE workspace_id = ?1 AND id = ?2";
constexpr std::string_view kCountSubmission =
    "UPDATE triggers SET fire_count = fire_count + 1"
    " WHERE workspace_id = ?1 AND id = ?2 AND (?3 IS NULL OR fire_count < ?3)";

constexpr std::string_view kClaimKey =
    "INSERT INTO idempotency_keys (trigger_id, key, created_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT DO NOTHING";
constexpr std::string_view kForgetStaleKey =
    "DELETE FROM idempotency_keys WHERE trigger_id = ?1 AND key = ?2 AND created_at < ?3";
constexpr std::string_view kSelectKey =
    "SELECT status, content_type, body FROM idempotency_keys WHERE trigger_id = ?1 AND key = ?2";
constexpr std::string_view kSaveAnswer =
    "UPDATE idempotency_keys SET status = ?3, content_type = ?4, body = ?5"
    " WHERE trigger_id = ?1 AND key = ?2";
constexpr std::string_view kReleaseKey =
    "DELETE FROM idempotency_keys WHERE trigger_id = ?1 AND key = ?2 AND status IS NULL";

TriggerRecord read_trigger(const Statement& row) {
  TriggerRecord record;
  bool unreadable = false;  // a damaged config reads as null, which the API reports
  record.workspace_id = row.string(0);
  record.id = row.string(1);
  record.pipeline_id = row.string(2);
  record.kind = row.string(3);
  record.enabled = row.int64(4) != 0;
  record.config = column_json_or_null(row, 5, unreadable);
  record.inputs = column_json_or_null(row, 6, unreadable);
  record.token = row.optional_string(7);
  record.next_fire_at = column_optional_time(row, 8);
  record.last_fired_at = column_optional_time(row, 9);
  record.last_execution_id = row.optional_string(10);
  record.last_error = row.optional_string(11);
  record.fire_count = row.int64(12);
  record.created_at = column_time(row, 13);
  record.updated_at = column_time(row, 14);
  return record;
}

Error no_trigger(std::string_view id) {
  return Error::make(ErrorCode::not_found, "no trigger `" + std::string(id) + "`");
}

Result<TriggerRecord> select_trigger(Connection& db, std::string_view workspace,
                                     std::string_view id) {
  static const std::string sql = std::string(kColumns) + " WHERE workspace_id = ?1 AND id = ?2";
  return select_one(db, sql, read_trigger, no_trigger(id), workspace, id);
}

/// The config and inputs as stored text.
Result<std::pair<std::string, std::string>> documents(const TriggerRecord& record) {
  auto config = json_text(record.config, "the trigger's config");
  if (!config) {
    return std::move(config).error();
  }
  auto inputs = json_text(record.inputs, "the trigger's inputs");
  if (!inputs) {
    return std::move(inputs).error();
  }
  return std::pair{std::move(*config), std::move(*inputs)};
}

}  // namespace

template <class Body>
auto SqliteTriggerStore::read(std::string_view doing, Body&& body)
    -> decltype(body(std::declval<Connection&>())) {
  return guarded_read(readers_, doing, std::forward<Body>(body));
}

template <class Body>
auto SqliteTriggerStore::write(std::string_view doing, Body&& body)
    -> decltype(body(std::declval<Connection&>())) {
  return guarded_write(writer_, doing, std::forward<Body>(body));
}

Result<TriggerRecord> SqliteTriggerStore::create_trigger(TriggerRecord record) {
  auto texts = documents(record);
  if (!texts) {
    return std::move(texts).error();
  }
  record.updated_at = record.created_at;
  return write("creating the trigger", [&](Connection& db) -> Result<TriggerRecord> {
    auto inserted = execute(db, kInsert, record.workspace_id, record.id, record.pipeline_id,
                            record.kind, std::int64_t{record.enabled ? 1 : 0}, texts->first,
                            texts->second, record.token, record.next_fire_at, record.created_at);
    if (!inserted) {
      return std::move(inserted).error();
    }
    if (*inserted == 0) {
      auto pipeline = exists(db, "SELECT 1 FROM pipelines WHERE workspace_id = ?1 AND id = ?2",
                             record.workspace_id, record.pipeline_id);
      if (pipeline && !*pipeline) {
        return Error::make(ErrorCode::not_found, "no pipeline `" + record.pipeline_id + "`");
      }
      return Error::make(ErrorCode::conflict, "a trigger with this id or URL exists already");
    }
    return std::move(record);
  });
}

Result<std::vector<TriggerRecord>> SqliteTriggerStore::list_triggers(
    std::string_view workspace, std::optional<std::string_view> pipeline_id) {
  return read("listing triggers", [&](Connection& db) {
    if (pipeline_id) {
      static const std::string sql = std::string(kColumns) +
                                     " WHERE workspace_id = ?1 AND pipeline_id = ?2"
                                     " ORDER BY created_at, id";
      return select_all<TriggerRecord>(db, sql, read_trigger, workspace, *pipeline_id);
    }
    static const std::string sql =
        std::string(kColumns) + " WHERE workspace_id = ?1 ORDER BY created_at, id";
    return select_all<TriggerRecord>(db, sql, read_trigger, workspace);
  });
}

Result<TriggerRecord> SqliteTriggerStore::get_trigger(std::string_view workspace,
                                                      std::string_view id) {
  return read("reading the trigger",
              [&](Connection& db) { return select_trigger(db, workspace, id); });
}

Result<TriggerRecord> SqliteTriggerStore::find_trigger_by_token(std::string_view token) {
  static const std::string sql = std::string(kColumns) + " WHERE token = ?1";
  return read("reading the trigger", [&](Connection& db) {
    return select_one(db, sql, read_trigger,
                      Error::make(ErrorCode::not_found, "no trigger has this URL"), token);
  });
}

Result<TriggerRecord> SqliteTriggerStore::update_trigger(TriggerRecord record, Time now) {
  auto texts = documents(record);
  if (!texts) {
    return std::move(texts).error();
  }
  return write("saving the trigger", [&](Connection& db) {
    return in_transaction(db, [&](Connection& tx) -> Result<TriggerRecord> {
      auto updated =
          execute(tx, kUpdate, record.workspace_id, record.id, std::int64_t{record.enabled ? 1 : 0},
                  texts->first, texts->second, record.token, record.next_fire_at, now);
      if (!updated) {
        return std::move(updated).error();
      }
      if (*updated == 0) {
        return no_trigger(record.id);
      }
      return select_trigger(tx, record.workspace_id, record.id);
    });
  });
}

Status SqliteTriggerStore::delete_trigger(std::string_view workspace, std::string_view id) {
  return write("deleting the trigger", [&](Connection& db) -> Status {
    auto deleted = execute(db, kDelete, workspace, id);
    if (!deleted) {
      return std::move(deleted).error();
    }
    if (*deleted == 0) {
      return no_trigger(id);
    }
    return Ok{};
  });
}

Result<std::vector<TriggerRecord>> SqliteTriggerStore::due_schedules(Time now, std::size_t max) {
  static const std::string sql = std::string(kColumns) +
                                 " WHERE next_fire_at IS NOT NULL AND next_fire_at <= ?1"
                                 " AND enabled = 1 ORDER BY next_fire_at LIMIT ?2";
  return read("finding due schedules", [&](Connection& db) {
    return select_all<TriggerRecord>(db, sql, read_trigger, now, static_cast<std::int64_t>(max));
  });
}

Result<std::optional<Time>> SqliteTriggerStore::next_schedule_tick() {
  return read("finding the next schedule tick", [&](Connection& db) -> Result<std::optional<Time>> {
    auto statement = prepare_bound(
        db,
        "SELECT min(next_fire_at) FROM triggers WHERE next_fire_at IS NOT NULL AND enabled = 1");
    if (!statement) {
      return std::move(statement).error();
    }
    auto row = statement->step();
    if (!row) {
      return std::move(row).error();
    }
    return *row ? column_optional_time(*statement, 0) : std::nullopt;
  });
}

Result<bool> SqliteTriggerStore::claim_tick(std::string_view trigger_id, Time expected,
                                            std::optional<Time> fire_time, std::optional<Time> next,
                                            Time now) {
  return write("claiming a schedule tick", [&](Connection& db) {
    return in_transaction(db, [&](Connection& tx) -> Result<bool> {
      auto moved = execute(tx, kMoveOn, trigger_id, expected, next);
      if (!moved) {
        return std::move(moved).error();
      }
      if (*moved == 0) {
        return false;  // another process moved it on first, or it was paused or changed
      }
      if (!fire_time) {
        return true;
      }
      auto claimed = execute(tx, kClaimTick, trigger_id, *fire_time, now);
      if (!claimed) {
        return std::move(claimed).error();
      }
      return *claimed == 1;
    });
  });
}

Status SqliteTriggerStore::record_fire(std::string_view workspace, std::string_view id, Time at,
                                       std::optional<std::string> execution_id,
                                       std::optional<std::string> error) {
  return write("recording the trigger's fire", [&](Connection& db) -> Status {
    auto recorded = execution_id ? execute(db, kRecordRun, workspace, id, at, execution_id)
                                 : execute(db, kRecordError, workspace, id, at, error);
    if (!recorded) {
      return std::move(recorded).error();
    }
    return Ok{};
  });
}

Result<bool> SqliteTriggerStore::count_submission(std::string_view workspace, std::string_view id,
                                                  std::optional<std::int64_t> max) {
  return write("counting the submission", [&](Connection& db) -> Result<bool> {
    auto statement = prepare_bound(db, kCountSubmission, workspace, id);
    if (!statement) {
      return std::move(statement).error();
    }
    statement->bind(3, max);
    if (auto ran = statement->run(); !ran) {
      return std::move(ran).error();
    }
    return db.changes() == 1;
  });
}

Result<std::optional<IdempotentAnswer>> SqliteTriggerStore::claim_idempotency_key(
    std::string_view trigger_id, std::string_view key, Time now, Time stale_before) {
  return write("claiming the idempotency key", [&](Connection& db) {
    return in_transaction(db, [&](Connection& tx) -> Result<std::optional<IdempotentAnswer>> {
      if (auto forgot = execute(tx, kForgetStaleKey, trigger_id, key, stale_before); !forgot) {
        return std::move(forgot).error();
      }
      auto claimed = execute(tx, kClaimKey, trigger_id, key, now);
      if (!claimed) {
        return std::move(claimed).error();
      }
      if (*claimed == 1) {
        return std::optional<IdempotentAnswer>{};
      }
      return select_one(
          tx, kSelectKey,
          [](const Statement& row) {
            return std::optional<IdempotentAnswer>(IdempotentAnswer{
                static_cast<int>(row.optional_int64(0).value_or(0)),
                row.optional_string(1).value_or(""), row.optional_string(2).value_or("")});
          },
          Error::make(ErrorCode::internal, "the idempotency key vanished"), trigger_id, key);
    });
  });
}

Status SqliteTriggerStore::save_idempotent_answer(std::string_view trigger_id, std::string_view key,
                                                  const IdempotentAnswer& answer) {
  return write("saving the idempotent answer", [&](Connection& db) -> Status {
    auto saved = execute(db, kSaveAnswer, trigger_id, key, std::int64_t{answer.status},
                         answer.content_type, answer.body);
    if (!saved) {
      return std::move(saved).error();
    }
    return Ok{};
  });
}

Status SqliteTriggerStore::release_idempotency_key(std::string_view trigger_id,
                                                   std::string_view key) {
  return write("releasing the idempotency key", [&](Connection& db) -> Status {
    auto released = execute(db, kReleaseKey, trigger_id, key);
    if (!released) {
      return std::move(released).error();
    }
    return Ok{};
  });
}

Result<std::int64_t> SqliteTriggerStore::prune_trigger_records(Time before) {
  return write("pruning trigger records", [&](Connection& db) {
    return in_transaction(db, [&](Connection& tx) -> Result<std::int64_t> {
      auto fires = execute(tx, "DELETE FROM trigger_fires WHERE claimed_at < ?1", before);
      if (!fires) {
        return std::move(fires).error();
      }
      auto keys = execute(tx, "DELETE FROM idempotency_keys WHERE created_at < ?1", before);
      if (!keys) {
        return std::move(keys).error();
      }
      return *fires + *keys;
    });
  });
}

}  // namespace weft::store::sqlite
