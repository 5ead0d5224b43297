#pragma once
// A schedule trigger's config (DESIGN §9): `{"cron", "timezone", "missed"}`,
// and the instants it fires at. Local times that a clock change skips fire at
// the first instant after the gap (once, however many fell in it); local
// times that a clock change repeats fire once, at the first pass, unless the
// cron matches every hour (then both passes fire, as the clock shows them).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "common/result.hpp"
#include "store/store.hpp"
#include "triggers/cron.hpp"

namespace date {
class time_zone;
}

namespace weft::triggers {

/// What happens to ticks missed while no server ran (or it was late by more
/// than Schedule::kGrace): none of them fires, or the last one fires once.
enum class Missed { skip, run_once };

struct Schedule {
  /// A tick this late still fires as usual; later ones are missed.
  static constexpr std::chrono::seconds kGrace{60};

  Cron cron;
  const date::time_zone* zone = nullptr;
  std::string zone_name;
  Missed missed = Missed::skip;
};

/// The schedule a config describes; problems point into `/config`.
Result<Schedule> parse_schedule(const json::value& config, Problems& problems);

/// The first instant strictly after `after` the schedule fires at (nullopt: never).
std::optional<store::Time> next_fire(const Schedule& schedule, store::Time after);

/// The next `count` instants after `after`.
std::vector<store::Time> next_fires(const Schedule& schedule, store::Time after, int count);

/// `time` as ISO 8601 in the schedule's zone, with its offset ("2026-03-29T03:00:00+02:00").
std::string local_iso(const Schedule& schedule, store::Time time);

}  // namespace weft::triggers
