#include "auth/key_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "auth/encoding.hpp"

namespace weft::auth {

namespace {

constexpr std::size_t kMaxKeyFileBytes = 4096;

Error io_error(std::string doing, const std::string& path) {
  return Error::make(ErrorCode::unavailable,
                     "cannot " + std::move(doing) + " `" + path + "`: " + std::strerror(errno));
}

/// Closes a file descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status sync_directory(const std::string& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
    return io_error("sync the directory", dir);
  }
  return Ok{};
}

Status write_all(int fd, std::string_view text, const std::string& path) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) {
        continue;
      }
      return io_error("write", path);
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return Ok{};
}

/// A new private temporary file beside `path` holding `text`, synced; returns its name.
Result<std::string> write_temporary(const std::string& path, std::string text) {
  std::string temporary = path + ".tmp-" + random_token(6);
  Fd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) {
    wipe(text);
    return io_error("create", temporary);
  }
  // fchmod: a default ACL on the directory may have widened the mode open() set.
  Status written = write_all(fd.get(), text, temporary);
  wipe(text);
  if (written && (::fchmod(fd.get(), 0600) != 0 || ::fsync(fd.get()) != 0)) {
    written = io_error("sync", temporary);
  }
  if (!written) {
    ::unlink(temporary.c_str());
    return std::move(written).error();
  }
  return temporary;
}

}  // namespace

Result<MasterKey> read_key_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    return io_error("open the key file", path);
  }
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) {
    return io_error("inspect the key file", path);
  }
  if (!S_ISREG(info.st_mode)) {
    return Error::make(ErrorCode::invalid_argument,
                       "the key file `" + path + "` is not a regular file");
  }
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return Error::make(ErrorCode::invalid_argument,
                       "the key file `" + path + "` may be read by other users (mode " + mode +
                           "); make it private with `chmod 600 " + path +
                           "` and consider the key exposed if others had access");
  }
  std::string text(kMaxKeyFileBytes, '\0');
  const ssize_t length = ::read(fd.get(), text.data(), text.size());
  if (length < 0) {
    wipe(text);
    return io_error("read the key file", path);
  }
  text.resize(static_cast<std::size_t>(length));
  auto key = MasterKey::parse(text, KeySource::key_file, "the key file `" + path + "`");
  wipe(text);
  return key;
}

Status write_key_file(const std::string& path, const MasterKey& key, bool replace) {
  auto temporary = write_temporary(path, key.encoded() + "\n");
  if (!temporary) {
    return std::move(temporary).error();
  }
  // link() never replaces: two processes creating the key at once keep one.
  const int rc = replace ? ::rename(temporary->c_str(), path.c_str())
                         : ::link(temporary->c_str(), path.c_str());
  const int saved = errno;
  if (!replace || rc != 0) {
    ::unlink(temporary->c_str());
  }
  if (rc != 0) {
    errno = saved;
    if (saved == EEXIST) {
      return Error::make(ErrorCode::conflict, "the key file `" + path + "` exists already");
    }
    return io_error("write the key file", path);
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return sync_directory(dir.empty() ? "." : dir);
}

Status promote_key_file(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return io_error("rename `" + from + "` to", to);
  }
  const std::string dir = std::filesystem::path(to).parent_path().string();
  return sync_directory(dir.empty() ? "." : dir);
}

Result<KeyRing> load_keys(const std::string& data_dir, std::optional<std::string> env_value) {
  if (env_value && !env_value->empty()) {
    auto key = MasterKey::parse(*env_value, KeySource::environment, kSecretKeyEnv);
    wipe(*env_value);
    if (!key) {
      return std::move(key).error();
    }
    return KeyRing{std::move(*key), std::nullopt, false, ""};
  }
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) {
    return Error::make(ErrorCode::unavailable,
                       "cannot create the data directory `" + data_dir + "`: " + error.message());
  }
  const std::string path = (std::filesystem::path(data_dir) / kKeyFileName).string();
  const std::string next = (std::filesystem::path(data_dir) / kNextKeyFileName).string();
  bool created = false;
  if (!std::filesystem::exists(path, error)) {
    auto written = write_key_file(path, MasterKey::generate(KeySource::key_file), false);
    // conflict: another process created it first; use theirs.
    if (!written && written.error().code != ErrorCode::conflict) {
      return std::move(written).error();
    }
    created = written.ok();
  }
  auto current = read_key_file(path);
  if (!current) {
    return std::move(current).error();
  }
  KeyRing ring{std::move(*current), std::nullopt, created, path};
  if (std::filesystem::exists(next, error)) {
    auto pending = read_key_file(next);
    if (!pending) {
      return std::move(pending).error();
    }
    ring.pending = std::move(*pending);
  }
  return ring;
}

}  // namespace weft::auth
