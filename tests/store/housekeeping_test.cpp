// interrupt_unfinished() and prune() (src/store/sqlite/interrupt_unfinished.cpp,
// prune.cpp): which executions go, with their node runs, and in which scope.

#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::at_ms;
using testing::kBaseMs;
using testing::make_execution;
using testing::make_node_run;
using testing::TempDir;

const std::string kWs(kDefaultWorkspace);

class HousekeepingTest : public ::testing::Test {
 protected:
  void add(const std::string& workspace, const std::string& id, const std::string& pipeline,
           Time created_at, const std::string& status, int node_runs = 1) {
    std::vector<Write> writes{
        CreateExecution{make_execution(workspace, id, pipeline, created_at, status)}};
    for (int i = 0; i < node_runs; ++i) {
      writes.push_back(SaveNodeRun{
          make_node_run(workspace, id, "n" + std::to_string(i), "succeeded", created_at)});
    }
    auto written = testing::write_and_wait(*store_, std::move(writes));
    ASSERT_TRUE(written.ok()) << written.error().message;
  }
  std::vector<std::string> ids(const std::string& workspace, ExecutionFilter filter = {}) {
    filter.limit = 200;
    std::vector<std::string> found;
    auto page = store_->list_executions(workspace, filter);
    EXPECT_TRUE(page.ok());
    for (const ExecutionRecord& record : page->items) {
      found.push_back(record.id);
    }
    return found;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_ = testing::open_store(dir_.path());
};

TEST_F(HousekeepingTest, InterruptMarksUnfinishedRunsAndTheirNodes) {
  const Time t = at_ms(kBaseMs);
  ASSERT_TRUE(
      testing::write_and_wait(
          *store_, {CreateExecution{make_execution(kWs, "ex_running", "pl_1", t, "running")},
                    CreateExecution{make_execution(kWs, "ex_queued", "pl_1", t, "queued")},
                    CreateExecution{make_execution(kWs, "ex_done", "pl_1", t, "succeeded")},
                    CreateExecution{make_execution("ws_other", "ex_far", "pl_1", t, "running")},
                    SaveNodeRun{make_node_run(kWs, "ex_running", "a", "succeeded", t)},
                    SaveNodeRun{make_node_run(kWs, "ex_running", "b", "running", t)},
                    SaveNodeRun{make_node_run(kWs, "ex_running", "c", "pending", std::nullopt)},
                    SaveNodeRun{make_node_run(kWs, "ex_done", "a", "pending", std::nullopt)}})
          .ok());

  auto interrupted = store_->interrupt_unfinished();
  ASSERT_TRUE(interrupted.ok()) << interrupted.error().message;
  EXPECT_EQ(*interrupted, 3);

  auto running = store_->get_execution(kWs, "ex_running");
  EXPECT_EQ(running->status, "interrupted");
  EXPECT_EQ(running->error,
            (json::value(
                json::object{{"code", "interrupted"},
                             {"message", "the server stopped while this run was in progress"}})));
  ASSERT_TRUE(running->finished_at.has_value());
  EXPECT_GT(*running->finished_at, t);
  EXPECT_EQ(store_->get_execution(kWs, "ex_queued")->status, "interrupted");
  EXPECT_EQ(store_->get_execution("ws_other", "ex_far")->status, "interrupted");
  auto done = store_->get_execution(kWs, "ex_done");
  EXPECT_EQ(done->status, "succeeded");
  EXPECT_TRUE(done->error.is_null());

  std::map<std::string, std::string> statuses;
  auto runs = store_->list_node_runs(kWs, "ex_running");
  ASSERT_TRUE(runs.ok());
  for (const NodeRunRecord& run : *runs) {
    statuses[run.node_id] = run.status;
  }
  EXPECT_EQ(statuses, (std::map<std::string, std::string>{
                          {"a", "succeeded"}, {"b", "cancelled"}, {"c", "cancelled"}}));
  // Node runs of finished executions are not touched.
  EXPECT_EQ(store_->list_node_runs(kWs, "ex_done")->front().status, "pending");

  EXPECT_EQ(*store_->interrupt_unfinished(), 0);
}

TEST_F(HousekeepingTest, PruneDeletesFinishedRunsOlderThanTheAgeLimit) {
  const Time now = testing::now_ms();
  for (int i = 0; i < 5; ++i) {
    add(kWs, "ex_old_" + std::to_string(i), "pl_1",
        now - std::chrono::days(40) + std::chrono::minutes(i), "succeeded", 2);
  }
  add(kWs, "ex_old_running", "pl_1", now - std::chrono::days(40), "running");
  add(kWs, "ex_recent", "pl_1", now - std::chrono::days(1), "failed");
  add("ws_other", "ex_other_old", "pl_1", now - std::chrono::days(31), "succeeded");

  auto deleted = store_->prune({.max_age_days = 30, .max_per_pipeline = 0, .batch_size = 2});
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(*deleted, 6);
  EXPECT_EQ(ids(kWs), (std::vector<std::string>{"ex_recent", "ex_old_running"}));
  EXPECT_TRUE(ids("ws_other").empty());
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "node_runs"), 2);
  EXPECT_EQ(*store_->prune({.max_age_days = 30, .max_per_pipeline = 0}), 0);
}

TEST_F(HousekeepingTest, PruneKeepsTheNewestRunsOfEachPipeline) {
  for (int i = 0; i < 10; ++i) {
    add(kWs, "ex_a" + std::to_string(i), "pl_a", at_ms(kBaseMs + i), "succeeded");
  }
  for (int i = 0; i < 3; ++i) {
    add(kWs, "ex_b" + std::to_string(i), "pl_b", at_ms(kBaseMs + i), "succeeded");
  }
  for (int i = 0; i < 6; ++i) {
    add("ws_other", "ex_c" + std::to_string(i), "pl_a", at_ms(kBaseMs + i), "succeeded");
  }

  auto deleted = store_->prune({.max_age_days = 0, .max_per_pipeline = 4, .batch_size = 3});
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(*deleted, 6 + 2);
  EXPECT_EQ(ids(kWs, {.pipeline_id = "pl_a"}),
            (std::vector<std::string>{"ex_a9", "ex_a8", "ex_a7", "ex_a6"}));
  EXPECT_EQ(ids(kWs, {.pipeline_id = "pl_b"}).size(), 3u);
  EXPECT_EQ(ids("ws_other"), (std::vector<std::string>{"ex_c5", "ex_c4", "ex_c3", "ex_c2"}));
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "node_runs"), 4 + 3 + 4);
}

TEST_F(HousekeepingTest, PruneKeepsTheNewestRunsOfEachWorkspaceWithTheirNodeRunsOnly) {
  const Time now = testing::now_ms();
  for (int i = 0; i < 6; ++i) {
    // Two pipelines interleaved: the workspace limit counts across them.
    add(kWs, "ex_a" + std::to_string(i), "pl_a", now - std::chrono::minutes(20 - 2 * i),
        "succeeded", 3);
    add(kWs, "ex_b" + std::to_string(i), "pl_b", now - std::chrono::minutes(19 - 2 * i), "failed",
        3);
  }
  add(kWs, "ex_old_running", "pl_a", now - std::chrono::hours(1), "running", 3);
  for (int i = 0; i < 4; ++i) {
    add("ws_other", "ex_c" + std::to_string(i), "pl_a", now - std::chrono::hours(2), "succeeded",
        3);
  }

  auto deleted = store_->prune(
      {.max_age_days = 0, .max_per_pipeline = 0, .max_per_workspace = 5, .batch_size = 2});
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  // The five newest of the workspace stay, and the running one whatever its age.
  EXPECT_EQ(*deleted, 12 - 5 + 0);
  EXPECT_EQ(ids(kWs), (std::vector<std::string>{"ex_b5", "ex_a5", "ex_b4", "ex_a4", "ex_b3",
                                                "ex_old_running"}));
  // Another workspace's runs are counted against its own limit only.
  EXPECT_EQ(ids("ws_other").size(), 4u);
  EXPECT_EQ(testing::count_rows(dir_.db_path(), "node_runs"), (6 + 4) * 3);
  EXPECT_EQ(store_->list_node_runs(kWs, "ex_a4")->size(), 3u);
  EXPECT_TRUE(store_->list_node_runs(kWs, "ex_a3")->empty());
  EXPECT_EQ(store_->list_node_runs("ws_other", "ex_c0")->size(), 3u);
}

TEST_F(HousekeepingTest, TheWorkspaceLimitCountsWhatThePipelineLimitsLeft) {
  for (int i = 0; i < 10; ++i) {
    add(kWs, "ex_a" + std::to_string(i), "pl_a", at_ms(kBaseMs + 10 + i), "succeeded");
  }
  for (int i = 0; i < 4; ++i) {
    add(kWs, "ex_b" + std::to_string(i), "pl_b", at_ms(kBaseMs + i), "succeeded");
  }

  auto deleted = store_->prune(
      {.max_age_days = 0, .max_per_pipeline = 3, .max_per_workspace = 5, .batch_size = 500});
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  // Each pipeline keeps its newest three, then the workspace its newest five
  // of those: pl_b's history is not pushed out by pl_a's older runs.
  EXPECT_EQ(ids(kWs), (std::vector<std::string>{"ex_a9", "ex_a8", "ex_a7", "ex_b3", "ex_b2"}));
  EXPECT_EQ(*deleted, 14 - 5);
}

TEST_F(HousekeepingTest, PruneWithNoLimitsKeepsEverything) {
  add(kWs, "ex_ancient", "pl_1", at_ms(0), "succeeded");
  EXPECT_EQ(*store_->prune({.max_age_days = 0, .max_per_pipeline = 0, .max_per_workspace = 0}), 0);
  EXPECT_EQ(ids(kWs).size(), 1u);
}

}  // namespace
}  // namespace weft::store
