#include "engine/events.hpp"

#include <ctime>

namespace weft::engine {

std::string format_time(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto since_epoch = time.time_since_epoch();
  const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis = duration_cast<milliseconds>(since_epoch).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  const std::size_t n = std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%.*s.%03dZ", static_cast<int>(n), buffer,
                static_cast<int>(millis));
  return out;
}

json::object to_json(const Event& event) {
  json::object out{{"seq", event.seq}, {"type", event.type}, {"execution_id", event.execution_id}};
  if (!event.node_id.empty()) {
    out["node_id"] = event.node_id;
  }
  out["time"] = format_time(event.time);
  out["data"] = event.data;
  return out;
}

}  // namespace weft::engine
