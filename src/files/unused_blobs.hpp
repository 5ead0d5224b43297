#pragma once
// Hands the blobs the store's pruner found unused (SqliteOptions::
// on_blobs_unused, on the pruning thread) to the file store, which is made
// after the store and goes before it: while no file store is attached they
// are left on disk for a later round to find... or not at all (a restart
// loses the list; the blobs stay as litter, never as a missing file).

#include <mutex>
#include <string>
#include <vector>

#include "files/file_store.hpp"

namespace weft::files {

class UnusedBlobs {
 public:
  /// Removes `sha256s` through the attached file store, if any (any thread).
  void remove(const std::vector<std::string>& sha256s) {
    std::lock_guard lock(mutex_);
    if (store_ != nullptr) {
      store_->remove_unused(sha256s);
    }
  }

  /// Attaches `store` until the returned guard goes.
  class Attachment {
   public:
    Attachment(UnusedBlobs& owner, FileStore& store) : owner_(owner) {
      std::lock_guard lock(owner_.mutex_);
      owner_.store_ = &store;
    }
    ~Attachment() {
      std::lock_guard lock(owner_.mutex_);
      owner_.store_ = nullptr;
    }
    Attachment(const Attachment&) = delete;
    Attachment& operator=(const Attachment&) = delete;

   private:
    UnusedBlobs& owner_;
  };

 private:
  std::mutex mutex_;  // guards store_: the pruning thread reads it while serve attaches it
  FileStore* store_ = nullptr;
};

}  // namespace weft::files
