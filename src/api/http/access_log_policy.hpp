#pragma once
// Which requests the access log writes (all, only the notable ones: errors
// and slow requests, a sample, or none; parsed once from `--access-log`),
// and where its lines go.

#include <chrono>
#include <functional>
#include <string_view>

#include "api/http/access_entry.hpp"
#include "common/result.hpp"

namespace weft::api {

enum class AccessLogLevel { off, errors, sample, all };

struct AccessLogPolicy {
  AccessLogLevel level = AccessLogLevel::all;
  /// sample:N writes one request in N, besides every notable one.
  unsigned sample_every = 1;
  /// A request at least this slow is notable whatever its status.
  std::chrono::milliseconds slow_after{1000};
};

/// Where access-log lines go: whole lines, each ending in '\n', called on the
/// log's own thread (never two calls at once).
using AccessLogSink = std::function<void(std::string_view lines)>;

/// What the server does with its access log; a null sink writes nothing.
struct AccessLogOptions {
  AccessLogPolicy policy;
  AccessLogSink sink;
};

/// "all", "errors", "sample:N" (N from 1 to 1,000,000) or "off".
Result<AccessLogPolicy> parse_access_log_policy(std::string_view text);

/// An error answer (4xx/5xx), a handler failure, or a slow request.
bool is_notable(const AccessEntry& entry, const AccessLogPolicy& policy);

}  // namespace weft::api
