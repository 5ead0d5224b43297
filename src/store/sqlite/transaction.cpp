#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

/// Rolls back with `sql` unless SQLite already did (it does after SQLITE_FULL,
/// SQLITE_IOERR, SQLITE_BUSY and SQLITE_NOMEM); errors here have nowhere to go.
void roll_back(Connection& db, std::string_view sql) {
  if (!db.in_transaction()) {
    return;
  }
  if (auto statement = db.prepare(sql)) {
    (void)statement->run();
  }
}

Status run_cached(Connection& db, std::string_view sql) {
  auto statement = db.prepare(sql);
  if (!statement) {
    return std::move(statement).error();
  }
  return statement->run();
}

}  // namespace

Result<Transaction> Transaction::begin(Connection& db) {
  auto begun = run_cached(db, "BEGIN IMMEDIATE");
  if (!begun) {
    return std::move(begun).error();
  }
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) {
    roll_back(*db_, "ROLLBACK");
  }
}

Status Transaction::commit() {
  Connection* db = std::exchange(db_, nullptr);
  auto committed = run_cached(*db, "COMMIT");
  if (!committed) {
    roll_back(*db, "ROLLBACK");
  }
  return committed;
}

Result<Savepoint> Savepoint::begin(Connection& db) {
  auto begun = run_cached(db, "SAVEPOINT batch");
  if (!begun) {
    return std::move(begun).error();
  }
  return Savepoint(db);
}

Savepoint::~Savepoint() {
  if (db_ != nullptr) {
    // ROLLBACK TO undoes the batch but keeps the savepoint open; RELEASE closes it.
    roll_back(*db_, "ROLLBACK TO batch");
    roll_back(*db_, "RELEASE batch");
  }
}

Status Savepoint::release() {
  Connection* db = std::exchange(db_, nullptr);
  return run_cached(*db, "RELEASE batch");
}

}  // namespace weft::store::sqlite
