// The database file's size (src/store/sqlite/space.cpp, and prune() using it):
// new files free pages incrementally, older ones are switched at open, a
// prune gives space back, and rounds of writes and prunes stay on a plateau.

#include <gtest/gtest.h>

#include <algorithm>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::TempDir;

const std::string kWs(kDefaultWorkspace);
constexpr int kNodes = 5;
constexpr std::size_t kOutputBytes = 1'000;

std::string auto_vacuum(const std::string& db_path) {
  auto values = testing::query_column(db_path, "PRAGMA auto_vacuum");
  return values.empty() ? "" : values.front();
}

/// Stores `count` runs, ids `<prefix>0…`, one group commit.
void add_runs(Store& store, const std::string& prefix, int count) {
  std::vector<Write> writes;
  const Time now = testing::now_ms();
  for (int i = 0; i < count; ++i) {
    auto run = testing::make_run(kWs, prefix + std::to_string(i), "pl_1",
                                 now + std::chrono::milliseconds(i), kNodes, kOutputBytes);
    std::move(run.begin(), run.end(), std::back_inserter(writes));
  }
  auto written = testing::write_and_wait(store, std::move(writes));
  ASSERT_TRUE(written.ok()) << written.error().message;
}

RetentionPolicy keep_newest(int count) {
  return {.max_age_days = 0, .max_per_pipeline = 0, .max_per_workspace = count};
}

TEST(Space, ANewDatabaseFreesPagesIncrementally) {
  TempDir dir;
  auto store = testing::open_store(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(auto_vacuum(dir.db_path()), "2");  // INCREMENTAL
}

TEST(Space, AnOlderSmallDatabaseIsSwitchedAtOpenAndKeepsItsRuns) {
  TempDir dir;
  {
    auto store = testing::open_store(dir.path());
    add_runs(*store, "ex_", 10);
  }
  // What databases created before this version look like.
  testing::run_sql(dir.db_path(), "PRAGMA auto_vacuum = NONE; VACUUM;");
  ASSERT_EQ(auto_vacuum(dir.db_path()), "0");

  auto store = testing::open_store(dir.path());
  EXPECT_EQ(auto_vacuum(dir.db_path()), "2");
  EXPECT_EQ(testing::count_rows(dir.db_path(), "executions"), 10);
  EXPECT_EQ(testing::count_rows(dir.db_path(), "node_runs"), 10 * kNodes);
}

TEST(Space, PruningGivesTheFreedSpaceBackAndEmptiesTheWal) {
  TempDir dir;
  SqliteOptions options;
  options.prune_tuning.min_free_pages = 16;
  auto store = testing::open_store(dir.path(), options);
  add_runs(*store, "ex_", 3'000);
  // A prune that deletes nothing still checkpoints: the main file holds all.
  ASSERT_EQ(*store->prune(keep_newest(3'000)), 0);
  const std::int64_t full = testing::file_size(dir.db_path());
  ASSERT_GT(full, 15'000'000);

  auto deleted = store->prune(keep_newest(100));
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(*deleted, 2'900);
  const std::int64_t after = testing::file_size(dir.db_path());
  EXPECT_LT(after, full / 10) << "from " << full;
  EXPECT_EQ(testing::file_size(dir.db_path() + "-wal"), 0);
  auto free_pages = testing::query_column(dir.db_path(), "PRAGMA freelist_count");
  EXPECT_LE(std::stoll(free_pages.front()), 16);
}

TEST(Space, RoundsOfWritesAndPrunesStayOnAPlateau) {
  TempDir dir;
  auto store = testing::open_store(dir.path());
  constexpr int kRounds = 12;
  constexpr int kRunsPerRound = 400;
  constexpr int kKept = 1'000;
  std::vector<std::int64_t> high_water;  // both files, after each round's writes
  for (int round = 0; round < kRounds; ++round) {
    add_runs(*store, "ex_" + std::to_string(round) + "_", kRunsPerRound);
    store->flush();
    high_water.push_back(testing::file_size(dir.db_path()) +
                         testing::file_size(dir.db_path() + "-wal"));
    auto pruned = store->prune(keep_newest(kKept));
    ASSERT_TRUE(pruned.ok()) << pruned.error().message;
  }
  EXPECT_EQ(testing::count_rows(dir.db_path(), "executions"), kKept);
  EXPECT_EQ(testing::count_rows(dir.db_path(), "node_runs"), kKept * kNodes);
  // Once the limit is reached (round 2) and the free pages it leaves have
  // settled (round 4), the files stop growing, though more than twice as
  // many runs again are written after.
  constexpr std::size_t kSettled = 4;
  const std::int64_t settled = high_water[kSettled];
  const std::int64_t later = *std::max_element(high_water.begin() + kSettled + 1, high_water.end());
  EXPECT_LE(later, settled + settled / 20) << "settled at " << settled << ", later " << later;
}

}  // namespace
}  // namespace weft::store
