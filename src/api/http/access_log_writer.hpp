#pragma once
// The access log off the request path. A request's thread only decides
// whether its line is wanted and queues the entry (a move under a short
// lock); the log's own thread wakes every kFlushEvery, formats what is
// queued and hands it to the sink in one batch. A full queue drops lines,
// counted and reported in the log, rather than make a request wait for a
// slow stderr.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "api/http/access_entry.hpp"
#include "api/http/access_log_policy.hpp"

namespace weft::api {

class AccessLogWriter {
 public:
  /// About 1.5 s of lines at 10,000 requests/s; about 5 MB when full.
  static constexpr std::size_t kQueueLimit = 16'384;
  /// How stale a line may be; one wake-up per interval however busy the server is.
  static constexpr std::chrono::milliseconds kFlushEvery{100};

  explicit AccessLogWriter(AccessLogOptions options, std::size_t queue_limit = kQueueLimit);
  ~AccessLogWriter();
  AccessLogWriter(const AccessLogWriter&) = delete;
  AccessLogWriter& operator=(const AccessLogWriter&) = delete;

  /// On a request's thread: queues the entry if the policy wants it, or drops
  /// and counts it when the queue is full. Never waits for the sink.
  void submit(AccessEntry&& entry);
  /// Writes what is queued and ends the thread; later entries are ignored.
  void stop();
  /// Lines dropped so far because the queue was full.
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

 private:
  bool wanted(const AccessEntry& entry);
  void loop();
  /// Formats `batch` (and any drops not yet reported) and hands it to the sink.
  void write(const std::vector<AccessEntry>& batch);

  const AccessLogOptions options_;
  const std::size_t queue_limit_;
  // Whether there is a thread; read by request threads, which must not look
  // at thread_ itself while stop() may be joining it.
  const bool enabled_;
  std::atomic<std::uint64_t> sampled_{0};  // requests seen by sample:N, to pick one in N
  std::atomic<std::uint64_t> dropped_{0};
  std::uint64_t dropped_reported_ = 0;  // the log's thread only
  std::mutex mutex_;  // guards queue_ and stopping_: request threads push, the log's thread takes
  std::condition_variable wake_;  // rung only by stop(); the thread otherwise wakes on its timer
  std::vector<AccessEntry> queue_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace weft::api
