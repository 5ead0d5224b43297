#pragma once
// Settings of the whole server that server admins change (DESIGN §10): open
// sign-up and the metrics token. Stored as the server setting
// `server.settings`; the metrics token only as its SHA-256 digest, so the
// answer never shows it and the database never holds it. The operator may
// also give one in WEFT_METRICS_TOKEN.
//
// Thread safety: `mutex_` guards the digests; sign-up lives in the account
// service (atomic there).

#include <mutex>
#include <optional>
#include <string>

#include "auth/auth.hpp"
#include "store/store.hpp"

namespace weft::api {

inline constexpr std::string_view kServerSettingsKey = "server.settings";
inline constexpr std::string_view kMetricsTokenEnv = "WEFT_METRICS_TOKEN";

class ServerSettings {
 public:
  ServerSettings(store::Store& store, auth::AccountService& accounts);

  /// Applies what was stored (at start); `env_token` is WEFT_METRICS_TOKEN.
  Status load(std::optional<std::string> env_token);
  /// `{"allow_signup", "metrics_token_set"}`.
  json::object to_json() const;
  /// Applies and stores `{"allow_signup"?: bool, "metrics_token"?: string | null}`.
  Status put(const json::object& body);
  /// Whether `token` is a metrics token (the stored one or the environment's).
  bool is_metrics_token(std::string_view token) const;

 private:
  store::Store& store_;
  auth::AccountService& accounts_;
  mutable std::mutex mutex_;  ///< guards the two digests
  std::string stored_digest_;
  std::string env_digest_;
};

}  // namespace weft::api
