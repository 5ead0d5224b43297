// The run-event hub: replay from the journal after a sequence number, live
// delivery in order, workspace isolation, bounded journals.
#include "api/ws/run_hub.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include "common/ids.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::api {
namespace {

/// Collects what the hub delivers, parsed.
class Collector final : public HubClient {
 public:
  void deliver(std::shared_ptr<const std::string> frame) override {
    std::lock_guard lock(mutex_);
    frames_.push_back(parse_json(*frame).value().as_object());
  }
  std::vector<json::object> frames() const {
    std::lock_guard lock(mutex_);
    return frames_;
  }
  std::vector<std::int64_t> seqs() const {
    std::vector<std::int64_t> out;
    for (const auto& frame : frames()) {
      if (const auto* seq = frame.if_contains("seq")) {
        out.push_back(seq->as_int64());
      }
    }
    return out;
  }

 private:
  mutable std::mutex mutex_;  // guards frames_
  std::vector<json::object> frames_;
};

class RunHubTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / new_id("hubtest");
    store_ = std::move(store::open_sqlite_store(dir_.string()).value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  static engine::Event event(std::uint64_t seq, std::string type, std::string node = "n") {
    return {seq, std::move(type), "ex_1", std::move(node), {}, std::chrono::system_clock::now()};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  const runs::RunInfo run_{"ws_a", "ex_1", "p"};
};

TEST_F(RunHubTest, ASubscriberGetsWhatFollowsItsSequenceNumberThenLiveEventsInOrder) {
  RunHub hub(*store_);
  hub.run_started(run_);
  for (std::uint64_t seq = 1; seq <= 3; ++seq) {
    hub.run_event(run_, event(seq, "node.log"));
  }
  auto client = std::make_shared<Collector>();
  ASSERT_TRUE(hub.subscribe(client, "ws_a", "ex_1", 1));
  hub.run_event(run_, event(4, "node.finished"));
  EXPECT_EQ(client->seqs(), (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(client->frames().back().at("type").as_string(), "node.finished");
}

TEST_F(RunHubTest, AnotherWorkspaceCannotSubscribe) {
  RunHub hub(*store_);
  hub.run_started(run_);
  auto client = std::make_shared<Collector>();
  auto refused = hub.subscribe(client, "ws_b", "ex_1", 0);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_TRUE(client->frames().empty());
}

TEST_F(RunHubTest, TokensPastTheLimitAreNotJournaledButEveryOtherEventIs) {
  RunHub hub(*store_, {.max_events_per_run = 5});
  hub.run_started(run_);
  auto live = std::make_shared<Collector>();
  ASSERT_TRUE(hub.subscribe(live, "ws_a", "ex_1", 0));
  std::uint64_t seq = 0;
  for (int i = 0; i < 10; ++i) {
    hub.run_event(run_, event(++seq, "node.token"));
  }
  hub.run_event(run_, event(++seq, "node.finished"));
  EXPECT_EQ(live->seqs().size(), 11u) << "live clients get every token";
  auto late = std::make_shared<Collector>();
  ASSERT_TRUE(hub.subscribe(late, "ws_a", "ex_1", 0));
  EXPECT_EQ(late->seqs(), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 11}));
}

TEST_F(RunHubTest, FollowedJournalsAreKeptUpToTheLimitThenDropped) {
  RunHub hub(*store_, {.max_kept_runs = 2});
  auto client = std::make_shared<Collector>();
  for (int i = 0; i < 3; ++i) {
    const runs::RunInfo run{"ws_a", "ex_" + std::to_string(i), "p"};
    hub.run_started(run);
    ASSERT_TRUE(hub.subscribe(client, "ws_a", run.execution_id, 0));
    hub.unsubscribe(client.get(), run.execution_id);  // gone before the end, back later
    hub.run_finished(run, "succeeded");
  }
  EXPECT_EQ(hub.journal_count(), 2u);
}

TEST_F(RunHubTest, AJournalNobodyFollowedEndsWithItsRun) {
  RunHub hub(*store_);
  hub.run_started(run_);
  hub.run_event(run_, event(1, "run.started"));
  EXPECT_EQ(hub.journal_count(), 1u) << "a late subscriber may still come while it runs";
  hub.run_finished(run_, "succeeded");
  EXPECT_EQ(hub.journal_count(), 0u) << "the store tells a finished run";
}

TEST_F(RunHubTest, TheFeedCarriesStatusChangesOfItsWorkspaceOnly) {
  RunHub hub(*store_);
  auto mine = std::make_shared<Collector>();
  auto theirs = std::make_shared<Collector>();
  hub.subscribe_feed(mine, "ws_a");
  hub.subscribe_feed(theirs, "ws_b");
  hub.run_started(run_);
  hub.run_finished(run_, "failed");
  ASSERT_EQ(mine->frames().size(), 2u);
  EXPECT_EQ(mine->frames()[1].at("status").as_string(), "failed");
  EXPECT_TRUE(theirs->frames().empty());
}

TEST_F(RunHubTest, ARemovedClientGetsNothingMore) {
  RunHub hub(*store_);
  hub.run_started(run_);
  auto client = std::make_shared<Collector>();
  ASSERT_TRUE(hub.subscribe(client, "ws_a", "ex_1", 0));
  hub.remove(client.get());
  hub.run_event(run_, event(1, "node.started"));
  EXPECT_TRUE(client->frames().empty());
}

TEST_F(RunHubTest, AFollowerOfAQueuedRunHearsItEndWhenItIsCancelledBeforeItStarts) {
  RunHub hub(*store_, {.max_kept_runs = 1});
  store::ExecutionRecord queued;
  queued.workspace_id = "ws_a";
  queued.id = "ex_1";
  queued.pipeline_id = "p";
  queued.pipeline_version = 1;
  queued.status = "queued";
  queued.inputs = json::object{};
  queued.created_at = std::chrono::system_clock::now();
  store_->write({store::CreateExecution{queued}}, nullptr);
  store_->flush();
  auto client = std::make_shared<Collector>();
  ASSERT_TRUE(hub.subscribe(client, "ws_a", "ex_1", 0));
  EXPECT_TRUE(client->frames().empty());
  hub.run_finished(run_, "cancelled");
  ASSERT_EQ(client->frames().size(), 1u);
  EXPECT_EQ(client->frames()[0].at("type").as_string(), "run.finished");
  EXPECT_EQ(client->frames()[0].at("data").at("status").as_string(), "cancelled");
  EXPECT_EQ(client->seqs(), std::vector<std::int64_t>{1});
  // Its journal is kept like any finished one that was followed, within the bounds.
  const runs::RunInfo other{"ws_a", "ex_2", "p"};
  hub.run_started(other);
  ASSERT_TRUE(hub.subscribe(client, "ws_a", "ex_2", 0));
  hub.run_finished(other, "succeeded");
  EXPECT_EQ(hub.journal_count(), 1u);
}

}  // namespace
}  // namespace weft::api
