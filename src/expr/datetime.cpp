#include "expr/datetime.hpp"

#include <chrono>
#include <ctime>

#include "expr/errors.hpp"

namespace weft::expr {
namespace {

constexpr std::int64_t first_second = -62135596800;  // 0001-01-01T00:00:00Z
constexpr std::int64_t last_second = 253402300799;   // 9999-12-31T23:59:59Z
// Specifiers passed on to strftime; anything else is refused, not guessed at.
constexpr std::string_view known_specifiers = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";

// Reads exactly `digits` decimal digits at `pos`.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t digits) {
  if (pos + digits > text.size()) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  pos += digits;
  return value;
}

bool skip(std::string_view text, std::size_t& pos, char c) {
  if (pos < text.size() && text[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

// "HH:MM[:SS[.fff]]" into seconds of the day.
std::optional<std::int64_t> parse_clock(std::string_view text, std::size_t& pos) {
  const auto hours = read_digits(text, pos, 2);
  if (!hours || !skip(text, pos, ':')) {
    return std::nullopt;
  }
  const auto minutes = read_digits(text, pos, 2);
  std::optional<int> seconds = 0;
  if (skip(text, pos, ':')) {
    seconds = read_digits(text, pos, 2);
    if (skip(text, pos, '.') || skip(text, pos, ',')) {
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        ++pos;
      }
    }
  }
  if (!minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 60) {
    return std::nullopt;
  }
  return *hours * 3600 + *minutes * 60 + *seconds;
}

// "Z", "+HH:MM", "-HHMM" or nothing, as seconds east of UTC.
std::optional<std::int64_t> parse_offset(std::string_view text, std::size_t& pos) {
  if (pos == text.size() || skip(text, pos, 'Z') || skip(text, pos, 'z')) {
    return 0;
  }
  const char sign = text[pos];
  if (sign != '+' && sign != '-') {
    return std::nullopt;
  }
  ++pos;
  const auto hours = read_digits(text, pos, 2);
  skip(text, pos, ':');
  const auto minutes = read_digits(text, pos, 2);
  if (!hours || !minutes || *hours > 23 || *minutes > 59) {
    return std::nullopt;
  }
  const std::int64_t offset = *hours * 3600 + *minutes * 60;
  return sign == '+' ? offset : -offset;
}

}  // namespace

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  std::size_t pos = 0;
  const auto year = read_digits(text, pos, 4);
  const bool dash1 = skip(text, pos, '-');
  const auto month = read_digits(text, pos, 2);
  const bool dash2 = skip(text, pos, '-');
  const auto day = read_digits(text, pos, 2);
  if (!year || !month || !day || !dash1 || !dash2) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  if (!date.ok()) {
    return std::nullopt;
  }
  std::int64_t seconds =
      std::int64_t{std::chrono::sys_days{date}.time_since_epoch().count()} * 86400;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    const auto clock = parse_clock(text, pos);
    const auto offset = clock ? parse_offset(text, pos) : std::nullopt;
    if (!offset) {
      return std::nullopt;
    }
    seconds += *clock - *offset;
  }
  if (pos != text.size()) {
    return std::nullopt;
  }
  return seconds;
}

bool in_date_range(std::int64_t seconds) {
  return seconds >= first_second && seconds <= last_second;
}

Result<std::string> format_time(std::int64_t seconds, std::string_view format,
                                std::size_t max_bytes) {
  const auto time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  if (!in_date_range(seconds) || gmtime_r(&time, &parts) == nullptr) {
    return expression_error("the date is out of range");
  }
  std::string out;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
    } else if (i + 1 == format.size() ||
               known_specifiers.find(format[i + 1]) == std::string_view::npos) {
      const std::string spec(format.substr(i, 2));
      return expression_error("unknown format specifier `" + spec + "`");
    } else {
      // One specifier at a time, so the buffer is always large enough.
      const char specifier[3] = {'%', format[++i], '\0'};
      char buffer[128];
      out.append(buffer, std::strftime(buffer, sizeof buffer, specifier, &parts));
    }
    if (out.size() > max_bytes) {
      return limit_error("the formatted date is longer than " + std::to_string(max_bytes) +
                         " bytes");
    }
  }
  return out;
}

}  // namespace weft::expr
