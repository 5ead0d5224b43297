// AccountService::authenticate_bearer: what a bearer token stands for.
#include "auth/account_service.hpp"
#include "auth/api_key.hpp"
#include "auth/auth_core.hpp"

namespace weft::auth {

namespace {

Error refused(std::string message) {
  return Error::make(ErrorCode::unauthenticated, std::move(message));
}

}  // namespace

Result<Caller> AccountService::authenticate_bearer(std::string_view token,
                                                   std::string_view remote) {
  if (token.empty()) {
    return refused("sign in first: the request carries no token");
  }
  if (auto known = core_.callers.find(token, core_.now())) {
    known->remote = std::string(remote);
    return std::move(*known);
  }
  const CallerCache::Ticket ticket = core_.callers.ticket();
  if (!looks_like_api_key(token)) {
    // A forged access token cannot be guessed (it is signed), so it is not counted.
    return authenticate_access_token(token, remote, ticket);
  }
  // Checked before the key is looked at: once blocked, a right guess would
  // answer differently from a wrong one.
  const auto steady = std::chrono::steady_clock::now();
  if (auto wait = core_.token_limiter.blocked_for(remote, steady)) {
    return too_many_failures("API keys from this address", *wait);
  }
  auto caller = authenticate_api_key(token, remote, ticket);
  if (!caller && caller.error().code == ErrorCode::unauthenticated) {
    core_.token_limiter.record_failure(remote, steady);
  }
  return caller;
}

Result<Caller> AccountService::authenticate_access_token(std::string_view token,
                                                         std::string_view remote,
                                                         CallerCache::Ticket ticket) {
  auto claims = core_.signer.verify(token, core_.now());
  if (!claims) {
    return std::move(claims).error();
  }
  // The token says who; the membership, read now, says what they may do.
  auto membership = core_.db.get_membership(claims->workspace, claims->user_id);
  if (!membership) {
    if (membership.error().code == ErrorCode::not_found) {
      return refused("you are no longer a member of this workspace");
    }
    return std::move(membership).error();
  }
  if (claims->issued_at < membership->sessions_valid_after) {
    return refused("this session ended when the password changed; log in again");
  }
  Caller caller;
  caller.user_id = std::move(claims->user_id);
  caller.workspace_id = std::move(claims->workspace);
  caller.role = detail::role_of(*membership);
  caller.server_admin = membership->server_admin;
  caller.remote = std::string(remote);
  const store::Time now = core_.now();
  core_.callers.remember(ticket, token, caller, now,
                         store::Time{std::chrono::seconds{claims->expires_at}});
  return caller;
}

Result<Caller> AccountService::authenticate_api_key(std::string_view key, std::string_view remote,
                                                    CallerCache::Ticket ticket) {
  const auto prefix = api_key_prefix(key);
  if (!prefix) {
    return refused("the API key is malformed");
  }
  auto stored = core_.db.find_api_key(*prefix);
  if (!stored) {
    if (stored.error().code == ErrorCode::not_found) {
      return refused("the API key is not valid");
    }
    return std::move(stored).error();
  }
  // Same answer for a wrong secret as for an unknown prefix.
  if (!api_key_matches(key, stored->secret_hash)) {
    return refused("the API key is not valid");
  }
  if (stored->revoked_at) {
    return refused("the API key was revoked");
  }
  auto member = core_.db.get_membership(stored->workspace_id, stored->created_by);
  if (!member) {
    if (member.error().code == ErrorCode::not_found) {
      return refused("the API key's creator is no longer a member of its workspace");
    }
    return std::move(member).error();
  }
  const auto scope = parse_api_key_scope(stored->scope).value_or(ApiKeyScope::run);
  Caller caller;
  caller.user_id = stored->created_by;
  caller.workspace_id = stored->workspace_id;
  // A run key gets the least role, a full key its creator's, capped at editor.
  caller.role =
      scope == ApiKeyScope::run ? Role::viewer : std::min(detail::role_of(*member), Role::editor);
  caller.remote = std::string(remote);
  caller.api_key_id = stored->id;
  caller.api_key_scope = scope;
  caller.api_key_pipeline = stored->pipeline_id;

  const store::Time at = core_.now();
  if (!stored->last_used_at || at - *stored->last_used_at >= core_.options.api_key_touch_interval) {
    (void)core_.db.touch_api_key(stored->workspace_id, stored->id, at);  // best effort
  }
  core_.callers.remember(ticket, key, caller, at);
  return caller;
}

}  // namespace weft::auth
