#pragma once
// A workspace's limit of runs at once, kept in its settings under `runs` as
// `{"run_concurrency": n}` (absent or null: no limit). The embedded queue
// reads it in its lease query; the run service, to know whether a run may
// start at once.

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/json.hpp"

namespace weft::runs {

inline constexpr std::string_view kRunsSetting = "runs";
inline constexpr std::int64_t kMaxRunConcurrency = 10'000;

/// The limit a stored `runs` setting names; nullopt: none.
std::optional<std::int64_t> workspace_run_limit(const json::value& setting);

}  // namespace weft::runs
