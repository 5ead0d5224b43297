#pragma once

#include <string>
#include <vector>

namespace weft {

/// One finding of a validation: where (a JSON Pointer) and what a person should do about it.
struct Problem {
  std::string pointer;
  std::string message;
};

using Problems = std::vector<Problem>;

}  // namespace weft
