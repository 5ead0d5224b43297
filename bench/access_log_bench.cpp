// What a request's thread spends on its access-log line: formatted and
// written on the spot under a lock (as before issue 11: two write(2) calls,
// like the unbuffered std::cerr it used), against handed to the
// AccessLogWriter's queue. Both write to a file, as `2>log` would.
// Run: build/weft_bench --benchmark_filter=AccessLog
// Figures go to docs/PERFORMANCE.md with the machine they were taken on.

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "api/http/access_log_writer.hpp"

namespace {

using weft::api::AccessEntry;

AccessEntry sample_entry() {
  AccessEntry entry;
  entry.time = std::chrono::system_clock::now();
  entry.request_id = "req_01J9ZK4Q7W3X5Y6Z8A9B0C1D2E";
  entry.remote = "127.0.0.1";
  entry.method = "POST";
  entry.path = "/api/pipelines/five-node/run";
  entry.route = "/api/pipelines/{id}/run";
  entry.status = 200;
  entry.bytes = 412;
  entry.duration_ms = 1.234;
  return entry;
}

/// A scratch file, removed at the end.
class ScratchFile {
 public:
  ScratchFile() : fd_(::mkstemp(path_.data())) {}
  ~ScratchFile() {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
  void write(std::string_view text) const {
    while (!text.empty()) {
      const ssize_t n = ::write(fd_, text.data(), text.size());
      if (n <= 0) {
        return;
      }
      text.remove_prefix(static_cast<std::size_t>(n));
    }
  }

 private:
  std::string path_ = "/tmp/weft-access-log-bench-XXXXXX";
  int fd_;
};

void AccessLogInline(benchmark::State& state) {
  const ScratchFile file;
  const AccessEntry sample = sample_entry();
  std::mutex mutex;  // guards the file, as the server's log lock did
  for (auto _ : state) {
    const AccessEntry entry = sample;  // the request builds its entry either way
    const std::string line = weft::api::format_access_line(entry);
    std::lock_guard lock(mutex);
    file.write(line);
    file.write("\n");
  }
}
BENCHMARK(AccessLogInline)->Threads(1)->Threads(2);

void AccessLogQueued(benchmark::State& state) {
  // Shared by the benchmark's threads; made and destroyed by the first one
  // outside the timed loop, which all threads enter and leave together.
  static std::unique_ptr<ScratchFile> file;
  static std::unique_ptr<weft::api::AccessLogWriter> writer;
  if (state.thread_index() == 0) {
    file = std::make_unique<ScratchFile>();
    // Room for most of a run's lines, so the figure is the queueing, not the drop path.
    writer = std::make_unique<weft::api::AccessLogWriter>(
        weft::api::AccessLogOptions{{}, [](std::string_view text) { file->write(text); }}, 1 << 20);
  }
  const AccessEntry sample = sample_entry();
  for (auto _ : state) {
    AccessEntry entry = sample;
    writer->submit(std::move(entry));
  }
  if (state.thread_index() == 0) {
    state.counters["dropped"] = static_cast<double>(writer->dropped());
    writer.reset();  // writes what is queued
    file.reset();
  }
}
BENCHMARK(AccessLogQueued)->Threads(1)->Threads(2);

}  // namespace
