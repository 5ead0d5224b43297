#pragma once
// Requests answered, by (method, route pattern, status), for /metrics.

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "api/http/server.hpp"

namespace weft::api {

class RequestCounter {
 public:
  /// Methods outside the usual set count as "OTHER", so a client inventing
  /// methods cannot grow the table.
  void add(std::string_view method, std::string_view route, int status);
  std::vector<Server::RouteCount> snapshot() const;

 private:
  using Key = std::tuple<std::string, std::string, int>;
  mutable std::mutex mutex_;  // guards counts_; sessions on any thread add, /metrics reads
  std::map<Key, std::uint64_t> counts_;
};

}  // namespace weft::api
