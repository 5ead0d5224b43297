#include "triggers/cron.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <span>
#include <string>
#include <vector>

namespace weft::triggers {
namespace {

using namespace std::chrono;

struct FieldRule {
  std::string_view name;  ///< as the error names it
  int low;
  int high;
  std::span<const std::string_view> names;  ///< names for low, low+1, …
};

constexpr std::array<std::string_view, 12> kMonths{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
constexpr std::array<std::string_view, 7> kWeekdays{"SUN", "MON", "TUE", "WED",
                                                    "THU", "FRI", "SAT"};

Error bad_field(const FieldRule& rule, std::string_view text, std::string_view why) {
  return Error::make(ErrorCode::invalid_argument, "the " + std::string(rule.name) + " field `" +
                                                      std::string(text) + "` " + std::string(why));
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

/// One value: a number or a name.
std::optional<int> value_of(const FieldRule& rule, std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc{} && end == text.data() + text.size()) {
    return value;
  }
  const std::string name = upper(text);
  for (std::size_t i = 0; i < rule.names.size(); ++i) {
    if (rule.names[i] == name) {
      return rule.low + static_cast<int>(i);
    }
  }
  return std::nullopt;
}

/// Sets the bits of one field ("*", "1-5", "*/15", "MON-FRI", "1,15,30").
Result<std::vector<bool>> parse_field(const FieldRule& rule, std::string_view field, bool& any) {
  std::vector<bool> bits(static_cast<std::size_t>(rule.high + 1), false);
  any = field == "*" || field == "?";
  std::string_view rest = field;
  while (true) {
    const auto comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    int step = 1;
    if (const auto slash = item.find('/'); slash != std::string_view::npos) {
      const auto parsed = value_of({rule.name, 1, 1, {}}, item.substr(slash + 1));
      if (!parsed || *parsed < 1) {
        return bad_field(rule, field, "has a step that is not a positive number");
      }
      step = *parsed;
      item = item.substr(0, slash);
    }
    int from = rule.low;
    int to = rule.high;
    if (item != "*" && item != "?") {
      const auto dash = item.find('-');
      const auto first = value_of(rule, item.substr(0, dash));
      const auto last =
          dash == std::string_view::npos ? first : value_of(rule, item.substr(dash + 1));
      if (!first || !last) {
        return bad_field(rule, field, "is not a number, range or name");
      }
      from = *first;
      // A step over a single start ("5/15") runs to the end of the range.
      to = dash == std::string_view::npos && step > 1 ? rule.high : *last;
    }
    if (from < rule.low || to > rule.high || from > to) {
      return bad_field(
          rule, field,
          "is out of range (" + std::to_string(rule.low) + "–" + std::to_string(rule.high) + ")");
    }
    for (int v = from; v <= to; v += step) {
      bits[static_cast<std::size_t>(v)] = true;
    }
    if (comma == std::string_view::npos) {
      break;
    }
    rest = rest.substr(comma + 1);
  }
  return bits;
}

template <std::size_t N>
Status fill(std::bitset<N>& set, const FieldRule& rule, std::string_view field, bool& any) {
  auto bits = parse_field(rule, field, any);
  if (!bits) {
    return std::move(bits).error();
  }
  for (std::size_t i = 0; i < bits->size() && i < N; ++i) {
    set[i] = (*bits)[i];
  }
  return Ok{};
}

std::string_view expand_macro(std::string_view text) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kMacros{{
      {"@yearly", "0 0 1 1 *"},
      {"@annually", "0 0 1 1 *"},
      {"@monthly", "0 0 1 * *"},
      {"@weekly", "0 0 * * 0"},
      {"@daily", "0 0 * * *"},
      {"@hourly", "0 * * * *"},
  }};
  for (const auto& [macro, fields] : kMacros) {
    if (text == macro) {
      return fields;
    }
  }
  return text;
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  while (at < text.size()) {
    at = text.find_first_not_of(" \t", at);
    if (at == std::string_view::npos) {
      break;
    }
    const auto end = std::min(text.find_first_of(" \t", at), text.size());
    fields.push_back(text.substr(at, end - at));
    at = end;
  }
  return fields;
}

}  // namespace

Result<Cron> Cron::parse(std::string_view text) {
  constexpr std::size_t kMaxLength = 256;
  if (text.size() > kMaxLength) {
    return Error::make(ErrorCode::invalid_argument, "a cron expression is at most 256 characters");
  }
  std::vector<std::string_view> fields = split_fields(expand_macro(text));
  if (fields.size() != 5 && fields.size() != 6) {
    return Error::make(ErrorCode::invalid_argument,
                       "a cron expression has 5 fields (minute hour day month weekday) or 6 "
                       "(second first); this one has " +
                           std::to_string(fields.size()));
  }
  Cron cron;
  bool any = false;
  std::size_t at = 0;
  if (fields.size() == 6) {
    if (auto ok = fill(cron.seconds_, {"second", 0, 59, {}}, fields[at++], any); !ok) {
      return std::move(ok).error();
    }
  } else {
    cron.seconds_[0] = true;
  }
  // Sunday is 0 or 7.
  std::bitset<8> weekdays;
  for (auto ok :
       {fill(cron.minutes_, {"minute", 0, 59, {}}, fields[at], any),
        fill(cron.hours_, {"hour", 0, 23, {}}, fields[at + 1], any),
        fill(cron.days_, {"day-of-month", 1, 31, {}}, fields[at + 2], cron.any_day_),
        fill(cron.months_, {"month", 1, 12, kMonths}, fields[at + 3], any),
        fill(weekdays, {"day-of-week", 0, 7, kWeekdays}, fields[at + 4], cron.any_weekday_)}) {
    if (!ok) {
      return std::move(ok).error();
    }
  }
  for (std::size_t d = 0; d < 7; ++d) {
    cron.weekdays_[d] = weekdays[d] || (d == 0 && weekdays[7]);
  }
  return cron;
}

bool Cron::day_matches(date::year_month_day day) const {
  const bool by_day = days_[static_cast<unsigned>(day.day())];
  const bool by_weekday = weekdays_[date::weekday(day).c_encoding()];
  if (!any_day_ && !any_weekday_) {
    return by_day || by_weekday;
  }
  return by_day && by_weekday;
}

std::optional<date::local_seconds> Cron::next_after(date::local_seconds after) const {
  date::local_seconds t = after + seconds(1);
  const date::year limit = date::year_month_day(floor<date::days>(t)).year() + date::years(5);
  while (true) {
    const auto day_start = floor<date::days>(t);
    const date::year_month_day ymd(day_start);
    if (ymd.year() > limit) {
      return std::nullopt;
    }
    if (!months_[static_cast<unsigned>(ymd.month())]) {
      const date::year_month next = date::year_month(ymd.year(), ymd.month()) + date::months(1);
      t = date::local_days(next / 1);
      continue;
    }
    if (!day_matches(ymd)) {
      t = day_start + date::days(1);
      continue;
    }
    const date::hh_mm_ss<seconds> time(t - day_start);
    const auto hour = static_cast<std::size_t>(time.hours().count());
    if (!hours_[hour]) {
      t = floor<hours>(t) + hours(1);
      continue;
    }
    if (!minutes_[static_cast<std::size_t>(time.minutes().count())]) {
      t = floor<minutes>(t) + minutes(1);
      continue;
    }
    if (!seconds_[static_cast<std::size_t>(time.seconds().count())]) {
      t += seconds(1);
      continue;
    }
    return t;
  }
}

}  // namespace weft::triggers
