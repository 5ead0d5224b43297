#include "api/http/access_log_writer.hpp"

#include <algorithm>
#include <string>

namespace weft::api {

AccessLogWriter::AccessLogWriter(AccessLogOptions options, std::size_t queue_limit)
    : options_(std::move(options)),
      queue_limit_(queue_limit),
      enabled_(options_.sink && options_.policy.level != AccessLogLevel::off) {
  if (enabled_) {
    thread_ = std::thread([this] { loop(); });
  }
}

AccessLogWriter::~AccessLogWriter() {
  stop();
}

bool AccessLogWriter::wanted(const AccessEntry& entry) {
  switch (options_.policy.level) {
    case AccessLogLevel::off:
      return false;
    case AccessLogLevel::all:
      return true;
    case AccessLogLevel::errors:
      return is_notable(entry, options_.policy);
    case AccessLogLevel::sample: {
      if (is_notable(entry, options_.policy)) {
        return true;
      }
      const unsigned every = std::max(1u, options_.policy.sample_every);
      return sampled_.fetch_add(1, std::memory_order_relaxed) % every == 0;
    }
  }
  return false;
}

void AccessLogWriter::submit(AccessEntry&& entry) {
  if (!enabled_ || !wanted(entry)) {
    return;
  }
  std::lock_guard lock(mutex_);
  if (stopping_) {
    return;
  }
  if (queue_.size() >= queue_limit_) {
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  queue_.push_back(std::move(entry));
}

void AccessLogWriter::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void AccessLogWriter::loop() {
  std::vector<AccessEntry> batch;
  for (bool last = false; !last;) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      last = wake_.wait_for(lock, kFlushEvery, [this] { return stopping_; });
      // Swapping keeps both vectors' capacity: pushes on the request path
      // do not allocate once the queue has grown to its usual size.
      std::swap(batch, queue_);
    }
    write(batch);
  }
}

void AccessLogWriter::write(const std::vector<AccessEntry>& batch) {
  std::string text;
  for (const auto& entry : batch) {
    text += format_access_line(entry);
    text += '\n';
  }
  const std::uint64_t dropped = dropped_.load(std::memory_order_relaxed);
  if (dropped > dropped_reported_) {
    text += format_dropped_line(dropped - dropped_reported_, std::chrono::system_clock::now());
    text += '\n';
    dropped_reported_ = dropped;
  }
  if (text.empty()) {
    return;
  }
  try {
    options_.sink(text);
  } catch (...) {
    // A failing sink loses this batch; the server and the next batch go on.
  }
}

}  // namespace weft::api
