// Opening, reopening and failing to open the SQLite store (src/store/sqlite/sqlite_store.cpp).

#include "store/sqlite/sqlite_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::at_ms;
using testing::kBaseMs;
using testing::TempDir;

const std::string kWs(kDefaultWorkspace);

TEST(SqliteStore, ReopeningKeepsEverything) {
  TempDir dir;
  {
    auto store = testing::open_store(dir.path());
    ASSERT_NE(store, nullptr);
    PipelineRecord record;
    record.id = "greeter";
    record.name = "Greeter";
    record.definition = json::object{{"nodes", json::array{1, 2}}};
    ASSERT_TRUE(store->create_pipeline(kWs, record).ok());
    ASSERT_TRUE(store->update_pipeline(kWs, record, 1).ok());
    store->write(
        {CreateExecution{testing::make_execution(kWs, "ex_1", "greeter", at_ms(kBaseMs))},
         SaveNodeRun{testing::make_node_run(kWs, "ex_1", "a", "succeeded", at_ms(kBaseMs))}},
        nullptr);
  }
  auto store = testing::open_store(dir.path());
  ASSERT_NE(store, nullptr);
  auto pipeline = store->get_pipeline(kWs, "greeter");
  ASSERT_TRUE(pipeline.ok());
  EXPECT_EQ(pipeline->version, 2);
  EXPECT_EQ(pipeline->definition, (json::value(json::object{{"nodes", json::array{1, 2}}})));
  EXPECT_EQ(pipeline->last_run_status, "running");
  EXPECT_EQ(store->list_versions(kWs, "greeter")->size(), 2u);
  EXPECT_EQ(store->get_execution(kWs, "ex_1")->created_at, at_ms(kBaseMs));
  EXPECT_EQ(store->list_node_runs(kWs, "ex_1")->size(), 1u);
}

TEST(SqliteStore, CreatesTheDataDirectoryInWalMode) {
  TempDir dir;
  const std::string nested = dir.path() + "/a/b/data";
  auto store = testing::open_store(nested);
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(std::filesystem::exists(nested + "/weft.db"));
  EXPECT_EQ(testing::query_column(nested + "/weft.db", "PRAGMA journal_mode"),
            std::vector<std::string>{"wal"});
}

TEST(SqliteStore, AnUnusableDataDirectoryIsUnavailable) {
  TempDir dir;
  const std::string file = dir.path() + "/not_a_directory";
  std::ofstream(file) << "x";
  auto store = open_sqlite_store(file);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::unavailable);
  EXPECT_NE(store.error().message.find(file), std::string::npos) << store.error().message;
}

TEST(SqliteStore, AFileThatIsNotADatabaseIsUnavailable) {
  TempDir dir;
  std::ofstream(dir.path() + "/weft.db") << std::string(4096, 'x');
  auto store = open_sqlite_store(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::unavailable);
  EXPECT_NE(store.error().message.find("not a Weft database"), std::string::npos)
      << store.error().message;
}

}  // namespace
}  // namespace weft::store
