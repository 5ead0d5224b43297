#pragma once
// Read-only connections handed to the threads that read, one per reader at a
// time, opened on demand up to a limit and kept open afterwards (each keeps
// its prepared statements). In WAL mode readers never wait for the writer.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"

namespace weft::store::sqlite {

class ReadPool {
 public:
  ReadPool(std::string path, int max_connections, int busy_timeout_ms);

  /// A connection lent to one thread; returned to the pool on destruction.
  class Lease {
   public:
    Lease(ReadPool& pool, std::unique_ptr<Connection> db) : pool_(&pool), db_(std::move(db)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() { return *db_; }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> db_;  ///< null once moved from
  };

  /// Waits while every connection is lent out; opens a new one below the limit.
  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Connection> db);

  const std::string path_;
  const int max_connections_;
  const int busy_timeout_ms_;

  std::mutex mutex_;  // guards idle_ and open_
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;  ///< lent out plus idle (plus being opened)
};

}  // namespace weft::store::sqlite
