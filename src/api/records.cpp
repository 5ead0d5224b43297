#include "api/records.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

#include "engine/events.hpp"

namespace weft::api {

using std::chrono::milliseconds;
using std::chrono::system_clock;

std::string format_time(store::Time time) {
  return engine::format_time(time);
}

namespace {
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A record whose stored JSON could not be decoded is still listed, with that
// JSON as null and this flag, so one damaged row never fails a whole list.
void mark_unreadable(json::object& out, bool unreadable) {
  if (unreadable) {
    out["unreadable"] = true;
  }
}
}  // namespace

// Times past this (year 2200) would overflow the clock's nanoseconds.
constexpr std::int64_t kMaxEpochMs = 7'258'118'400'000;

std::optional<store::Time> parse_time(std::string_view text) {
  std::int64_t ms = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
  if (ec == std::errc() && end == text.data() + text.size()) {
    return ms < 0 || ms > kMaxEpochMs ? std::nullopt : std::optional(store::Time(milliseconds(ms)));
  }
  std::tm tm{};
  int consumed = 0;
  const std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6) {
    return std::nullopt;
  }
  // timegm would quietly roll 2026-13-45 over into another date.
  const bool in_range = tm.tm_mon >= 1 && tm.tm_mon <= 12 && tm.tm_mday >= 1 && tm.tm_mday <= 31 &&
                        tm.tm_hour <= 23 && tm.tm_min <= 59 && tm.tm_sec <= 60;
  if (!in_range) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::string_view rest = std::string_view(copy).substr(static_cast<std::size_t>(consumed));
  double fraction = 0;
  if (!rest.empty() && rest.front() == '.') {
    std::size_t digits = 1;
    while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') {
      ++digits;
    }
    // At most millisecond precision is kept; stod of "0.123…" cannot throw.
    fraction = std::stod("0" + std::string(rest.substr(0, std::min<std::size_t>(digits, 10))));
    rest.remove_prefix(digits);
  }
  long offset_seconds = 0;
  if (rest == "Z" || rest == "z") {
    offset_seconds = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' &&
             is_digit(rest[1]) && is_digit(rest[2]) && is_digit(rest[4]) && is_digit(rest[5])) {
    const int hours = (rest[1] - '0') * 10 + (rest[2] - '0');
    const int minutes = (rest[4] - '0') * 10 + (rest[5] - '0');
    offset_seconds = (rest[0] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  } else {
    return std::nullopt;
  }
  const std::time_t seconds = timegm(&tm) - offset_seconds;
  if (seconds < 0 || seconds > kMaxEpochMs / 1000) {
    return std::nullopt;
  }
  return system_clock::from_time_t(seconds) +
         milliseconds(static_cast<std::int64_t>(fraction * 1000));
}

store::NodeRunRecord to_record(std::string_view workspace, std::string_view execution_id,
                               const engine::NodeRun& node) {
  store::NodeRunRecord record;
  record.workspace_id = workspace;
  record.execution_id = execution_id;
  record.node_id = node.node_id;
  record.type = node.type;
  record.status = engine::to_string(node.status);
  record.attempts = node.attempts;
  record.started_at = node.started_at;
  record.finished_at = node.finished_at;
  record.output = node.output ? *node.output : json::value(nullptr);
  record.error = node.error ? json::value(engine::to_json(*node.error)) : json::value(nullptr);
  json::array logs;
  for (const auto& line : node.logs) {
    logs.push_back(json::object{
        {"time", format_time(line.time)}, {"level", line.level}, {"message", line.message}});
  }
  record.logs = std::move(logs);
  record.handles = json::array(node.handles.begin(), node.handles.end());
  return record;
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
