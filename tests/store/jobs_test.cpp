// The job queue's lease rules: a live worker's job is not taken, an expired
// one is taken over once and only its new holder can record its result;
// priority first, FIFO within one; a pipeline's and a workspace's run limits
// hold; a cancel request reaches the holder, or whoever takes the job over.

#include <gtest/gtest.h>

#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::at_ms;
using testing::kBaseMs;
using testing::make_execution;
using testing::TempDir;

const std::string kWs(kDefaultWorkspace);

class JobsTest : public ::testing::Test {
 protected:
  void enqueue(const std::string& id, const std::string& pipeline = "pl_1",
               std::int64_t priority = 0, std::optional<std::int64_t> limit = std::nullopt) {
    ExecutionRecord execution = make_execution(kWs, id, pipeline, at_ms(kBaseMs));
    execution.status = "queued";
    EnqueueJob job{kWs, id, pipeline, priority, limit, json::object{{"id", id}}, std::nullopt, {}};
    store_->write({CreateExecution{execution}, job}, nullptr);
    store_->flush();
  }

  std::vector<std::string> lease(const std::string& owner, std::size_t max, std::int64_t now_ms,
                                 std::int64_t lease_ms = 1000) {
    auto leased = store_->lease_jobs(owner, max, at_ms(now_ms), at_ms(now_ms + lease_ms));
    EXPECT_TRUE(leased.ok()) << leased.error().message;
    std::vector<std::string> ids;
    for (const auto& job : *leased) {
      ids.push_back(job.execution_id);
      generations_[job.execution_id] = job.generation;
      EXPECT_EQ(job.payload, (json::object{{"id", job.execution_id}}));
    }
    return ids;
  }

  Status ack(const std::string& id, const std::string& owner, std::int64_t generation) {
    Status result = Ok{};
    store_->write({AckJob{id, owner, generation}}, [&](Status s) { result = std::move(s); });
    store_->flush();
    return result;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_ = testing::open_store(dir_.path());
  std::map<std::string, std::int64_t> generations_;
};

TEST_F(JobsTest, HigherPriorityFirstThenFirstInFirstOut) {
  enqueue("ex_a");
  enqueue("ex_b", "pl_1", 5);
  enqueue("ex_c");
  enqueue("ex_d", "pl_1", 5);
  EXPECT_EQ(lease("w1", 10, kBaseMs), (std::vector<std::string>{"ex_b", "ex_d", "ex_a", "ex_c"}));
  EXPECT_TRUE(lease("w2", 10, kBaseMs).empty());
}

TEST_F(JobsTest, ALiveLeaseIsNotTakenAnExpiredOneIsTakenOverOnce) {
  enqueue("ex_a");
  ASSERT_EQ(lease("w1", 1, kBaseMs, 1000), std::vector<std::string>{"ex_a"});
  const auto first = generations_["ex_a"];
  EXPECT_TRUE(lease("w2", 1, kBaseMs + 999).empty());  // still w1's
  // w1 renews in time: still not takeable after the first expiry.
  ASSERT_EQ(*store_->renew_leases("w1", at_ms(kBaseMs + 3000)), 1);
  EXPECT_TRUE(lease("w2", 1, kBaseMs + 2000).empty());
  // w1 dies; after its lease ends, one worker takes the job, once.
  EXPECT_EQ(lease("w2", 1, kBaseMs + 3001), std::vector<std::string>{"ex_a"});
  EXPECT_TRUE(lease("w3", 1, kBaseMs + 3002).empty());
  EXPECT_GT(generations_["ex_a"], first);
  // The old holder's result is refused (fencing); the new holder's counts.
  EXPECT_FALSE(ack("ex_a", "w1", first).ok());
  EXPECT_TRUE(ack("ex_a", "w2", generations_["ex_a"]).ok());
  EXPECT_TRUE(lease("w3", 1, kBaseMs + 10'000).empty());
}

TEST_F(JobsTest, APipelinesRunLimitHoldsAcrossWorkers) {
  for (const char* id : {"ex_1", "ex_2", "ex_3", "ex_4", "ex_5"}) {
    enqueue(id, "pl_slow", 0, 2);
  }
  enqueue("ex_other", "pl_fast");
  EXPECT_EQ(lease("w1", 1, kBaseMs), std::vector<std::string>{"ex_1"});
  EXPECT_EQ(lease("w2", 10, kBaseMs), (std::vector<std::string>{"ex_2", "ex_other"}));
  EXPECT_TRUE(lease("w3", 10, kBaseMs).empty());
  ASSERT_TRUE(ack("ex_1", "w1", generations_["ex_1"]).ok());
  EXPECT_EQ(lease("w3", 10, kBaseMs), std::vector<std::string>{"ex_3"});
}

TEST_F(JobsTest, AWorkspacesRunLimitHoldsAcrossItsPipelinesOnly) {
  ASSERT_TRUE(
      store_->put_workspace_setting(kWs, "runs", json::object{{"run_concurrency", 2}}).ok());
  enqueue("ex_1", "pl_a");
  enqueue("ex_2", "pl_b");
  enqueue("ex_3", "pl_c");
  EXPECT_EQ(lease("w1", 10, kBaseMs), (std::vector<std::string>{"ex_1", "ex_2"}));
  EXPECT_TRUE(lease("w2", 10, kBaseMs).empty());
  // Another workspace is not held back by this one's limit.
  ExecutionRecord other = make_execution("ws_other", "ex_x", "pl_a", at_ms(kBaseMs));
  other.status = "queued";
  store_->write({CreateExecution{other}, EnqueueJob{"ws_other",
                                                    "ex_x",
                                                    "pl_a",
                                                    0,
                                                    std::nullopt,
                                                    json::object{{"id", "ex_x"}},
                                                    std::nullopt,
                                                    {}}},
                nullptr);
  store_->flush();
  EXPECT_EQ(lease("w2", 10, kBaseMs), std::vector<std::string>{"ex_x"});
  // A finished run, an expired lease and a lifted limit each make room.
  ASSERT_TRUE(ack("ex_1", "w1", generations_["ex_1"]).ok());
  EXPECT_EQ(lease("w2", 10, kBaseMs), std::vector<std::string>{"ex_3"});
  ASSERT_TRUE(
      store_->put_workspace_setting(kWs, "runs", json::object{{"run_concurrency", nullptr}}).ok());
  enqueue("ex_4", "pl_a");
  EXPECT_EQ(lease("w3", 10, kBaseMs), std::vector<std::string>{"ex_4"});
}

TEST_F(JobsTest, ACancelRequestReachesTheHolderOrWhoeverTakesTheJobOver) {
  enqueue("ex_held");
  enqueue("ex_waiting");
  lease("w1", 1, kBaseMs);
  EXPECT_FALSE(*store_->request_job_cancel(kWs, "ex_waiting"));  // not held: removed instead
  EXPECT_FALSE(*store_->request_job_cancel("ws_other", "ex_held"));
  EXPECT_TRUE(store_->jobs_to_cancel("w1")->empty());
  EXPECT_TRUE(*store_->request_job_cancel(kWs, "ex_held"));
  auto marked = store_->jobs_to_cancel("w1");
  ASSERT_TRUE(marked.ok());
  ASSERT_EQ(marked->size(), 1u);
  EXPECT_EQ((*marked)[0].workspace_id, kWs);
  EXPECT_EQ((*marked)[0].execution_id, "ex_held");
  EXPECT_TRUE(store_->jobs_to_cancel("w2")->empty());
  // w1 dies: the worker that takes the job over learns it was to be cancelled.
  auto taken = store_->lease_jobs("w2", 10, at_ms(kBaseMs + 5000), at_ms(kBaseMs + 6000));
  ASSERT_TRUE(taken.ok());
  ASSERT_EQ(taken->size(), 2u);
  EXPECT_EQ((*taken)[0].execution_id, "ex_held");
  EXPECT_TRUE((*taken)[0].cancel_requested);
  EXPECT_FALSE((*taken)[1].cancel_requested);
}

TEST_F(JobsTest, QueueCountsPositionsAndRemovingAWaitingJob) {
  enqueue("ex_a", "pl_1");
  enqueue("ex_b", "pl_2");
  enqueue("ex_c", "pl_1");
  lease("w1", 1, kBaseMs, 1'000'000'000'000);  // ex_a, running for a long while
  EXPECT_EQ(*store_->queue_position(kWs, "ex_b"), 1);
  EXPECT_EQ(*store_->queue_position(kWs, "ex_c"), 2);
  EXPECT_EQ(*store_->queue_position(kWs, "ex_a"), std::nullopt);  // running
  EXPECT_EQ(*store_->queue_position("ws_other", "ex_b"), std::nullopt);
  auto counts = store_->queue_counts(kWs);
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 2u);
  EXPECT_EQ((*counts)[0].pipeline_id, "pl_1");
  EXPECT_EQ((*counts)[0].queued, 1);
  EXPECT_EQ((*counts)[0].running, 1);
  EXPECT_EQ((*counts)[1].queued, 1);
  EXPECT_TRUE(store_->queue_counts("ws_other")->empty());
  EXPECT_FALSE(*store_->remove_waiting_job("ws_other", "ex_b"));
  EXPECT_FALSE(*store_->remove_waiting_job(kWs, "ex_a"));  // leased: not waiting
  EXPECT_TRUE(*store_->remove_waiting_job(kWs, "ex_b"));
  EXPECT_EQ(*store_->queue_position(kWs, "ex_c"), 1);
}

TEST_F(JobsTest, ExecutionsWithAJobAreNotMarkedInterrupted) {
  enqueue("ex_queued");
  ExecutionRecord orphan = make_execution(kWs, "ex_orphan", "pl_1", at_ms(kBaseMs));
  orphan.status = "running";
  store_->write({CreateExecution{orphan}}, nullptr);
  EXPECT_EQ(*store_->interrupt_unfinished(), 1);
  EXPECT_EQ(store_->get_execution(kWs, "ex_orphan")->status, "interrupted");
  EXPECT_EQ(store_->get_execution(kWs, "ex_queued")->status, "queued");
}

}  // namespace
}  // namespace weft::store
