#pragma once

#include <string>
#include <string_view>

namespace weft {

/// A new random identifier: `prefix` + "_" + 20 lowercase base32 characters (100 bits).
std::string new_id(std::string_view prefix);

}  // namespace weft
