#pragma once
// The file store in a directory (`<data dir>/files/`): each blob at
// `ab/cdef…` after its SHA-256, written as `tmp/<random>` first and renamed
// into place (atomic on one file system), so a name a client sent never
// reaches the disk and a crash leaves no half blob under a real name.

#include <filesystem>
#include <mutex>

#include "files/file_index.hpp"
#include "files/file_store.hpp"

namespace weft::files {

class DirectoryFileStore final : public FileStore {
 public:
  /// Creates `root` and `root/tmp` if needed; removes temp files a crash left.
  static Result<std::unique_ptr<DirectoryFileStore>> open(std::filesystem::path root,
                                                          FileIndex& index);

  Result<std::unique_ptr<Upload>> begin() override;
  Result<store::FileRecord> commit(std::unique_ptr<Upload> upload, NewFile file) override;
  Result<store::FileRecord> find(std::string_view workspace, std::string_view id) override;
  Result<std::string> read(const store::FileRecord& record, std::size_t max_bytes) override;
  Status attach(std::string_view workspace, std::string_view id,
                std::string_view execution_id) override;
  void remove_unused(const std::vector<std::string>& sha256s) override;

  /// Where the blob `sha256` lives (for tests and the docs).
  std::filesystem::path blob_path(std::string_view sha256) const;

 private:
  DirectoryFileStore(std::filesystem::path root, FileIndex& index)
      : root_(std::move(root)), index_(index) {}

  const std::filesystem::path root_;
  FileIndex& index_;
  // Makes "record, then rename into place" (commit) and "no record names it,
  // then unlink" (remove_unused) exclusive: otherwise a commit of bytes an
  // old file also had could see its blob unlinked between the two.
  std::mutex blobs_;
};

/// `<data dir>/files`.
std::filesystem::path files_directory(const std::filesystem::path& data_dir);

}  // namespace weft::files
