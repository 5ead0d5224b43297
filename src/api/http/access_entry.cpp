#include "api/http/access_entry.hpp"

#include <cmath>
#include <ctime>

#include "api/http/request_target.hpp"
#include "common/json.hpp"

namespace weft::api {
namespace {

/// "2024-05-01T12:00:00.123Z"
std::string iso_time(std::chrono::system_clock::time_point time) {
  using namespace std::chrono;
  const auto since_epoch = duration_cast<milliseconds>(time.time_since_epoch());
  const std::time_t seconds = duration_cast<std::chrono::seconds>(since_epoch).count();
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(since_epoch.count() % 1000));
  return std::string(text, length) + millis;
}

}  // namespace

std::string format_access_line(const AccessEntry& entry) {
  json::object line;
  line["time"] = iso_time(entry.time);
  line["request_id"] = entry.request_id;
  line["remote"] = entry.remote;
  line["method"] = printable_path(entry.method);
  line["path"] = printable_path(entry.path);
  line["route"] = entry.route;
  line["status"] = entry.status;
  line["bytes"] = entry.bytes;
  line["duration_ms"] = std::round(entry.duration_ms * 1000) / 1000;
  if (!entry.error.empty()) {
    line["error"] = entry.error;
  }
  return to_json_string(line);
}

std::string format_dropped_line(std::uint64_t count, std::chrono::system_clock::time_point time) {
  return to_json_string(json::object{{"time", iso_time(time)},
                                     {"message", "access log lines dropped: the queue was full"},
                                     {"dropped", count}});
}

}  // namespace weft::api
