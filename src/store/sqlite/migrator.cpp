#include "store/sqlite/migrator.hpp"

#include <string>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

constexpr std::string_view kCreateLedger =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";

std::string label(const Migration& migration) {
  return std::to_string(migration.number) + "_" + std::string(migration.name);
}

Result<std::int64_t> newest_applied(Connection& db) {
  auto statement = db.prepare("SELECT coalesce(max(number), 0) FROM schema_migrations");
  if (!statement) {
    return std::move(statement).error();
  }
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  return statement->int64(0);
}

Result<bool> is_applied(Connection& db, int number) {
  auto statement = db.prepare("SELECT 1 FROM schema_migrations WHERE number = ?1");
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, std::int64_t{number});
  return statement->step();
}

/// Applies one migration unless another process did so first; returns whether it ran.
Result<bool> apply_one(Connection& db, const Migration& migration) {
  return in_transaction(db, [&](Connection& tx) -> Result<bool> {
    // Checked under the write lock (BEGIN IMMEDIATE), so two processes cannot both apply it.
    auto applied = is_applied(tx, migration.number);
    if (!applied || *applied) {
      return applied ? Result<bool>(false) : std::move(applied).error();
    }
    auto ran = tx.execute_script(migration.sql);
    if (!ran) {
      Error error = std::move(ran).error();
      error.code = ErrorCode::internal;
      error.message = "schema migration " + label(migration) + " failed: " + error.message;
      return error;
    }
    auto record =
        tx.prepare("INSERT INTO schema_migrations (number, name, applied_at) VALUES (?1, ?2, ?3)");
    if (!record) {
      return std::move(record).error();
    }
    record->bind(1, std::int64_t{migration.number}).bind(2, migration.name);
    bind_time(*record, 3, now_ms());
    auto recorded = record->run();
    if (!recorded) {
      return std::move(recorded).error();
    }
    return true;
  });
}

}  // namespace

Result<int> apply_migrations(Connection& db, std::span<const Migration> all) {
  auto ledger = db.execute_script(kCreateLedger);
  if (!ledger) {
    return std::move(ledger).error();
  }
  auto newest = newest_applied(db);
  if (!newest) {
    return std::move(newest).error();
  }
  const int known = all.empty() ? 0 : all.back().number;
  if (*newest > known) {
    return Error::make(ErrorCode::unavailable,
                       "the database was last used by a newer Weft (schema " +
                           std::to_string(*newest) + ", this build knows up to " +
                           std::to_string(known) + "); upgrade Weft to open it");
  }
  int count = 0;
  for (const Migration& migration : all) {
    auto ran = apply_one(db, migration);
    if (!ran) {
      return std::move(ran).error();
    }
    count += *ran ? 1 : 0;
  }
  return count;
}

}  // namespace weft::store::sqlite
