// The scheduler against the real store (issue 12): three schedulers on one
// database fire each tick once; missed ticks are skipped or run once.

#include "triggers/scheduler.hpp"

#include <date/date.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "store/sqlite/sqlite_store.hpp"

namespace weft::triggers {
namespace {

using namespace std::chrono;
constexpr std::string_view kWs = store::kDefaultWorkspace;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "weft_sched_XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

store::Time utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return store::Time(date::sys_days(date::year(y) / mo / d) + hours(h) + minutes(mi) + seconds(s));
}

class SchedulerTest : public ::testing::Test {
 protected:
  std::unique_ptr<store::Store> open() {
    auto store = store::open_sqlite_store(dir_.path());
    EXPECT_TRUE(store.ok());
    return std::move(*store);
  }

  /// A schedule of a new pipeline, waiting for its first tick after `from`.
  store::TriggerRecord add_schedule(store::Store& store, std::string cron, std::string missed,
                                    store::Time from) {
    store::PipelineRecord pipeline;
    pipeline.name = "p";
    pipeline.definition = json::object{{"nodes", json::array{}}};
    auto created = store.create_pipeline(kWs, pipeline);
    EXPECT_TRUE(created.ok());
    store::TriggerRecord record;
    record.workspace_id = std::string(kWs);
    record.id = "trg_" + created->id;
    record.pipeline_id = created->id;
    record.kind = "schedule";
    record.config = json::object{{"cron", cron}, {"timezone", "UTC"}, {"missed", missed}};
    record.inputs = json::object{};
    Problems problems;
    record.next_fire_at = next_fire(*parse_schedule(record.config, problems), from);
    record.created_at = from;
    auto trigger = store.triggers().create_trigger(record);
    EXPECT_TRUE(trigger.ok()) << (trigger.ok() ? "" : trigger.error().message);
    return *trigger;
  }

  TempDir dir_;
};

TEST_F(SchedulerTest, ThreeSchedulersOnOneDatabaseFireEachTickOnce) {
  const store::Time start = utc(2026, 12, 8, 9, 0, 0);
  std::vector<std::unique_ptr<store::Store>> stores;
  for (int i = 0; i < 3; ++i) {
    stores.push_back(open());
  }
  add_schedule(*stores[0], "* * * * * *", "skip", start);  // every second

  std::mutex mutex;
  std::vector<store::Time> fired;
  std::vector<std::unique_ptr<Scheduler>> schedulers;
  for (auto& store : stores) {
    schedulers.push_back(std::make_unique<Scheduler>(
        store->triggers(),
        [&](const store::TriggerRecord&, store::Time tick) -> Result<std::string> {
          std::lock_guard lock(mutex);
          fired.push_back(tick);
          return std::string("ex_") + std::to_string(fired.size());
        }));
  }
  // Each of 60 ticks: the three processes look at once, a few ms apart in any order.
  std::mt19937 random(7);
  for (int second = 1; second <= 60; ++second) {
    const store::Time now = start + seconds(second);
    std::vector<std::thread> passes;
    for (auto& scheduler : schedulers) {
      const auto late = milliseconds(random() % 20);
      passes.emplace_back(
          [&scheduler, now, late] { ASSERT_TRUE(scheduler->tick(now + late).ok()); });
    }
    for (auto& pass : passes) {
      pass.join();
    }
  }
  std::sort(fired.begin(), fired.end());
  ASSERT_EQ(fired.size(), 60u);
  for (int second = 1; second <= 60; ++second) {
    EXPECT_EQ(fired[static_cast<std::size_t>(second - 1)], start + seconds(second));
  }
  auto trigger = stores[1]->triggers().list_triggers(kWs, std::nullopt);
  ASSERT_TRUE(trigger.ok());
  EXPECT_EQ(trigger->front().fire_count, 60);
  EXPECT_EQ(trigger->front().next_fire_at, start + seconds(61));
}

TEST_F(SchedulerTest, MissedTicksAreSkippedOrRunOnceAfterDowntime) {
  const store::Time start = utc(2026, 12, 8, 9, 0, 0);
  auto store = open();
  const auto skip = add_schedule(*store, "*/10 * * * *", "skip", start);
  const auto once = add_schedule(*store, "*/10 * * * *", "run_once", start);
  std::vector<std::pair<std::string, store::Time>> fired;
  Scheduler scheduler(store->triggers(), [&](const store::TriggerRecord& t, store::Time tick) {
    fired.emplace_back(t.id, tick);
    return Result<std::string>(std::string("ex"));
  });
  // The server was down from 09:00 to 11:05: twelve ticks went by.
  const store::Time back = start + hours(2) + minutes(5);
  ASSERT_EQ(*scheduler.tick(back), 1);
  ASSERT_EQ(fired.size(), 1u);
  EXPECT_EQ(fired[0].first, once.id);
  EXPECT_EQ(fired[0].second, start + hours(2));  // the last missed tick, 11:00
  for (const auto& id : {skip.id, once.id}) {
    auto record = store->triggers().get_trigger(kWs, id);
    EXPECT_EQ(record->next_fire_at, start + hours(2) + minutes(10)) << id;
  }
  // Then each fires on time again.
  EXPECT_EQ(*scheduler.tick(start + hours(2) + minutes(10)), 2);
}

TEST_F(SchedulerTest, APausedScheduleDoesNotFireAndAFailedFireIsShown) {
  const store::Time start = utc(2026, 12, 8, 9, 0, 0);
  auto store = open();
  auto trigger = add_schedule(*store, "0 * * * *", "skip", start);
  Scheduler scheduler(store->triggers(), [](const store::TriggerRecord&, store::Time) {
    return Result<std::string>(Error::make(ErrorCode::not_found, "no pipeline `p`"));
  });
  EXPECT_EQ(*scheduler.tick(start + hours(1)), 0);
  auto failed = store->triggers().get_trigger(kWs, trigger.id);
  EXPECT_EQ(failed->last_error, "no pipeline `p`");
  EXPECT_EQ(failed->fire_count, 0);

  failed->enabled = false;
  failed->next_fire_at.reset();
  ASSERT_TRUE(store->triggers().update_trigger(*failed, start).ok());
  EXPECT_EQ(*scheduler.tick(start + hours(5)), 0);
  EXPECT_EQ(*store->triggers().next_schedule_tick(), std::nullopt);
}

}  // namespace
}  // namespace weft::triggers
