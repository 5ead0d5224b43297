// The group-commit writer under load (src/store/sqlite/writer.cpp): many
// producers, readers alongside, backpressure, draining at close.

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

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
constexpr int kNodesPerRun = 5;

/// Writes one run the way the engine does: created, each node, finished.
void write_run(Store& store, const std::string& id, std::int64_t ms, std::atomic<int>& failures,
               std::atomic<int>& dones) {
  auto count = [&](Status status) {
    if (!status.ok()) {
      failures.fetch_add(1);
    }
    dones.fetch_add(1);
  };
  store.write({CreateExecution{make_execution(kWs, id, "pl_load", at_ms(ms))}}, count);
  for (int node = 0; node < kNodesPerRun; ++node) {
    store.write({SaveNodeRun{make_node_run(kWs, id, "n" + std::to_string(node), "succeeded",
                                           at_ms(ms + node))}},
                count);
  }
  store.write({make_finish(kWs, id, "succeeded", at_ms(ms + kNodesPerRun))}, count);
}

TEST(GroupCommitWriter, ManyConcurrentRunsAreAllStoredWhileOthersRead) {
  constexpr int kThreads = 64;
  constexpr int kRunsPerThread = 200;
  TempDir dir;
  auto store = testing::open_store(dir.path());
  ASSERT_NE(store, nullptr);

  std::atomic<int> failures{0};
  std::atomic<int> dones{0};
  std::atomic<int> read_errors{0};
  std::atomic<bool> writing{true};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      while (writing.load()) {
        auto page = store->list_executions(kWs, {.pipeline_id = "pl_load", .limit = 20});
        if (!page.ok()) {
          read_errors.fetch_add(1);
          continue;
        }
        for (const ExecutionRecord& record : page->items) {
          if (!store->get_execution(kWs, record.id).ok() ||
              !store->list_node_runs(kWs, record.id).ok()) {
            read_errors.fetch_add(1);
          }
        }
        if (!store->list_pipelines(kWs).ok()) {
          read_errors.fetch_add(1);
        }
      }
    });
  }
  std::vector<std::thread> producers;
  for (int t = 0; t < kThreads; ++t) {
    producers.emplace_back([&, t] {
      for (int run = 0; run < kRunsPerThread; ++run) {
        const std::string id = "ex_" + std::to_string(t) + "_" + std::to_string(run);
        write_run(*store, id, kBaseMs + run * 10, failures, dones);
      }
    });
  }
  for (std::thread& producer : producers) {
    producer.join();
  }
  store->flush();
  writing.store(false);
  for (std::thread& reader : readers) {
    reader.join();
  }

  const int runs = kThreads * kRunsPerThread;
  EXPECT_EQ(dones.load(), runs * (kNodesPerRun + 2));
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_EQ(testing::count_rows(dir.db_path(), "executions"), runs);
  EXPECT_EQ(testing::count_rows(dir.db_path(), "executions WHERE status = 'succeeded'"), runs);
  EXPECT_EQ(testing::count_rows(dir.db_path(), "node_runs"), runs * kNodesPerRun);
  store.reset();
  EXPECT_EQ(testing::query_column(dir.db_path(), "PRAGMA integrity_check"),
            std::vector<std::string>{"ok"});
}

TEST(GroupCommitWriter, ATinyQueueHoldsProducersBackButLosesNothing) {
  TempDir dir;
  auto store = testing::open_store(dir.path(), {.queue_limit = 8, .batch_limit = 3});
  ASSERT_NE(store, nullptr);
  std::atomic<int> failures{0};
  std::atomic<int> dones{0};
  std::vector<std::thread> producers;
  for (int t = 0; t < 8; ++t) {
    producers.emplace_back([&, t] {
      for (int run = 0; run < 25; ++run) {
        write_run(*store, "ex_" + std::to_string(t) + "_" + std::to_string(run), kBaseMs + run,
                  failures, dones);
      }
    });
  }
  // A batch bigger than the whole queue still gets in (alone).
  std::vector<Write> big;
  for (int i = 0; i < 20; ++i) {
    big.push_back(CreateExecution{
        make_execution(kWs, "ex_big_" + std::to_string(i), "pl_big", at_ms(kBaseMs))});
  }
  EXPECT_TRUE(testing::write_and_wait(*store, std::move(big)).ok());
  for (std::thread& producer : producers) {
    producer.join();
  }
  store->flush();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(dones.load(), 8 * 25 * (kNodesPerRun + 2));
  EXPECT_EQ(testing::count_rows(dir.db_path(), "executions"), 8 * 25 + 20);
}

TEST(GroupCommitWriter, ADoneThatWritesAgainDoesNotDeadlock) {
  TempDir dir;
  auto store = testing::open_store(dir.path(), {.queue_limit = 1, .batch_limit = 1});
  ASSERT_NE(store, nullptr);
  std::promise<Status> second;
  auto result = second.get_future();
  Store& s = *store;
  s.write({CreateExecution{make_execution(kWs, "ex_1", "pl_1", at_ms(kBaseMs))}},
          [&](Status first) {
            EXPECT_TRUE(first.ok());
            // Fills the queue from the writer thread itself.
            s.write({make_finish(kWs, "ex_1", "succeeded", at_ms(kBaseMs + 1))},
                    [&](Status status) { second.set_value(std::move(status)); });
            s.write({SaveNodeRun{make_node_run(kWs, "ex_1", "a", "succeeded", at_ms(kBaseMs))}},
                    nullptr);
          });
  ASSERT_TRUE(result.get().ok());
  s.flush();
  EXPECT_EQ(s.get_execution(kWs, "ex_1")->status, "succeeded");
  EXPECT_EQ(s.list_node_runs(kWs, "ex_1")->size(), 1u);
}

TEST(GroupCommitWriter, ClosingTheStoreCommitsWhatIsQueued) {
  TempDir dir;
  std::atomic<int> failures{0};
  std::atomic<int> dones{0};
  {
    auto store = testing::open_store(dir.path());
    ASSERT_NE(store, nullptr);
    for (int run = 0; run < 300; ++run) {
      write_run(*store, "ex_" + std::to_string(run), kBaseMs + run, failures, dones);
    }
  }  // no flush: the destructor drains
  EXPECT_EQ(dones.load(), 300 * (kNodesPerRun + 2));
  EXPECT_EQ(failures.load(), 0);
  auto store = testing::open_store(dir.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->list_executions(kWs, {.limit = 200})->items.size(), 200u);
  EXPECT_EQ(testing::count_rows(dir.db_path(), "node_runs"), 300 * kNodesPerRun);
}

TEST(GroupCommitWriter, FlushWithNothingQueuedReturns) {
  TempDir dir;
  auto store = testing::open_store(dir.path());
  ASSERT_NE(store, nullptr);
  store->flush();
  store->write({}, nullptr);
  store->flush();
}

}  // namespace
}  // namespace weft::store
