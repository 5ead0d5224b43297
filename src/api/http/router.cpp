#include "api/http/router.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>

namespace weft::api {
namespace {

/// The non-empty segments of a path or pattern ("/a//b/" -> {"a", "b"}).
std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    if (end > start) {
      segments.push_back(path.substr(start, end - start));
    }
    start = end + 1;
  }
  return segments;
}

bool is_capture(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

/// How specific a matching pattern is: one character per segment, '1' for a
/// literal and '0' for a capture, so `/a/new` beats `/a/{id}` when compared.
/// Empty when `pattern` does not match `path`.
std::string match_rank(std::string_view pattern, const std::vector<std::string_view>& path) {
  const auto segments = split_segments(pattern);
  if (segments.size() != path.size()) {
    return {};
  }
  std::string rank;
  rank.reserve(segments.size() + 1);
  rank += '1';  // so that "/" (no segments) still has a non-empty rank
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (is_capture(segments[i])) {
      rank += '0';
    } else if (segments[i] == path[i]) {
      rank += '1';
    } else {
      return {};
    }
  }
  return rank;
}

void capture_params(std::string_view pattern, const std::vector<std::string_view>& path,
                    std::unordered_map<std::string, std::string>& params) {
  const auto segments = split_segments(pattern);
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (is_capture(segments[i])) {
      params[std::string(segments[i].substr(1, segments[i].size() - 2))] = std::string(path[i]);
    }
  }
}

/// The rank of the most specific pattern matching `path`, whatever its method.
std::string best_rank(const std::vector<Route>& routes, const std::vector<std::string_view>& path) {
  std::string best;
  for (const auto& route : routes) {
    best = std::max(best, match_rank(route.pattern, path));
  }
  return best;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  assert(!pattern.empty() && pattern.front() == '/');
  std::transform(method.begin(), method.end(), method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler), {}});
}

void Router::add_websocket(std::string pattern, Handler plain, UpgradeHandler upgrade) {
  add("GET", std::move(pattern), std::move(plain));
  routes_.back().upgrade = std::move(upgrade);
}

Router::Match Router::match(std::string_view method, std::string_view path,
                            std::unordered_map<std::string, std::string>& params) const {
  // Only the most specific patterns count, whatever their method: a literal
  // segment wins over a capture for every method, so `/a/new` is never read
  // as `/a/{id}` (another method there is a 405, not a lookup of id `new`).
  const auto segments = split_segments(path);
  Match result;
  std::string best_rank;
  for (const auto& route : routes_) {
    std::string rank = match_rank(route.pattern, segments);
    if (rank.empty() || rank < best_rank) {
      continue;
    }
    if (rank > best_rank) {
      best_rank = std::move(rank);
      result = Match{};
    }
    if (route.method == method) {
      result.route = &route;
    } else {
      result.path_known = true;
    }
  }
  if (result.route != nullptr) {
    capture_params(result.route->pattern, segments, params);
  }
  return result;
}

void Router::set_fallback(Handler handler) {
  fallback_ = Route{"GET", std::string(kFallbackPattern), std::move(handler), {}};
}

const Route* Router::fallback(std::string_view method, std::string_view path) const {
  const bool api = path == "/api" || path.starts_with("/api/");
  if (!fallback_ || api || (method != "GET" && method != "HEAD")) {
    return nullptr;
  }
  return &*fallback_;
}

std::vector<std::string> Router::allowed_methods(std::string_view path) const {
  const auto segments = split_segments(path);
  const std::string best = best_rank(routes_, segments);
  std::vector<std::string> methods;
  for (const auto& route : routes_) {
    if (!best.empty() && match_rank(route.pattern, segments) == best) {
      methods.push_back(route.method);
      if (route.method == "GET") {
        methods.emplace_back("HEAD");
      }
    }
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  return methods;
}

}  // namespace weft::api
