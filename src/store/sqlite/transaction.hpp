#pragma once
// A write transaction on one Connection: BEGIN IMMEDIATE takes the write lock
// up front, so a transaction never fails half-way for want of it; leaving the
// scope without commit() rolls back.

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"

namespace weft::store::sqlite {

class Transaction {
 public:
  /// Begins; fails (unavailable) when the write lock stays taken past the busy timeout.
  static Result<Transaction> begin(Connection& db);
  ~Transaction();
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;

  Status commit();

 private:
  explicit Transaction(Connection& db) : db_(&db) {}

  Connection* db_;  ///< null once committed or rolled back
};

/// A named savepoint inside a Transaction: one group-commit batch whose
/// failure must not undo the other batches.
class Savepoint {
 public:
  static Result<Savepoint> begin(Connection& db);
  ~Savepoint();
  Savepoint(Savepoint&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  Savepoint& operator=(Savepoint&&) = delete;

  Status release();

 private:
  explicit Savepoint(Connection& db) : db_(&db) {}

  Connection* db_;  ///< null once released or rolled back
};

/// Runs `body(db)` in a Transaction, committing when it returns a value.
template <class Body>
auto in_transaction(Connection& db, Body&& body) -> decltype(body(db)) {
  auto tx = Transaction::begin(db);
  if (!tx) {
    return std::move(tx).error();
  }
  auto result = body(db);
  if (!result) {
    return result;
  }
  auto committed = tx->commit();
  if (!committed) {
    return std::move(committed).error();
  }
  return result;
}

}  // namespace weft::store::sqlite
