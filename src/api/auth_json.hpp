#pragma once
// The JSON the account routes answer with. Nothing here can carry a secret
// other than the tokens a session hands to the person who logged in.

#include "auth/auth.hpp"
#include "common/json.hpp"

namespace weft::api {

json::object to_json(const auth::Session& session);
json::object to_json(const auth::UserInfo& user);
json::object to_json(const auth::WorkspaceInfo& workspace);
json::object to_json(const auth::Me& me);
json::object to_json(const auth::MemberInfo& member);
json::object to_json(const auth::InviteInfo& invite);
json::object to_json(const auth::ApiKeyInfo& key);
json::object to_json(const auth::CredentialInfo& credential);
json::object to_json(const store::AuditRecord& entry);

/// A string field of a request body: missing (nullopt, or an error naming it
/// when `required`), or a string; anything else is an error at `/name`.
Result<std::optional<std::string>> string_field(const json::object& body, std::string_view name,
                                                bool required);
/// The `role` field, required.
Result<auth::Role> role_field(const json::object& body);

}  // namespace weft::api
