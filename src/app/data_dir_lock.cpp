#include "app/data_dir_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace weft::app {
namespace {

constexpr std::string_view kLockFile = "weft.lock";

/// What the holder wrote into the lock file ("weft serve, pid 123"), or "".
std::string holder_of(int fd) {
  char buffer[128] = {};
  const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

Result<DataDirLock> DataDirLock::acquire(const std::string& data, std::string_view holder) {
  const std::string path = (std::filesystem::path(data) / kLockFile).string();
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error::make(ErrorCode::unavailable, "cannot open " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const std::string who = holder_of(fd);
    ::close(fd);
    return Error::make(ErrorCode::conflict, "the data directory " + data + " is in use" +
                                                (who.empty() ? std::string() : " by " + who) +
                                                "; stop that process first");
  }
  const std::string me = std::string(holder) + ", pid " + std::to_string(::getpid());
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, me.data(), me.size(), 0) < 0) {
    // Only the message to a later comer suffers; the lock itself holds.
  }
  return DataDirLock(fd);
}

DataDirLock::DataDirLock(DataDirLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DataDirLock& DataDirLock::operator=(DataDirLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

DataDirLock::~DataDirLock() {
  if (fd_ >= 0) {
    ::close(fd_);  // releases the lock
  }
}

}  // namespace weft::app
