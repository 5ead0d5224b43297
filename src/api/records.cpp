#include "api/records.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>

#include "engine/events.hpp"

namespace weft::api {

using std::chrono::milliseconds;

std::string format_time(store::Time time) {
  return engine::format_time(time);
}

namespace {
// A record whose stored JSON could not be decoded is still listed, with that
// JSON as null and this flag, so one damaged row never fails a whole list.
void mark_unreadable(json::object& out, bool unreadable) {
  if (unreadable) {
    out["unreadable"] = true;
  }
}

// Times past this (year 2200) would overflow the clock's nanoseconds.
constexpr std::int64_t kMaxEpochMs = 7'258'118'400'000;

/// Reads exactly `count` digits at `at` as a number in [min, max], moving `at` past them.
std::optional<int> field(std::string_view text, std::size_t& at, std::size_t count, int min,
                         int max) {
  if (text.size() < at + count) {
    return std::nullopt;
  }
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[at + i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + (c - '0');
  }
  at += count;
  return value < min || value > max ? std::nullopt : std::optional(value);
}

/// Consumes `c` at `at`.
bool literal(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) {
    return false;
  }
  ++at;
  return true;
}

store::Time clamped(std::int64_t ms) {
  return store::Time(milliseconds(std::clamp<std::int64_t>(ms, 0, kMaxEpochMs)));
}

/// `Z`, `z` or `±HH:MM` at `at`, as seconds east of UTC.
std::optional<long> offset(std::string_view text, std::size_t at) {
  const std::string_view rest = text.substr(at);
  if (rest == "Z" || rest == "z") {
    return 0;
  }
  if (rest.empty() || (rest[0] != '+' && rest[0] != '-')) {
    return std::nullopt;
  }
  ++at;
  auto hours = field(text, at, 2, 0, 23);
  auto minutes = hours && literal(text, at, ':') ? field(text, at, 2, 0, 59) : std::nullopt;
  if (!minutes || at != text.size()) {
    return std::nullopt;
  }
  return (rest[0] == '-' ? -1L : 1L) * (*hours * 3600L + *minutes * 60L);
}

}  // namespace

// The grammar is exactly the `from`/`to` pattern of the OpenAPI document
// (openapi_schemas.cpp): whatever matches it is read, the rest refused.
std::optional<store::Time> parse_time(std::string_view text) {
  std::int64_t ms = 0;
  const char* end = text.data() + text.size();
  if (!text.empty() && text.size() <= 13 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    std::from_chars(text.data(), end, ms);
    return clamped(ms);
  }
  std::size_t at = 0;
  std::tm tm{};
  auto year = field(text, at, 4, 0, 9999);
  auto month = year && literal(text, at, '-') ? field(text, at, 2, 1, 12) : std::nullopt;
  auto day = month && literal(text, at, '-') ? field(text, at, 2, 1, 31) : std::nullopt;
  auto hour = day && literal(text, at, 'T') ? field(text, at, 2, 0, 23) : std::nullopt;
  auto minute = hour && literal(text, at, ':') ? field(text, at, 2, 0, 59) : std::nullopt;
  auto second = minute && literal(text, at, ':') ? field(text, at, 2, 0, 60) : std::nullopt;
  if (!second) {
    return std::nullopt;
  }
  int fraction_ms = 0;
  if (literal(text, at, '.')) {
    const std::size_t first = at;
    while (at < text.size() && at - first < 9 && text[at] >= '0' && text[at] <= '9') {
      fraction_ms = at - first < 3 ? fraction_ms * 10 + (text[at] - '0') : fraction_ms;
      ++at;
    }
    if (at == first) {
      return std::nullopt;
    }
    for (std::size_t digits = at - first; digits < 3; ++digits) {
      fraction_ms *= 10;
    }
  }
  const auto east = offset(text, at);
  if (!east) {
    return std::nullopt;
  }
  tm.tm_year = *year - 1900;
  tm.tm_mon = *month - 1;
  tm.tm_mday = *day;
  tm.tm_hour = *hour;
  tm.tm_min = *minute;
  tm.tm_sec = *second;
  // timegm rolls a 31 February over into March, as a client would expect of a bound.
  const std::int64_t seconds = static_cast<std::int64_t>(timegm(&tm)) - *east;
  return clamped(seconds * 1000 + fraction_ms);
}

json::object to_json(const store::PipelineRecord& pipeline, bool with_definition) {
  json::object out{{"id", pipeline.id},
                   {"name", pipeline.name},
                   {"description", pipeline.description},
                   {"version", pipeline.version},
                   {"created_at", format_time(pipeline.created_at)},
                   {"updated_at", format_time(pipeline.updated_at)}};
  out["last_run_status"] =
      pipeline.last_run_status ? json::value(*pipeline.last_run_status) : json::value(nullptr);
  if (with_definition) {
    out["definition"] = pipeline.definition;
  }
  mark_unreadable(out, pipeline.unreadable);
  return out;
}

json::object to_json(const store::PipelineVersion& version, bool with_definition) {
  json::object out{{"pipeline_id", version.pipeline_id},
                   {"version", version.version},
                   {"name", version.name},
                   {"created_at", format_time(version.created_at)}};
  if (with_definition) {
    out["definition"] = version.definition;
  }
  mark_unreadable(out, version.unreadable);
  return out;
}

json::object to_json(const store::ExecutionRecord& execution) {
  json::object out{{"id", execution.id},
                   {"pipeline_id", execution.pipeline_id},
                   {"pipeline_version", execution.pipeline_version},
                   {"status", execution.status},
                   {"inputs", execution.inputs},
                   {"outputs", execution.outputs},
                   {"error", execution.error},
                   {"created_at", format_time(execution.created_at)}};
  out["retry_of"] = execution.retry_of ? json::value(*execution.retry_of) : json::value(nullptr);
  out["trigger"] = execution.trigger;
  out["trigger_id"] =
      execution.trigger_id ? json::value(*execution.trigger_id) : json::value(nullptr);
  out["finished_at"] = execution.finished_at ? json::value(format_time(*execution.finished_at))
                                             : json::value(nullptr);
  if (execution.finished_at) {
    out["duration_ms"] =
        std::chrono::duration<double, std::milli>(*execution.finished_at - execution.created_at)
            .count();
  }
  mark_unreadable(out, execution.unreadable);
  return out;
}

json::object to_json(const store::NodeRunRecord& node_run) {
  json::object out{{"node_id", node_run.node_id}, {"type", node_run.type},
                   {"status", node_run.status},   {"attempts", node_run.attempts},
                   {"output", node_run.output},   {"error", node_run.error},
                   {"logs", node_run.logs},       {"handles", node_run.handles}};
  auto time_or_null = [](const std::optional<store::Time>& t) {
    return t ? json::value(format_time(*t)) : json::value(nullptr);
  };
  out["started_at"] = time_or_null(node_run.started_at);
  out["finished_at"] = time_or_null(node_run.finished_at);
  if (node_run.started_at && node_run.finished_at) {
    out["duration_ms"] =
        std::chrono::duration<double, std::milli>(*node_run.finished_at - *node_run.started_at)
            .count();
  }
  mark_unreadable(out, node_run.unreadable);
  return out;
}

}  // namespace weft::api
