// The store's own pruning thread (src/store/sqlite/pruner.cpp): with a
// retention policy, executions beyond it go as runs come in, with no call
// to prune(), and an idle round afterwards empties the WAL.

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::TempDir;

const std::string kWs(kDefaultWorkspace);
constexpr int kNodes = 3;

/// Polls `done` for up to ten seconds.
template <class Done>
bool eventually(Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

class PrunerTest : public ::testing::Test {
 protected:
  SqliteOptions options(std::chrono::milliseconds report_interval) {
    SqliteOptions options;
    options.retention =
        RetentionPolicy{.max_age_days = 0, .max_per_pipeline = 0, .max_per_workspace = 50};
    options.prune_tuning.runs_per_round = 20;
    options.prune_tuning.interval = std::chrono::milliseconds(50);
    options.prune_tuning.report_interval = report_interval;
    options.on_pruned = [this](const Result<PruneReport>& report) {
      std::lock_guard lock(mutex_);
      ASSERT_TRUE(report.ok()) << report.error().message;
      reports_.push_back(*report);
    };
    return options;
  }

  /// One write() per run, as the run path makes them.
  void add_runs(Store& store, int count) {
    const Time now = testing::now_ms();
    for (int i = 0; i < count; ++i) {
      auto written = testing::write_and_wait(
          store, testing::make_run(kWs, "ex_" + std::to_string(i), "pl_1",
                                   now + std::chrono::milliseconds(i), kNodes, 200));
      ASSERT_TRUE(written.ok()) << written.error().message;
    }
  }

  std::int64_t deleted() {
    std::lock_guard lock(mutex_);
    std::int64_t total = 0;
    for (const PruneReport& report : reports_) {
      total += report.deleted;
    }
    return total;
  }

  TempDir dir_;
  std::mutex mutex_;  // guards reports_: the pruning thread adds, the test reads
  std::vector<PruneReport> reports_;
};

TEST_F(PrunerTest, RunsBeyondTheLimitGoAsTheyComeInWithoutACallToPrune) {
  auto store = testing::open_store(dir_.path(), options(std::chrono::milliseconds(0)));
  add_runs(*store, 300);
  const std::string db = dir_.db_path();
  EXPECT_TRUE(eventually([&] { return testing::count_rows(db, "executions") == 50; }))
      << testing::count_rows(db, "executions") << " executions left";
  EXPECT_EQ(testing::count_rows(db, "node_runs"), 50 * kNodes);
  // The newest stayed.
  EXPECT_TRUE(store->get_execution(kWs, "ex_299").ok());
  EXPECT_FALSE(store->get_execution(kWs, "ex_249").ok());
  EXPECT_TRUE(eventually([&] { return deleted() == 250; })) << deleted();
}

TEST_F(PrunerTest, AnIdleRoundAfterTheLoadEmptiesTheWal) {
  auto store = testing::open_store(dir_.path(), options(std::chrono::milliseconds(0)));
  add_runs(*store, 200);
  const std::string wal = dir_.db_path() + "-wal";
  EXPECT_TRUE(eventually([&] { return testing::file_size(wal) == 0; }))
      << testing::file_size(wal) << " bytes in the WAL";
}

TEST_F(PrunerTest, ReportsAreSummedAndAtMostOnePerInterval) {
  auto store = testing::open_store(dir_.path(), options(std::chrono::hours(1)));
  add_runs(*store, 300);
  ASSERT_TRUE(eventually([&] { return testing::count_rows(dir_.db_path(), "executions") == 50; }));
  std::lock_guard lock(mutex_);
  // The first round that deleted something is told at once; later ones wait
  // for the interval.
  ASSERT_EQ(reports_.size(), 1u);
  EXPECT_EQ(reports_.front().rounds, 1);
  EXPECT_GT(reports_.front().deleted, 0);
}

}  // namespace
}  // namespace weft::store
