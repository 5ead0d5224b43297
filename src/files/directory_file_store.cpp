#include "files/directory_file_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/ids.hpp"
#include "files/file_name.hpp"
#include "files/sha256.hpp"

namespace weft::files {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempDir = "tmp";
constexpr std::string_view kFileIdPrefix = "file";

Error disk_error(std::string_view doing, int error) {
  return Error::make(ErrorCode::unavailable, "the file store could not " + std::string(doing) +
                                                 ": " + std::strerror(error));
}

/// A temp file in `root/tmp`, open for writing; unlinked unless kept.
class TempUpload final : public Upload {
 public:
  TempUpload(fs::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~TempUpload() override {
    close_file();
    if (!kept_) {
      std::error_code ignored;
      fs::remove(path_, ignored);
    }
  }
  TempUpload(const TempUpload&) = delete;
  TempUpload& operator=(const TempUpload&) = delete;

  Status append(std::string_view bytes) override {
    hash_.update(bytes);
    size_ += static_cast<std::int64_t>(bytes.size());
    while (!bytes.empty()) {
      const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0) {
        if (errno == EINTR) {
          continue;
        }
        return disk_error("write a file", errno);
      }
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return Ok{};
  }

  std::int64_t size() const override { return size_; }

  /// Syncs and closes the file; its digest. The bytes are on disk after this.
  Result<std::string> finish() {
    if (::fsync(fd_) != 0) {
      return disk_error("sync a file", errno);
    }
    close_file();
    return hash_.hex();
  }
  const fs::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  void close_file() {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

  fs::path path_;
  int fd_;
  Sha256 hash_;
  std::int64_t size_ = 0;
  bool kept_ = false;
};

}  // namespace

fs::path files_directory(const fs::path& data_dir) {
  return data_dir / "files";
}

Result<std::unique_ptr<DirectoryFileStore>> DirectoryFileStore::open(fs::path root,
                                                                     FileIndex& index) {
  std::error_code error;
  fs::create_directories(root / kTempDir, error);
  if (error) {
    return Error::make(ErrorCode::unavailable,
                       "cannot create the file store `" + root.string() + "`: " + error.message());
  }
  // What is in tmp/ belonged to uploads a stop cut short.
  for (const auto& entry : fs::directory_iterator(root / kTempDir, error)) {
    std::error_code ignored;
    fs::remove(entry.path(), ignored);
  }
  return std::unique_ptr<DirectoryFileStore>(new DirectoryFileStore(std::move(root), index));
}

fs::path DirectoryFileStore::blob_path(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256.substr(2));
}

Result<std::unique_ptr<Upload>> DirectoryFileStore::begin() {
  fs::path path = root_ / kTempDir / new_id("up");
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return disk_error("create a temp file", errno);
  }
  return std::unique_ptr<Upload>(std::make_unique<TempUpload>(std::move(path), fd));
}

Result<store::FileRecord> DirectoryFileStore::commit(std::unique_ptr<Upload> upload, NewFile file) {
  auto* temp = dynamic_cast<TempUpload*>(upload.get());
  if (temp == nullptr) {
    return Error::make(ErrorCode::internal, "an upload from another file store");
  }
  auto sha256 = temp->finish();
  if (!sha256) {
    return std::move(sha256).error();
  }
  store::FileRecord record;
  record.workspace_id = std::move(file.workspace);
  record.id = new_id(kFileIdPrefix);
  record.execution_id = std::move(file.execution_id);
  record.name = display_name(file.name);
  record.mime = clean_mime(file.mime);
  record.size = temp->size();
  record.sha256 = std::move(*sha256);
  record.created_at =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const fs::path target = blob_path(record.sha256);
  std::lock_guard lock(blobs_);
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) {
    return Error::make(ErrorCode::unavailable,
                       "the file store could not make a directory: " + error.message());
  }
  if (auto recorded = index_.insert(record); !recorded) {
    return std::move(recorded).error();
  }
  // Renamed even when the blob exists (same bytes): a removal may have
  // checked for records just before the insert above.
  fs::rename(temp->path(), target, error);
  if (error) {
    return Error::make(ErrorCode::unavailable,
                       "the file store could not keep a file: " + error.message());
  }
  temp->keep();
  return record;
}

Result<store::FileRecord> DirectoryFileStore::find(std::string_view workspace,
                                                   std::string_view id) {
  return index_.find(workspace, id);
}

Result<std::string> DirectoryFileStore::read(const store::FileRecord& record,
                                             std::size_t max_bytes) {
  if (record.size < 0 || static_cast<std::uint64_t>(record.size) > max_bytes) {
    return Error::make(ErrorCode::limit_exceeded,
                       "the file `" + record.name + "` holds " + std::to_string(record.size) +
                           " bytes; at most " + std::to_string(max_bytes) + " can be read here");
  }
  if (!is_sha256_hex(record.sha256)) {
    return Error::make(ErrorCode::internal, "a file record without a digest");
  }
  const int fd = ::open(blob_path(record.sha256).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return errno == ENOENT
               ? Error::make(ErrorCode::not_found, "the bytes of file `" + record.id + "` are gone")
               : disk_error("open a file", errno);
  }
  std::string bytes(static_cast<std::size_t>(record.size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t got = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (got < 0 && errno == EINTR) {
      continue;
    }
    if (got <= 0) {
      const int error = got < 0 ? errno : EIO;
      ::close(fd);
      return disk_error("read a file", error);
    }
    done += static_cast<std::size_t>(got);
  }
  ::close(fd);
  return bytes;
}

Status DirectoryFileStore::attach(std::string_view workspace, std::string_view id,
                                  std::string_view execution_id) {
  return index_.attach(workspace, id, execution_id);
}

void DirectoryFileStore::remove_unused(const std::vector<std::string>& sha256s) {
  for (const std::string& sha256 : sha256s) {
    if (!is_sha256_hex(sha256)) {
      continue;
    }
    std::lock_guard lock(blobs_);
    auto used = index_.blob_used(sha256);
    if (!used || *used) {
      continue;
    }
    std::error_code ignored;
    fs::remove(blob_path(sha256), ignored);
  }
}

}  // namespace weft::files
