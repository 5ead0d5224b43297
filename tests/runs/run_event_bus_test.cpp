// The in-process run event bus: every subscriber hears every message, in the
// order published, until it unsubscribes.
#include "runs/run_event_bus.hpp"

#include <gtest/gtest.h>

namespace weft::runs {
namespace {

class Recorder final : public RunEventSubscriber {
 public:
  void run_started(const RunInfo& run) override { heard.push_back("started " + run.execution_id); }
  void run_event(const RunInfo& run, const engine::Event& event) override {
    heard.push_back(event.type + " " + run.execution_id + " " + std::to_string(event.seq));
  }
  void run_finished(const RunInfo& run, std::string_view status) override {
    heard.push_back("finished " + run.execution_id + " " + std::string(status));
  }
  std::vector<std::string> heard;
};

engine::Event event(std::uint64_t seq) {
  return {seq, "node.log", "ex_1", "n", {}, std::chrono::system_clock::now()};
}

TEST(LocalRunEventBus, EverySubscriberHearsEachRunInOrderUntilItLeaves) {
  LocalRunEventBus bus;
  Recorder hub;
  Recorder metrics;
  bus.subscribe(hub);
  bus.subscribe(metrics);
  bus.subscribe(hub);  // once is enough
  const RunInfo run{"ws_a", "ex_1", "p"};
  bus.publish_started(run);
  bus.publish_event(run, event(1));
  bus.publish_event(run, event(2));
  bus.unsubscribe(metrics);
  bus.publish_finished(run, "succeeded");
  EXPECT_EQ(hub.heard, (std::vector<std::string>{"started ex_1", "node.log ex_1 1",
                                                 "node.log ex_1 2", "finished ex_1 succeeded"}));
  EXPECT_EQ(metrics.heard,
            (std::vector<std::string>{"started ex_1", "node.log ex_1 1", "node.log ex_1 2"}));
}

}  // namespace
}  // namespace weft::runs
