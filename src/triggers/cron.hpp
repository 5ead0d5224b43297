#pragma once
// A cron expression, parsed by hand (issue 12): five fields (minute, hour,
// day of month, month, day of week) or six with seconds first, as Vixie cron
// and Quartz write them: `*`, `?`, lists, ranges, steps, month and weekday
// names, and the macros @yearly, @monthly, @weekly, @daily, @hourly. When both
// day fields are restricted a day matching either fires (Vixie cron's rule).
// Times here are local wall-clock times; schedule.hpp maps them to instants.

#include <date/date.h>

#include <bitset>
#include <optional>
#include <string_view>

#include "common/result.hpp"

namespace weft::triggers {

class Cron {
 public:
  /// invalid_argument naming the field that does not parse and why.
  static Result<Cron> parse(std::string_view text);

  /// The first local time strictly after `after` that matches, within about
  /// five years (nullopt: none, as for `0 0 30 2 *`).
  std::optional<date::local_seconds> next_after(date::local_seconds after) const;

  /// Whether every hour matches (such a schedule fires in both passes of a
  /// repeated hour when clocks go back; one with set hours fires once).
  bool every_hour() const { return hours_.all(); }

 private:
  bool day_matches(date::year_month_day day) const;

  std::bitset<60> seconds_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;     ///< 1..31
  std::bitset<13> months_;   ///< 1..12
  std::bitset<7> weekdays_;  ///< 0 = Sunday
  bool any_day_ = true;      ///< day of month was `*` or `?`
  bool any_weekday_ = true;  ///< day of week was `*` or `?`
};

}  // namespace weft::triggers
