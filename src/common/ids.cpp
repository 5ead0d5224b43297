#include "common/ids.hpp"

#include <random>

namespace weft {

std::string new_id(std::string_view prefix) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::string id(prefix);
  id += '_';
  std::uint64_t bits = random();
  std::uint64_t more = random();
  for (int i = 0; i < 20; ++i) {
    if (i == 12) {
      bits = more;
    }
    id += kAlphabet[bits & 31];
    bits >>= 5;
  }
  return id;
}

}  // namespace weft
