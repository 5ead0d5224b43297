// closest_name: "did you mean" suggestions by edit distance.

#include <algorithm>
#include <vector>

#include "expr/expr.hpp"

namespace weft::expr {
namespace {

// An insertion, deletion or substitution costs two; swapping two adjacent
// characters, the commonest typo, costs one. So `jion` is closer to `join`
// (one swap) than to `json` (one substitution).
constexpr std::size_t edit_cost = 2;
constexpr std::size_t swap_cost = 1;

// Optimal string alignment distance (Levenshtein plus adjacent swaps) with
// the costs above.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Three rows: two back (for swaps), one back, current.
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) {
    previous[j] = j * edit_cost;
  }
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i * edit_cost;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : edit_cost;
      current[j] =
          std::min({previous[j] + edit_cost, current[j - 1] + edit_cost, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + swap_cost);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

}  // namespace

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  // At most one edit per three characters (and always at least one).
  const std::size_t threshold = std::max<std::size_t>(1, name.size() / 3);
  std::size_t best_distance = threshold * edit_cost + 1;
  const std::string* best = nullptr;
  for (const std::string& candidate : candidates) {
    const std::size_t gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                           : name.size() - candidate.size();
    if (gap > threshold || candidate == name) {
      continue;  // too far apart to be a typo, or not a different name at all
    }
    const std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = &candidate;
    }
  }
  return best != nullptr ? *best : std::string();
}

}  // namespace weft::expr
