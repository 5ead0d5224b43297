// Run records: write() through the group-commit writer, read back, listed and paged.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <set>
#include <tuple>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::at_ms;
using testing::kBaseMs;
using testing::make_execution;
using testing::make_finish;
using testing::make_node_run;
using testing::TempDir;

const std::string kWs(kDefaultWorkspace);

class ExecutionsTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::unique_ptr<Store> store_ = testing::open_store(dir_.path());
};

TEST_F(ExecutionsTest, WrittenRecordsReadBackAfterFlush) {
  ExecutionRecord execution = make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs));
  execution.retry_of = "ex_0";
  NodeRunRecord run = make_node_run(kWs, "ex_1", "ask", "succeeded", at_ms(kBaseMs + 1));
  run.attempts = 2;
  run.finished_at = at_ms(kBaseMs + 9);
  run.output = json::object{{"text", "hi"}};
  run.logs = json::array{json::object{{"level", "info"}, {"message", "called"}}};
  run.handles = json::array{"true"};
  FinishExecution finish = make_finish(kWs, "ex_1", "failed", at_ms(kBaseMs + 10));
  finish.error = json::object{{"code", "node_failed"}, {"message", "boom"}, {"node_id", "ask"}};

  store_->write({CreateExecution{execution}}, nullptr);
  store_->write({SaveNodeRun{run}}, nullptr);
  store_->write({finish}, nullptr);
  store_->flush();

  auto got = store_->get_execution(kWs, "ex_1");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->workspace_id, kWs);
  EXPECT_EQ(got->pipeline_id, "pl_1");
  EXPECT_EQ(got->pipeline_version, 1);
  EXPECT_EQ(got->status, "failed");
  EXPECT_EQ(got->inputs, execution.inputs);
  EXPECT_EQ(got->outputs, finish.outputs);
  EXPECT_EQ(got->error, finish.error);
  EXPECT_EQ(got->retry_of, "ex_0");
  EXPECT_EQ(got->created_at, at_ms(kBaseMs));
  EXPECT_EQ(got->finished_at, at_ms(kBaseMs + 10));

  auto runs = store_->list_node_runs(kWs, "ex_1");
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 1u);
  const NodeRunRecord& back = runs->front();
  EXPECT_EQ(back.node_id, "ask");
  EXPECT_EQ(back.type, "llm");
  EXPECT_EQ(back.status, "succeeded");
  EXPECT_EQ(back.attempts, 2);
  EXPECT_EQ(back.started_at, run.started_at);
  EXPECT_EQ(back.finished_at, run.finished_at);
  EXPECT_EQ(back.output, run.output);
  EXPECT_TRUE(back.error.is_null());
  EXPECT_EQ(back.logs, run.logs);
  EXPECT_EQ(back.handles, run.handles);
}

TEST_F(ExecutionsTest, DoneRunsAfterTheCommitWithTheDataVisible) {
  std::promise<bool> seen;
  auto result = seen.get_future();
  Store& store = *store_;
  store.write({CreateExecution{make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs))}},
              [&](Status status) {
                // On the writer thread, after COMMIT: another connection sees the row.
                seen.set_value(status.ok() && store.get_execution(kWs, "ex_1").ok());
              });
  EXPECT_TRUE(result.get());
}

TEST_F(ExecutionsTest, SavingANodeRunAgainReplacesIt) {
  testing::add_execution(*store_, make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs)));
  NodeRunRecord run = make_node_run(kWs, "ex_1", "ask", "running", at_ms(kBaseMs));
  ASSERT_TRUE(testing::write_and_wait(*store_, {SaveNodeRun{run}}).ok());
  run.status = "succeeded";
  run.attempts = 3;
  run.output = "done";
  ASSERT_TRUE(testing::write_and_wait(*store_, {SaveNodeRun{run}}).ok());

  auto runs = store_->list_node_runs(kWs, "ex_1");
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ(runs->front().status, "succeeded");
  EXPECT_EQ(runs->front().attempts, 3);
  EXPECT_EQ(runs->front().output, "done");
}

TEST_F(ExecutionsTest, NodeRunsComeInStartOrderWithSkippedOnesLast) {
  std::vector<Write> writes{CreateExecution{make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs))}};
  writes.push_back(SaveNodeRun{make_node_run(kWs, "ex_1", "z_skipped", "skipped", std::nullopt)});
  writes.push_back(
      SaveNodeRun{make_node_run(kWs, "ex_1", "late", "succeeded", at_ms(kBaseMs + 20))});
  writes.push_back(SaveNodeRun{make_node_run(kWs, "ex_1", "b", "succeeded", at_ms(kBaseMs + 10))});
  writes.push_back(SaveNodeRun{make_node_run(kWs, "ex_1", "a", "succeeded", at_ms(kBaseMs + 10))});
  writes.push_back(SaveNodeRun{make_node_run(kWs, "ex_1", "a_skipped", "skipped", std::nullopt)});
  ASSERT_TRUE(testing::write_and_wait(*store_, std::move(writes)).ok());

  auto runs = store_->list_node_runs(kWs, "ex_1");
  ASSERT_TRUE(runs.ok());
  std::vector<std::string> order;
  for (const NodeRunRecord& run : *runs) {
    order.push_back(run.node_id);
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a", "b", "late", "a_skipped", "z_skipped"}));
}

TEST_F(ExecutionsTest, ABadBatchFailsAloneAndLeavesNoTrace) {
  testing::add_execution(*store_, make_execution(kWs, "ex_taken", "pl_1", at_ms(kBaseMs)));
  std::promise<Status> bad_done;
  std::promise<Status> good_done;
  auto bad = bad_done.get_future();
  auto good = good_done.get_future();
  // Queued back to back, these usually share one transaction.
  store_->write({CreateExecution{make_execution(kWs, "ex_new", "pl_1", at_ms(kBaseMs))},
                 CreateExecution{make_execution(kWs, "ex_taken", "pl_1", at_ms(kBaseMs))}},
                [&](Status status) { bad_done.set_value(std::move(status)); });
  store_->write({CreateExecution{make_execution(kWs, "ex_ok", "pl_1", at_ms(kBaseMs))}},
                [&](Status status) { good_done.set_value(std::move(status)); });
  const Status bad_status = bad.get();
  ASSERT_FALSE(bad_status.ok());
  EXPECT_EQ(bad_status.error().code, ErrorCode::conflict);
  EXPECT_EQ(bad_status.error().message, "execution `ex_taken` already exists");
  EXPECT_TRUE(good.get().ok());
  // The bad batch is all or nothing.
  EXPECT_EQ(store_->get_execution(kWs, "ex_new").error().code, ErrorCode::not_found);
  EXPECT_TRUE(store_->get_execution(kWs, "ex_ok").ok());
}

TEST_F(ExecutionsTest, FinishingAnUnknownExecutionIsNotFound) {
  auto status =
      testing::write_and_wait(*store_, {make_finish(kWs, "ex_nope", "succeeded", at_ms(kBaseMs))});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::not_found);
}

TEST_F(ExecutionsTest, UnknownExecutionIsNotFound) {
  auto got = store_->get_execution(kWs, "ex_nope");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, ErrorCode::not_found);
  EXPECT_EQ(got.error().message, "no execution `ex_nope`");
}

TEST_F(ExecutionsTest, ListFiltersByPipelineStatusAndTime) {
  std::vector<Write> writes;
  for (int i = 0; i < 12; ++i) {
    writes.push_back(CreateExecution{
        make_execution(kWs, "ex_" + std::to_string(i), i % 2 == 0 ? "pl_even" : "pl_odd",
                       at_ms(kBaseMs + i * 1000), i % 3 == 0 ? "failed" : "succeeded")});
  }
  ASSERT_TRUE(testing::write_and_wait(*store_, std::move(writes)).ok());
  auto ids = [&](ExecutionFilter filter) {
    std::vector<std::string> found;
    auto page = store_->list_executions(kWs, filter);
    EXPECT_TRUE(page.ok());
    for (const ExecutionRecord& record : page->items) {
      found.push_back(record.id);
    }
    return found;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(ids({.pipeline_id = "pl_odd"}), (Ids{"ex_11", "ex_9", "ex_7", "ex_5", "ex_3", "ex_1"}));
  EXPECT_EQ(ids({.status = "failed"}), (Ids{"ex_9", "ex_6", "ex_3", "ex_0"}));
  EXPECT_EQ(ids({.pipeline_id = "pl_even", .status = "failed"}), (Ids{"ex_6", "ex_0"}));
  EXPECT_EQ(ids({.from = at_ms(kBaseMs + 3000), .to = at_ms(kBaseMs + 6000)}),
            (Ids{"ex_5", "ex_4", "ex_3"}));
  EXPECT_EQ(ids({.pipeline_id = "pl_even", .from = at_ms(kBaseMs + 9000)}), (Ids{"ex_10"}));
  EXPECT_TRUE(ids({.pipeline_id = "pl_none"}).empty());
}

TEST_F(ExecutionsTest, CursorPagingWalksEveryExecutionOnceNewestFirst) {
  std::vector<Write> writes;
  for (int i = 0; i < 120; ++i) {
    // Pairs share a millisecond, so the id breaks ties.
    writes.push_back(CreateExecution{
        make_execution(kWs, "ex_" + std::to_string(1000 + i), "pl_1", at_ms(kBaseMs + i / 2))});
  }
  ASSERT_TRUE(testing::write_and_wait(*store_, std::move(writes)).ok());

  std::vector<std::size_t> sizes;
  std::vector<ExecutionRecord> all;
  ExecutionFilter filter{.limit = 50};
  for (int guard = 0; guard < 10; ++guard) {
    auto page = store_->list_executions(kWs, filter);
    ASSERT_TRUE(page.ok()) << page.error().message;
    sizes.push_back(page->items.size());
    all.insert(all.end(), page->items.begin(), page->items.end());
    if (page->next_cursor.empty()) {
      break;
    }
    filter.cursor = page->next_cursor;
  }
  EXPECT_EQ(sizes, (std::vector<std::size_t>{50, 50, 20}));
  std::set<std::string> unique;
  for (const ExecutionRecord& record : all) {
    unique.insert(record.id);
  }
  EXPECT_EQ(unique.size(), 120u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return std::tie(a.created_at, a.id) > std::tie(b.created_at, b.id);
  }));
  EXPECT_EQ(all.front().id, "ex_1119");
  EXPECT_EQ(all.back().id, "ex_1000");
}

TEST_F(ExecutionsTest, AnExactlyFullLastPageHasNoNextCursor) {
  for (int i = 0; i < 4; ++i) {
    testing::add_execution(
        *store_, make_execution(kWs, "ex_" + std::to_string(i), "pl_1", at_ms(kBaseMs + i)));
  }
  auto page = store_->list_executions(kWs, {.limit = 2});
  ASSERT_TRUE(page.ok());
  ASSERT_FALSE(page->next_cursor.empty());
  auto last = store_->list_executions(kWs, {.cursor = page->next_cursor, .limit = 2});
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->items.size(), 2u);
  EXPECT_TRUE(last->next_cursor.empty());
}

TEST_F(ExecutionsTest, ABadCursorIsAnInvalidArgument) {
  for (const std::string cursor : {"garbage", "12:", ":ex_1", "12x:ex_1", "12:ex 1"}) {
    auto page = store_->list_executions(kWs, {.cursor = cursor});
    ASSERT_FALSE(page.ok()) << cursor;
    EXPECT_EQ(page.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(page.error().message, "bad cursor");
  }
}

TEST_F(ExecutionsTest, TheLimitIsClampedTo1Through200) {
  std::vector<Write> writes;
  for (int i = 0; i < 205; ++i) {
    writes.push_back(CreateExecution{
        make_execution(kWs, "ex_" + std::to_string(i), "pl_1", at_ms(kBaseMs + i))});
  }
  ASSERT_TRUE(testing::write_and_wait(*store_, std::move(writes)).ok());
  EXPECT_EQ(store_->list_executions(kWs, {.limit = 0})->items.size(), 1u);
  EXPECT_EQ(store_->list_executions(kWs, {.limit = -5})->items.size(), 1u);
  EXPECT_EQ(store_->list_executions(kWs, {.limit = 1000})->items.size(), 200u);
}

}  // namespace
}  // namespace weft::store
