#pragma once
// One line of the access log: what was asked, what was answered, how long it
// took. Never the body, query values or credentials.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace weft::api {

struct AccessEntry {
  std::chrono::system_clock::time_point time;  ///< when the request began to arrive
  std::string request_id;
  std::string remote;
  std::string method;
  std::string path;   ///< normalised path (or the raw one when it was refused), no query
  std::string route;  ///< the matched pattern, or "unmatched"
  int status = 0;
  std::size_t bytes = 0;  ///< response body bytes sent
  double duration_ms = 0;
  std::string error;  ///< a handler's exception text; never sent to the client
};

/// The entry as one JSON object on one line (no trailing newline).
std::string format_access_line(const AccessEntry& entry);

/// The line that says `count` access-log lines were dropped (no trailing newline).
std::string format_dropped_line(std::uint64_t count, std::chrono::system_clock::time_point time);

}  // namespace weft::api
