#pragma once
// The JSON the account routes answer with. Nothing here can carry a secret
// other than the tokens a session hands to the person who logged in.

#include "api/http/message.hpp"
#include "auth/auth.hpp"
#include "common/json.hpp"

namespace weft::api {

json::object to_json(const auth::Session& session);
json::object to_json(const auth::UserInfo& user);
json::object to_json(const auth::WorkspaceInfo& workspace);
json::object to_json(const auth::Me& me);
json::object to_json(const auth::MemberInfo& member);
json::object to_json(const auth::InviteInfo& invite);
json::object to_json(const auth::Invitation& invitation);
json::object to_json(const auth::ApiKeyInfo& key);
json::object to_json(const auth::CredentialInfo& credential);
json::object to_json(const store::AuditRecord& entry);

/// 200 (or `status`) with the item as JSON, or the error's answer.
template <class T>
Response item_or_error(const Result<T>& result, int status = 200) {
  return result ? Response::json(status, to_json(*result)) : Response::from_error(result.error());
}

/// `{"items": [...]}`, or the error's answer.
template <class T>
Response items_or_error(const Result<std::vector<T>>& result) {
  if (!result) {
    return Response::from_error(result.error());
  }
  json::array items;
  for (const auto& item : *result) {
    items.push_back(to_json(item));
  }
  return Response::json(200, json::object{{"items", std::move(items)}});
}

/// A string field of a request body: missing (nullopt, or an error naming it
/// when `required`), or a string; anything else is an error at `/name`.
Result<std::optional<std::string>> string_field(const json::object& body, std::string_view name,
                                                bool required);
/// The `role` field, required.
Result<auth::Role> role_field(const json::object& body);

}  // namespace weft::api
