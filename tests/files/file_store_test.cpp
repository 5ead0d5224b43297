#include <gtest/gtest.h>

#include <fstream>

#include "common/ids.hpp"
#include "files/directory_file_store.hpp"
#include "files/file_name.hpp"
#include "files/sha256.hpp"

namespace weft::files {
namespace {

namespace fs = std::filesystem;

class DirectoryFileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / new_id("weft_files_test");
    auto opened = DirectoryFileStore::open(root_ / "files", index_);
    ASSERT_TRUE(opened) << opened.error().message;
    store_ = std::move(*opened);
  }
  void TearDown() override { fs::remove_all(root_); }

  /// Every regular file under the root, relative to it.
  std::vector<std::string> files_on_disk() const {
    std::vector<std::string> out;
    for (const auto& entry : fs::recursive_directory_iterator(root_)) {
      if (entry.is_regular_file()) {
        out.push_back(fs::relative(entry.path(), root_).string());
      }
    }
    return out;
  }

  fs::path root_;
  MemoryFileIndex index_;
  std::unique_ptr<DirectoryFileStore> store_;
};

TEST_F(DirectoryFileStoreTest, StoresUnderTheDigestNeverTheSentName) {
  auto record =
      store_->put({"ws_a", "../../etc/x.pdf", "Application/PDF; q=1", std::nullopt}, "hello");
  ASSERT_TRUE(record) << record.error().message;
  EXPECT_TRUE(record->id.starts_with("file_"));
  EXPECT_EQ(record->name, "x.pdf");
  EXPECT_EQ(record->mime, "application/pdf");
  EXPECT_EQ(record->size, 5);
  EXPECT_EQ(record->sha256, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_EQ(files_on_disk(),
            std::vector<std::string>{
                "files/2c/f24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"});
  auto bytes = store_->read(*record, 100);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(*bytes, "hello");
  EXPECT_EQ(store_->read(*record, 4).error().code, ErrorCode::limit_exceeded);
}

TEST_F(DirectoryFileStoreTest, FilesAreFoundOnlyInTheirWorkspace) {
  auto record = store_->put({"ws_a", "a.txt", "text/plain", std::nullopt}, "a");
  ASSERT_TRUE(record);
  EXPECT_TRUE(store_->find("ws_a", record->id));
  EXPECT_EQ(store_->find("ws_b", record->id).error().code, ErrorCode::not_found);
}

TEST_F(DirectoryFileStoreTest, EmptyFilesAndSharedBlobs) {
  auto empty = store_->put({"ws_a", "", "", std::nullopt}, "");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->name, "file");
  EXPECT_EQ(empty->mime, "application/octet-stream");
  EXPECT_EQ(empty->size, 0);
  EXPECT_EQ(*store_->read(*empty, 0), "");

  auto one = store_->put({"ws_a", "1.txt", "text/plain", std::nullopt}, "same");
  auto two = store_->put({"ws_b", "2.txt", "text/plain", std::nullopt}, "same");
  ASSERT_TRUE(one && two);
  EXPECT_NE(one->id, two->id);
  EXPECT_EQ(one->sha256, two->sha256);
  // A blob a record still names stays; the last record gone, it goes.
  index_.erase("ws_a", one->id);
  store_->remove_unused({one->sha256});
  EXPECT_TRUE(fs::exists(store_->blob_path(one->sha256)));
  index_.erase("ws_b", two->id);
  store_->remove_unused({one->sha256, "../../not-a-digest"});
  EXPECT_FALSE(fs::exists(store_->blob_path(one->sha256)));
}

TEST_F(DirectoryFileStoreTest, AnUploadNotCommittedLeavesNothing) {
  {
    auto upload = store_->begin();
    ASSERT_TRUE(upload);
    ASSERT_TRUE((*upload)->append("partial"));
  }
  EXPECT_TRUE(files_on_disk().empty());
  // A temp file a crash left is removed when the store opens again.
  std::ofstream(root_ / "files" / "tmp" / "up_left") << "x";
  auto reopened = DirectoryFileStore::open(root_ / "files", index_);
  ASSERT_TRUE(reopened);
  EXPECT_TRUE(files_on_disk().empty());
}

TEST(FileName, NeutralisesWhatAClientSent) {
  EXPECT_EQ(display_name("../x.pdf"), "x.pdf");
  EXPECT_EQ(display_name("C:\\Users\\me\\r.doc"), "r.doc");
  EXPECT_EQ(display_name(std::string("a\0b\x01\x7f.txt", 9)), "ab.txt");
  EXPECT_EQ(display_name(".."), "file");
  EXPECT_EQ(display_name("dir/"), "file");
  EXPECT_EQ(display_name("  "), "file");
  EXPECT_EQ(display_name("caf\xc3\xa9 \xff.txt"), "caf\xc3\xa9 .txt");
  // 300 bytes of two-byte characters: cut at 255 bytes, never inside one.
  std::string long_name;
  for (int i = 0; i < 150; ++i) {
    long_name += "\xc3\xa9";
  }
  const std::string cut = display_name(long_name);
  EXPECT_EQ(cut.size(), 254u);
  EXPECT_TRUE(is_utf8(cut));
  EXPECT_EQ(display_name(std::string(300, 'a')).size(), 255u);
}

TEST(Sha256, DigestsInPieces) {
  Sha256 hash;
  hash.update("hel");
  hash.update("lo");
  EXPECT_EQ(hash.hex(), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  EXPECT_TRUE(is_sha256_hex(std::string(64, 'a')));
  EXPECT_FALSE(is_sha256_hex(std::string(64, 'A')));
}

}  // namespace
}  // namespace weft::files
