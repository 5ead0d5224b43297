#include "store/sqlite/read_pool.hpp"

namespace weft::store::sqlite {

ReadPool::ReadPool(std::string path, int max_connections, int busy_timeout_ms)
    : path_(std::move(path)),
      max_connections_(max_connections < 1 ? 1 : max_connections),
      busy_timeout_ms_(busy_timeout_ms) {}

ReadPool::Lease::~Lease() {
  if (db_ != nullptr) {
    pool_->give_back(std::move(db_));
  }
}

Result<ReadPool::Lease> ReadPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
    ++open_;  // reserves the slot; the connection is opened outside the lock
  }
  auto db = Connection::open(path_, OpenMode::read_only, busy_timeout_ms_);
  if (!db) {
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    return std::move(db).error();
  }
  return Lease(*this, std::move(*db));
}

void ReadPool::give_back(std::unique_ptr<Connection> db) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
  returned_.notify_one();
}

}  // namespace weft::store::sqlite
