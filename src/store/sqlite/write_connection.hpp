#pragma once
// The one read-write connection of a store and the mutex that takes turns on
// it: the group-commit thread, pipeline edits and housekeeping. SQLite allows
// one writer per database at a time anyway; one connection keeps that in process.

#include <memory>
#include <mutex>
#include <utility>

#include "store/sqlite/connection.hpp"

namespace weft::store::sqlite {

class WriteConnection {
 public:
  explicit WriteConnection(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

  /// Runs `body(connection)` while holding the connection; keep it to one transaction.
  template <class Body>
  auto with(Body&& body) -> decltype(body(std::declval<Connection&>())) {
    std::lock_guard lock(mutex_);
    return body(*db_);
  }

 private:
  std::mutex mutex_;  // guards db_: a Connection serves one thread at a time
  std::unique_ptr<Connection> db_;
};

}  // namespace weft::store::sqlite
