#include "triggers/schedule.hpp"

#include <date/tz.h>

#include <algorithm>
#include <exception>

namespace weft::triggers {
namespace {

using namespace std::chrono;

/// More than any zone's clock change (2 h at Troll, Antarctica): how far a
/// local time and an instant it maps to can move apart across a change.
constexpr hours kMaxShift{3};

const date::time_zone* find_zone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

/// The instants the local time `local` names under `zone`.
void instants_of(const Schedule& schedule, date::local_seconds local,
                 std::vector<sys_seconds>& out) {
  const date::local_info info = schedule.zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
      out.push_back(sys_seconds{local.time_since_epoch()} - info.first.offset);
      break;
    case date::local_info::nonexistent:
      out.push_back(info.second.begin);  // the clock jumped over it: fire as it lands
      break;
    case date::local_info::ambiguous:
      out.push_back(sys_seconds{local.time_since_epoch()} - info.first.offset);
      if (schedule.cron.every_hour()) {
        out.push_back(sys_seconds{local.time_since_epoch()} - info.second.offset);
      }
      break;
  }
}

date::local_seconds local_of(const Schedule& schedule, sys_seconds instant) {
  return date::local_seconds{
      (instant + schedule.zone->get_info(instant).offset).time_since_epoch()};
}

}  // namespace

Result<Schedule> parse_schedule(const json::value& config, Problems& problems) {
  const json::object* object = config.if_object();
  if (object == nullptr) {
    problems.push_back({"/config", "a schedule's config is an object with `cron` and `timezone`"});
    return Error::make(ErrorCode::invalid_input, "the schedule's config is not an object");
  }
  Schedule schedule;
  const json::value* cron = object->if_contains("cron");
  if (cron == nullptr || !cron->is_string()) {
    problems.push_back({"/config/cron", "give a cron expression, such as `0 9 * * 1-5`"});
  } else if (auto parsed = Cron::parse(cron->get_string()); !parsed) {
    problems.push_back({"/config/cron", parsed.error().message});
  } else {
    schedule.cron = *parsed;
  }
  const json::value* zone = object->if_contains("timezone");
  schedule.zone_name =
      zone != nullptr && zone->is_string() ? std::string(zone->get_string()) : "UTC";
  schedule.zone = find_zone(schedule.zone_name);
  if (schedule.zone == nullptr) {
    problems.push_back({"/config/timezone", "`" + schedule.zone_name +
                                                "` is not a time zone; use an IANA name such as "
                                                "`Europe/Berlin` or `UTC`"});
  }
  if (const json::value* missed = object->if_contains("missed"); missed != nullptr) {
    if (missed->is_string() && missed->get_string() == "run_once") {
      schedule.missed = Missed::run_once;
    } else if (!missed->is_string() || missed->get_string() != "skip") {
      problems.push_back({"/config/missed", "`missed` is `skip` or `run_once`"});
    }
  }
  for (const auto& [key, value] : *object) {
    if (key != "cron" && key != "timezone" && key != "missed") {
      problems.push_back(
          {"/config/" + std::string(key), "a schedule has no setting `" + std::string(key) + "`"});
    }
  }
  if (!problems.empty()) {
    return Error::make(ErrorCode::invalid_input, problems.front().message);
  }
  if (!next_fire(schedule, system_clock::now())) {
    problems.push_back({"/config/cron", "this cron expression never fires"});
    return Error::make(ErrorCode::invalid_input, problems.front().message);
  }
  return schedule;
}

std::optional<store::Time> next_fire(const Schedule& schedule, store::Time after_time) {
  const sys_seconds after = floor<seconds>(after_time);
  const date::sys_info period = schedule.zone->get_info(after);
  // Inside one period of the zone's offset, away from where it began (a
  // repeated hour lies right after a change), local time and instants move
  // together.
  const date::local_seconds local_after{(after + period.offset).time_since_epoch()};
  const auto first_local = schedule.cron.next_after(local_after);
  if (!first_local) {
    return std::nullopt;
  }
  const sys_seconds first{first_local->time_since_epoch() - period.offset};
  if (first < period.end && first - period.begin > kMaxShift) {
    return store::Time{first.time_since_epoch()};
  }
  // Near a change: look at every local time that could map past `after`.
  std::optional<sys_seconds> best;
  std::vector<sys_seconds> found;
  date::local_seconds local = local_after - kMaxShift;
  for (int guard = 0; guard < 200'000; ++guard) {
    const auto next = schedule.cron.next_after(local);
    if (!next || (best && *next > local_of(schedule, *best) + kMaxShift)) {
      break;
    }
    local = *next;
    found.clear();
    instants_of(schedule, local, found);
    for (sys_seconds instant : found) {
      if (instant > after && (!best || instant < *best)) {
        best = instant;
      }
    }
  }
  if (!best) {
    return std::nullopt;
  }
  return store::Time{best->time_since_epoch()};
}

std::vector<store::Time> next_fires(const Schedule& schedule, store::Time after, int count) {
  std::vector<store::Time> times;
  for (int i = 0; i < count; ++i) {
    auto next = next_fire(schedule, after);
    if (!next) {
      break;
    }
    times.push_back(*next);
    after = *next;
  }
  return times;
}

std::string local_iso(const Schedule& schedule, store::Time time) {
  const sys_seconds instant = floor<seconds>(time);
  const date::sys_info info = schedule.zone->get_info(instant);
  const auto local = date::local_seconds{(instant + info.offset).time_since_epoch()};
  std::string text = date::format("%FT%T", local);
  const auto minutes_east = duration_cast<minutes>(info.offset).count();
  const auto magnitude = std::abs(minutes_east);
  char offset[8];
  std::snprintf(offset, sizeof offset, "%c%02d:%02d", minutes_east < 0 ? '-' : '+',
                static_cast<int>(magnitude / 60), static_cast<int>(magnitude % 60));
  return text + offset;
}

}  // namespace weft::triggers
