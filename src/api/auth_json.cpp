#include "api/auth_json.hpp"

#include "api/records.hpp"

namespace weft::api {
namespace {

json::value time_or_null(const std::optional<store::Time>& time) {
  return time ? json::value(format_time(*time)) : json::value(nullptr);
}

json::value string_or_null(const std::optional<std::string>& text) {
  return text ? json::value(*text) : json::value(nullptr);
}

Error field_error(std::string message, std::string_view name) {
  Error error = Error::make(ErrorCode::invalid_argument, std::move(message));
  error.pointer = pointer_join("", name);
  return error;
}

}  // namespace

json::object to_json(const auth::UserInfo& user) {
  return {{"id", user.id},
          {"email", user.email},
          {"name", user.name},
          {"created_at", format_time(user.created_at)},
          {"server_admin", user.server_admin}};
}

json::object to_json(const auth::WorkspaceInfo& workspace) {
  return {
      {"id", workspace.id}, {"name", workspace.name}, {"role", auth::to_string(workspace.role)}};
}

json::object to_json(const auth::Session& session) {
  const auto now = std::chrono::system_clock::now();
  return {
      {"token_type", "Bearer"},
      {"access_token", session.access_token},
      {"expires_at", format_time(session.access_expires_at)},
      {"expires_in",
       std::chrono::duration_cast<std::chrono::seconds>(session.access_expires_at - now).count()},
      {"refresh_token", session.refresh_token},
      {"refresh_expires_at", format_time(session.refresh_expires_at)},
      {"user", to_json(session.user)},
      {"workspace", to_json(session.workspace)}};
}

json::object to_json(const auth::Me& me) {
  json::array workspaces;
  for (const auto& workspace : me.workspaces) {
    workspaces.push_back(to_json(workspace));
  }
  return {{"user", to_json(me.user)},
          {"workspace", to_json(me.workspace)},
          {"workspaces", std::move(workspaces)},
          {"api_key_id", string_or_null(me.api_key_id)}};
}

json::object to_json(const auth::MemberInfo& member) {
  return {{"user_id", member.user_id},
          {"email", member.email},
          {"name", member.name},
          {"role", auth::to_string(member.role)},
          {"joined_at", format_time(member.joined_at)}};
}

json::object to_json(const auth::InviteInfo& invite) {
  return {{"id", invite.id},
          {"workspace_id", invite.workspace_id},
          {"workspace_name", invite.workspace_name},
          {"role", auth::to_string(invite.role)},
          {"email", string_or_null(invite.email)},
          {"created_at", format_time(invite.created_at)},
          {"expires_at", format_time(invite.expires_at)}};
}

json::object to_json(const auth::Invitation& invitation) {
  return {{"id", invitation.id},
          {"workspace_id", invitation.workspace_id},
          {"workspace_name", invitation.workspace_name},
          {"role", auth::to_string(invitation.role)},
          {"invited_by", invitation.invited_by},
          {"created_at", format_time(invitation.created_at)},
          {"expires_at", format_time(invitation.expires_at)}};
}

json::object to_json(const auth::ApiKeyInfo& key) {
  return {{"id", key.id},
          {"name", key.name},
          {"prefix", key.prefix},
          {"scope", auth::to_string(key.scope)},
          {"pipeline_id", string_or_null(key.pipeline_id)},
          {"created_by", key.created_by},
          {"created_at", format_time(key.created_at)},
          {"last_used_at", time_or_null(key.last_used_at)},
          {"revoked_at", time_or_null(key.revoked_at)}};
}

json::object to_json(const auth::CredentialInfo& credential) {
  json::array fields;
  for (const auto& field : credential.fields) {
    fields.emplace_back(field);
  }
  return {{"id", credential.id},
          {"name", credential.name},
          {"kind", credential.kind},
          {"fields", std::move(fields)},
          {"created_at", format_time(credential.created_at)},
          {"updated_at", format_time(credential.updated_at)}};
}

json::object to_json(const store::AuditRecord& entry) {
  return {{"id", entry.id},
          {"time", format_time(entry.created_at)},
          {"action", entry.action},
          {"actor_user_id", string_or_null(entry.actor_user_id)},
          {"actor_api_key_id", string_or_null(entry.actor_api_key_id)},
          {"target", string_or_null(entry.target)},
          {"remote", string_or_null(entry.remote)},
          {"details", entry.details}};
}

Result<std::optional<std::string>> string_field(const json::object& body, std::string_view name,
                                                bool required) {
  const auto* value = body.if_contains(name);
  if (value == nullptr || value->is_null()) {
    if (required) {
      return field_error("`" + std::string(name) + "` is required", name);
    }
    return std::optional<std::string>{};
  }
  if (!value->is_string()) {
    return field_error(
        "`" + std::string(name) + "` must be a string, not " + std::string(kind_name(*value)),
        name);
  }
  return std::optional<std::string>(std::string(value->get_string()));
}

Result<auth::Role> role_field(const json::object& body) {
  auto text = string_field(body, "role", true);
  if (!text) {
    return text.error();
  }
  auto role = auth::parse_role(**text);
  if (!role) {
    return field_error("`role` is one of owner, admin, editor, viewer", "role");
  }
  return *role;
}

}  // namespace weft::api
