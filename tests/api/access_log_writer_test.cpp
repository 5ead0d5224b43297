// The access log's queue and thread: lines arrive in batches off the
// caller's thread, a full queue drops and says so, stop writes what is queued.

#include "api/http/access_log_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/json.hpp"

namespace weft::api {
namespace {

AccessEntry entry(int status, std::string path = "/api/x") {
  AccessEntry e;
  e.time = std::chrono::system_clock::now();
  e.method = "GET";
  e.path = std::move(path);
  e.status = status;
  return e;
}

/// Collects batches; can hold the writer inside a call until released.
class Sink {
 public:
  AccessLogSink sink() {
    return [this](std::string_view text) {
      std::unique_lock lock(mutex_);
      batches_.emplace_back(text);
      called_.notify_all();
      called_.wait(lock, [this] { return !hold_; });
    };
  }
  void hold() {
    std::lock_guard lock(mutex_);
    hold_ = true;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      hold_ = false;
    }
    called_.notify_all();
  }
  void wait_for_batches(std::size_t count) {
    std::unique_lock lock(mutex_);
    called_.wait_for(lock, std::chrono::seconds(5), [&] { return batches_.size() >= count; });
  }
  std::vector<std::string> batches() {
    std::lock_guard lock(mutex_);
    return batches_;
  }
  /// Every line of every batch.
  std::vector<json::object> lines() {
    std::vector<json::object> out;
    for (const auto& batch : batches()) {
      EXPECT_TRUE(batch.ends_with('\n'));
      std::string_view rest = batch;
      for (std::size_t end; (end = rest.find('\n')) != std::string_view::npos;) {
        out.push_back(json::parse(rest.substr(0, end)).as_object());
        rest.remove_prefix(end + 1);
      }
    }
    return out;
  }

 private:
  std::mutex mutex_;  // guards both members: the writer's thread calls in, the test reads
  std::condition_variable called_;
  std::vector<std::string> batches_;
  bool hold_ = false;
};

TEST(AccessLogWriter, WritesQueuedLinesInOneBatchOnItsOwnThread) {
  Sink sink;
  AccessLogWriter writer({{}, sink.sink()});
  for (int i = 0; i < 50; ++i) {
    writer.submit(entry(200, "/api/" + std::to_string(i)));
  }
  sink.wait_for_batches(1);
  writer.stop();
  const auto lines = sink.lines();
  ASSERT_EQ(lines.size(), 50u);
  EXPECT_EQ(lines[0].at("path"), "/api/0");
  EXPECT_EQ(lines[49].at("path"), "/api/49");
  EXPECT_LE(sink.batches().size(), 2u) << "lines queued together are written together";
}

TEST(AccessLogWriter, StopWritesWhatIsQueuedAndIgnoresLaterEntries) {
  Sink sink;
  AccessLogWriter writer({{}, sink.sink()});
  writer.submit(entry(200));
  writer.submit(entry(404));
  writer.stop();
  EXPECT_EQ(sink.lines().size(), 2u);
  writer.submit(entry(500));
  EXPECT_EQ(sink.lines().size(), 2u);
}

TEST(AccessLogWriter, AFullQueueDropsCountsAndSaysSo) {
  Sink sink;
  sink.hold();
  AccessLogWriter writer({{}, sink.sink()}, 4);
  writer.submit(entry(200, "/first"));
  sink.wait_for_batches(1);  // the writer is now stuck in the sink
  for (int i = 0; i < 10; ++i) {
    writer.submit(entry(200));  // returns at once although nothing is written
  }
  EXPECT_EQ(writer.dropped(), 6u);
  sink.release();
  writer.stop();
  const auto lines = sink.lines();
  ASSERT_EQ(lines.size(), 6u);  // the first, four queued, one report
  EXPECT_EQ(lines[0].at("path"), "/first");
  EXPECT_EQ(lines[5].at("dropped"), 6);
  EXPECT_NE(std::string(lines[5].at("message").as_string()).find("dropped"), std::string::npos);
}

TEST(AccessLogWriter, OffOrNoSinkStartsNoThreadAndWritesNothing) {
  Sink sink;
  AccessLogWriter off({{.level = AccessLogLevel::off}, sink.sink()});
  off.submit(entry(500));
  off.stop();
  EXPECT_TRUE(sink.batches().empty());
  AccessLogWriter no_sink({{}, nullptr});
  no_sink.submit(entry(500));
  EXPECT_EQ(no_sink.dropped(), 0u);
}

TEST(AccessLogWriter, AThrowingSinkLosesOneBatchNotTheLog) {
  int calls = 0;
  std::vector<std::string> kept;
  std::mutex mutex;  // guards calls and kept: the writer's thread writes, the test reads
  AccessLogWriter writer({{}, [&](std::string_view text) {
                            std::lock_guard lock(mutex);
                            if (++calls == 1) {
                              throw std::runtime_error("disk full");
                            }
                            kept.emplace_back(text);
                          }});
  writer.submit(entry(200));
  for (int i = 0; i < 500; ++i) {
    {
      std::lock_guard lock(mutex);
      if (calls > 0) {
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  writer.submit(entry(404));
  writer.stop();
  std::lock_guard lock(mutex);
  EXPECT_EQ(calls, 2);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_NE(kept[0].find("\"status\":404"), std::string::npos);
}

}  // namespace
}  // namespace weft::api
