#pragma once
// Counters for GET /metrics (Prometheus text format). Thread-safe.

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/server.hpp"
#include "runs/run_metrics.hpp"

namespace weft::api {

class Metrics final : public runs::RunMetrics {
 public:
  void run_started() override { ++in_flight_; }
  void run_finished(std::string_view status) override;
  void node_run(std::string_view type, double seconds) override;
  std::int64_t runs_in_flight() const { return in_flight_.load(); }

  /// The exposition text, with the server's request counts.
  std::string render(const std::vector<Server::RouteCount>& requests) const;

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.005, 0.01, 0.05, 0.1,
                                                   0.5,    1,     5,     10,   30,   60};
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::atomic<std::int64_t> in_flight_{0};
  mutable std::mutex mutex_;  // guards the two maps below
  std::map<std::string, std::uint64_t, std::less<>> runs_by_status_;
  std::map<std::string, Histogram, std::less<>> node_durations_;
};

}  // namespace weft::api
