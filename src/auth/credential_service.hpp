#pragma once
// Credentials of the caller's workspace. Values go in (create, update) and
// come out only through resolve(), for the engine, at the moment of use:
// everything the API shows is CredentialInfo — id, name, kind, times and the
// names of the fields that are set.
//
// Any member may list and read metadata (the credential picker); creating,
// changing and deleting need Action::manage. An update merges: a field left
// out keeps its value, a field set to null is removed; the kind is fixed.
// Thread-safe.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/caller.hpp"
#include "auth/credential_kinds.hpp"
#include "auth/session.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::auth {

namespace detail {
struct AuthCore;
}

struct CredentialInfo {
  std::string id;
  std::string name;
  std::string kind;
  std::vector<std::string> fields;  ///< names of the fields that are set
  std::optional<std::string> created_by;
  Time created_at;
  Time updated_at;
};

/// A credential opened for use. Keep it no longer than the call that needs it.
struct ResolvedCredential {
  std::string id;
  std::string kind;
  json::object data;
};

struct CredentialUpdate {
  std::optional<std::string> name;
  std::optional<json::object> data;  ///< merged into the stored data
};

class CredentialService {
 public:
  explicit CredentialService(detail::AuthCore& core) : core_(core) {}

  /// The declared kinds with their schemas (GET /api/credential-kinds).
  const CredentialKinds& kinds() const;

  Result<std::vector<CredentialInfo>> list(const Caller& caller);
  Result<CredentialInfo> get(const Caller& caller, std::string_view id);
  /// invalid_argument for an unknown kind or a bad name; invalid_input, with
  /// a JSON Pointer per problem in the message, when `data` does not match
  /// the kind's schema; conflict when the name is taken.
  Result<CredentialInfo> create(const Caller& caller, std::string name, std::string kind,
                                json::value data);
  Result<CredentialInfo> update(const Caller& caller, std::string_view id, CredentialUpdate update);
  Status remove(const Caller& caller, std::string_view id);

  /// The decrypted data of `id` in `workspace`, for the engine running a
  /// pipeline of that workspace. Never for an API response.
  Result<ResolvedCredential> resolve(std::string_view workspace, std::string_view id);

 private:
  /// The checked, sealed record for `data` (whose values are then wiped).
  Result<store::CredentialRecord> seal(store::CredentialRecord record, json::object data);
  /// The stored data of `record`, decrypted.
  Result<json::object> open(const store::CredentialRecord& record);

  detail::AuthCore& core_;
};

}  // namespace weft::auth
