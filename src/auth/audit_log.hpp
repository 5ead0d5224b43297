#pragma once
// The audit log: who did what to whom, per workspace. Services record their
// own events (logins and failures, members, invites, API keys, credentials,
// password changes); the HTTP layer may record more through record().
// Details never hold a secret: names and ids only.
//
// Recording is best effort: the change it describes is already committed,
// so a failed audit write is counted (write_failures()) rather than undoing it.

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "auth/caller.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::auth {

struct AuditEvent {
  std::string action;                       ///< "login.failed", "member.added", …
  std::optional<std::string> workspace_id;  ///< nullopt: no workspace (unknown email)
  std::optional<std::string> actor_user_id;
  std::optional<std::string> actor_api_key_id;
  std::optional<std::string> target;  ///< the id acted on
  std::string remote;
  json::object details;

  /// An event by `caller` in the caller's workspace.
  static AuditEvent by(const Caller& caller, std::string action,
                       std::optional<std::string> target = std::nullopt, json::object details = {});
};

class AuditLog {
 public:
  using Clock = std::function<store::Time()>;

  AuditLog(store::AuthStore& store, Clock clock) : store_(store), clock_(std::move(clock)) {}

  void record(AuditEvent event);
  /// The caller's workspace's entries with id < before_id (0: newest), newest
  /// first, at most `limit` (1..200). Needs Action::manage.
  Result<store::AuditPage> list(const Caller& caller, std::int64_t before_id, int limit);

  std::int64_t write_failures() const { return failures_.load(); }

 private:
  store::AuthStore& store_;
  Clock clock_;
  std::atomic<std::int64_t> failures_{0};
};

}  // namespace weft::auth
