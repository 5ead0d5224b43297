#pragma once
// API keys of the caller's workspace: create (the key is in the answer, once),
// list, revoke. Managing keys needs Action::manage. A key acts as its
// creator: scope `full` with the creator's current role capped at editor,
// scope `run` only to run pipelines; either may be limited to one pipeline
// (see Caller::may). A key whose creator leaves the workspace stops working.
// Thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.hpp"
#include "auth/session.hpp"
#include "common/result.hpp"

namespace weft::auth {

namespace detail {
struct AuthCore;
}

struct ApiKeyInfo {
  std::string id;
  std::string name;
  std::string prefix;  ///< the `wft_<prefix>_` part, to recognise a key
  ApiKeyScope scope = ApiKeyScope::run;
  std::optional<std::string> pipeline_id;
  std::string created_by;
  Time created_at;
  std::optional<Time> last_used_at;  ///< to the minute
  std::optional<Time> revoked_at;
};

struct CreatedApiKey {
  ApiKeyInfo info;
  std::string key;  ///< shown once; only its hash is kept
};

class ApiKeyService {
 public:
  explicit ApiKeyService(detail::AuthCore& core) : core_(core) {}

  /// not_found when `pipeline_id` names no pipeline of the workspace.
  Result<CreatedApiKey> create(const Caller& caller, std::string name, ApiKeyScope scope,
                               std::optional<std::string> pipeline_id = std::nullopt);
  /// Newest first, revoked ones included.
  Result<std::vector<ApiKeyInfo>> list(const Caller& caller);
  Result<ApiKeyInfo> revoke(const Caller& caller, std::string_view id);

 private:
  detail::AuthCore& core_;
};

}  // namespace weft::auth
