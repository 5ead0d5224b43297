#include "api/metrics.hpp"

#include <sstream>

namespace weft::api {

void Metrics::run_finished(std::string_view status) {
  --in_flight_;
  std::lock_guard lock(mutex_);
  auto it = runs_by_status_.find(status);
  if (it == runs_by_status_.end()) {
    it = runs_by_status_.emplace(std::string(status), 0).first;
  }
  ++it->second;
}

void Metrics::node_run(std::string_view type, double seconds) {
  std::lock_guard lock(mutex_);
  auto it = node_durations_.find(type);
  if (it == node_durations_.end()) {
    it = node_durations_.emplace(std::string(type), Histogram{}).first;
  }
  Histogram& h = it->second;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++h.buckets[i];
    }
  }
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const std::vector<Server::RouteCount>& requests) const {
  std::ostringstream out;
  out << "# HELP weft_runs_total Pipeline runs finished, by status.\n"
      << "# TYPE weft_runs_total counter\n";
  std::lock_guard lock(mutex_);
  for (const auto& [status, count] : runs_by_status_) {
    out << "weft_runs_total{status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP weft_runs_in_flight Pipeline runs in progress.\n"
      << "# TYPE weft_runs_in_flight gauge\n"
      << "weft_runs_in_flight " << in_flight_.load() << "\n";
  out << "# HELP weft_node_run_duration_seconds Node run duration, by node type.\n"
      << "# TYPE weft_node_run_duration_seconds histogram\n";
  for (const auto& [type, h] : node_durations_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out << "weft_node_run_duration_seconds_bucket{type=\"" << type << "\",le=\"" << kBuckets[i]
          << "\"} " << h.buckets[i] << "\n";
    }
    out << "weft_node_run_duration_seconds_bucket{type=\"" << type << "\",le=\"+Inf\"} " << h.count
        << "\n"
        << "weft_node_run_duration_seconds_sum{type=\"" << type << "\"} " << h.sum << "\n"
        << "weft_node_run_duration_seconds_count{type=\"" << type << "\"} " << h.count << "\n";
  }
  out << "# HELP weft_http_requests_total HTTP requests, by route and status.\n"
      << "# TYPE weft_http_requests_total counter\n";
  for (const auto& r : requests) {
    out << "weft_http_requests_total{method=\"" << r.method << "\",route=\"" << r.route
        << "\",status=\"" << r.status << "\"} " << r.count << "\n";
  }
  return out.str();
}

}  // namespace weft::api
