#pragma once
// Lengths of UTF-8 text as a person (and JSON Schema's maxLength) counts
// them: in characters (code points), not bytes.

#include <cstddef>
#include <string_view>

namespace weft {

/// Code points of UTF-8 `text` (continuation bytes are not counted).
std::size_t utf8_length(std::string_view text);

}  // namespace weft
