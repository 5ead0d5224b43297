#pragma once
// Dates for `now()` and `date(x, format)`: ISO 8601 in, strftime-style out,
// always in UTC.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft::expr {

/// Seconds since 1970-01-01T00:00:00Z for "2026-11-24", "2026-11-24T02:03:04Z",
/// "2026-11-24 02:03:04.5+02:00" and the like (no offset means UTC;
/// fractions of a second are dropped), or nullopt when `text` is not one.
std::optional<std::int64_t> parse_iso8601(std::string_view text);

/// Whether `seconds` falls in years 1 to 9999, the range date() handles.
bool in_date_range(std::int64_t seconds);

/// `seconds` formatted with strftime-style `format` in UTC. Errors name an
/// unknown specifier or a result longer than `max_bytes`.
Result<std::string> format_time(std::int64_t seconds, std::string_view format,
                                std::size_t max_bytes);

}  // namespace weft::expr
