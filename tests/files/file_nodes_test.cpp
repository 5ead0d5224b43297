// input_file and output_file through the real engine, with a directory file store.
#include <gtest/gtest.h>

#include "common/ids.hpp"
#include "files/directory_file_store.hpp"
#include "files/node_files.hpp"
#include "fixtures/engine_harness.hpp"
#include "nodes/output/csv_writer.hpp"

namespace weft::files {
namespace {

namespace fs = std::filesystem;
using testing::run_pipeline;

class FileNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / new_id("weft_file_nodes");
    auto opened = DirectoryFileStore::open(root_, index_);
    ASSERT_TRUE(opened);
    store_ = std::move(*opened);
    source_ = std::make_unique<NodeFiles>(*store_);
  }
  void TearDown() override { fs::remove_all(root_); }

  store::FileRecord upload(std::string name, std::string mime, std::string_view bytes,
                           std::string workspace = "") {
    auto record =
        store_->put({std::move(workspace), std::move(name), std::move(mime), std::nullopt}, bytes);
    EXPECT_TRUE(record);
    return *record;
  }

  testing::HarnessRun run(std::string_view pipeline, json::object inputs) {
    return run_pipeline(pipeline, {.inputs = std::move(inputs), .files = source_.get()});
  }

  fs::path root_;
  MemoryFileIndex index_;
  std::unique_ptr<DirectoryFileStore> store_;
  std::unique_ptr<NodeFiles> source_;
};

constexpr const char* kOneCsv = R"({"nodes": [
  {"id": "doc", "type": "input_file", "config": {"accept": [".csv", "text/plain"], "max_bytes": 10}}],
  "edges": []})";

TEST_F(FileNodesTest, InputFileTakesAStoredFileAndGivesItToTheRun) {
  const auto record = upload("a.csv", "text/csv", "x,y");
  auto result = run(kOneCsv, {{"doc", json::object{{"id", record.id}}}});
  ASSERT_EQ(result.result.status, engine::RunStatus::succeeded);
  const auto& file = result.result.outputs.at("doc").at("file");
  EXPECT_EQ(file.at("name"), "a.csv");
  EXPECT_EQ(file.at("size"), 3);
  EXPECT_EQ(file.at("sha256").as_string(), record.sha256);
  EXPECT_EQ(index_.find("", record.id)->execution_id, "run_test");
}

TEST_F(FileNodesTest, InputFileRefusesWhatNamesNoStoredFile) {
  // CVE-2026-21858's shape: a JSON body whose file value names a server path.
  auto with_path =
      run(kOneCsv,
          {{"doc", json::object{{"id", "file_aaaaaaaaaaaaaaaaaaaa"}, {"path", "/etc/passwd"}}}});
  EXPECT_EQ(with_path.result.status, engine::RunStatus::failed);
  EXPECT_NE(with_path.result.error->message.find("names a `path`"), std::string::npos);
  auto bare_path = run(kOneCsv, {{"doc", "/etc/passwd"}});
  EXPECT_EQ(bare_path.result.status, engine::RunStatus::failed);
  // Shaped like a file value, but nothing was uploaded under that id.
  auto made_up = run(
      kOneCsv, {{"doc", json::object{{"id", "file_aaaaaaaaaaaaaaaaaaaa"}, {"name", "passwd"}}}});
  EXPECT_EQ(made_up.result.status, engine::RunStatus::failed);
  EXPECT_NE(made_up.result.error->message.find("names no uploaded file"), std::string::npos);
  // Another workspace's file is no file here.
  const auto theirs = upload("a.csv", "text/csv", "x", "ws_other");
  auto other = run(kOneCsv, {{"doc", json::object{{"id", theirs.id}}}});
  EXPECT_EQ(other.result.status, engine::RunStatus::failed);
}

TEST_F(FileNodesTest, InputFileChecksTypeSizeAndCount) {
  const auto pdf = upload("a.pdf", "application/pdf", "%PDF");
  EXPECT_NE(run(kOneCsv, {{"doc", json::object{{"id", pdf.id}}}})
                .result.error->message.find("not a type this input accepts"),
            std::string::npos);
  const auto big = upload("big.csv", "text/csv", "0123456789ABC");
  EXPECT_NE(run(kOneCsv, {{"doc", json::object{{"id", big.id}}}})
                .result.error->message.find("at most 10"),
            std::string::npos);
  const auto ok = upload("ok.txt", "text/plain", "1");
  auto list = run(kOneCsv, {{"doc", json::array{json::object{{"id", ok.id}}}}});
  EXPECT_NE(list.result.error->message.find("takes one file"), std::string::npos);
}

TEST_F(FileNodesTest, OutputFileMakesADownloadableCsv) {
  constexpr const char* kCsv = R"({"nodes": [
    {"id": "rows", "type": "input_json", "config": {"name": "rows"}},
    {"id": "out", "type": "output_file", "config": {"format": "csv", "file_name": "report-{{ rows.json | length }}.csv"}}],
    "edges": [{"source": "rows", "target": "out"}]})";
  json::array rows{json::object{{"name", "Ann"}, {"note", "says \"hi\", twice"}},
                   json::object{{"age", 3}, {"name", "Bo"}}};
  auto result = run(kCsv, {{"rows", rows}});
  ASSERT_EQ(result.result.status, engine::RunStatus::succeeded)
      << (result.result.error ? result.result.error->message : "");
  const auto& file = result.result.outputs.at("out");
  EXPECT_EQ(file.at("name"), "report-2.csv");
  EXPECT_EQ(file.at("mime"), "text/csv");
  auto record = store_->find("", file.at("id").as_string());
  ASSERT_TRUE(record);
  EXPECT_EQ(record->execution_id, "run_test");
  EXPECT_EQ(*store_->read(*record, 1000),
            "name,note,age\r\nAnn,\"says \"\"hi\"\", twice\",\r\nBo,,3\r\n");
}

TEST(CsvWriter, QuotesAsRfc4180Says) {
  auto csv = nodes::write_csv(json::array{json::object{{"a", "line\nbreak"}, {"b", nullptr}},
                                          json::object{{"b", json::array{1, 2}}, {"c,d", true}}});
  ASSERT_TRUE(csv);
  EXPECT_EQ(*csv, "a,b,\"c,d\"\r\n\"line\nbreak\",,\r\n,\"[1,2]\",true\r\n");
  EXPECT_EQ(*nodes::write_csv(json::array{}), "");
  EXPECT_EQ(nodes::write_csv(json::array{1}).error().code, ErrorCode::invalid_input);
}

}  // namespace
}  // namespace weft::files
