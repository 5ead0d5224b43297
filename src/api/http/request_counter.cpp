#include "api/http/request_counter.hpp"

#include <array>

namespace weft::api {
namespace {

std::string_view method_label(std::string_view method) {
  constexpr std::array<std::string_view, 7> kKnown{"GET",   "HEAD",   "POST",   "PUT",
                                                   "PATCH", "DELETE", "OPTIONS"};
  for (auto known : kKnown) {
    if (known == method) {
      return known;
    }
  }
  return "OTHER";
}

}  // namespace

void RequestCounter::add(std::string_view method, std::string_view route, int status) {
  Key key{std::string(method_label(method)), std::string(route), status};
  std::lock_guard lock(mutex_);
  ++counts_[std::move(key)];
}

std::vector<Server::RouteCount> RequestCounter::snapshot() const {
  std::lock_guard lock(mutex_);
  std::vector<Server::RouteCount> out;
  out.reserve(counts_.size());
  for (const auto& [key, count] : counts_) {
    out.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
  }
  return out;
}

}  // namespace weft::api
