#pragma once
// Who is using a data directory. `weft serve` holds `<data>/weft.lock` while
// it runs, so a second server (which would mark the first one's runs as
// interrupted) and a key rotation (which would leave the running server
// sealing new credentials with the old key) are refused with a clear message
// instead of damaging stored data. The kernel drops the lock when the process
// ends, however it ends.

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft::app {

class DataDirLock {
 public:
  /// Takes the lock for `holder` (e.g. "weft serve"), or says who holds it.
  static Result<DataDirLock> acquire(const std::string& data, std::string_view holder);

  DataDirLock(DataDirLock&& other) noexcept;
  DataDirLock& operator=(DataDirLock&& other) noexcept;
  DataDirLock(const DataDirLock&) = delete;
  DataDirLock& operator=(const DataDirLock&) = delete;
  ~DataDirLock();

 private:
  explicit DataDirLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace weft::app
