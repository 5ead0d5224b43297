#include "auth/api_key_service.hpp"

#include "auth/api_key.hpp"
#include "auth/auth_core.hpp"
#include "common/ids.hpp"
#include "common/text.hpp"

namespace weft::auth {

namespace {

constexpr std::size_t kMaxNameChars = 200;
/// A new prefix is drawn when one is taken (1 in 10^12 per key).
constexpr int kPrefixAttempts = 3;

ApiKeyInfo key_info(const store::ApiKeyRecord& key) {
  ApiKeyInfo info;
  info.id = key.id;
  info.name = key.name;
  info.prefix = key.prefix;
  info.scope = parse_api_key_scope(key.scope).value_or(ApiKeyScope::run);
  info.pipeline_id = key.pipeline_id;
  info.created_by = key.created_by;
  info.created_at = key.created_at;
  info.last_used_at = key.last_used_at;
  info.revoked_at = key.revoked_at;
  return info;
}

Status may_manage(const Caller& caller) {
  if (!caller.may(Action::manage)) {
    return Error::make(ErrorCode::forbidden, "managing API keys needs the admin role");
  }
  return Ok{};
}

Status check_name(std::string_view name) {
  if (name.empty() || utf8_length(name) > kMaxNameChars) {
    return Error::make(ErrorCode::invalid_argument,
                       "an API key needs a name of 1 to 200 characters, to tell keys apart");
  }
  return Ok{};
}

}  // namespace

Result<CreatedApiKey> ApiKeyService::create(const Caller& caller, std::string name,
                                            ApiKeyScope scope,
                                            std::optional<std::string> pipeline_id) {
  for (const Status& check : {may_manage(caller), check_name(name)}) {
    if (!check) {
      return check.error();
    }
  }
  if (pipeline_id) {
    auto pipeline = core_.store.get_pipeline(caller.workspace_id, *pipeline_id);
    if (!pipeline) {
      return std::move(pipeline).error();
    }
  }
  store::ApiKeyRecord record;
  record.workspace_id = caller.workspace_id;
  record.id = new_id("key");
  record.name = std::move(name);
  record.created_by = caller.user_id;
  record.pipeline_id = std::move(pipeline_id);
  record.scope = std::string(to_string(scope));
  record.created_at = core_.now();
  for (int attempt = 1;; ++attempt) {
    GeneratedApiKey generated = generate_api_key();
    record.prefix = generated.prefix;
    record.secret_hash = generated.hash;
    auto stored = core_.db.insert_api_key(record);
    if (stored) {
      core_.audit.record(AuditEvent::by(caller, "api_key.created", stored->id,
                                        {{"name", stored->name}, {"scope", stored->scope}}));
      return CreatedApiKey{key_info(*stored), std::move(generated.key)};
    }
    if (stored.error().code != ErrorCode::conflict || attempt == kPrefixAttempts) {
      return std::move(stored).error();
    }
  }
}

Result<std::vector<ApiKeyInfo>> ApiKeyService::list(const Caller& caller) {
  if (auto allowed = may_manage(caller); !allowed) {
    return std::move(allowed).error();
  }
  auto keys = core_.db.list_api_keys(caller.workspace_id);
  if (!keys) {
    return std::move(keys).error();
  }
  std::vector<ApiKeyInfo> out;
  out.reserve(keys->size());
  for (const auto& key : *keys) {
    out.push_back(key_info(key));
  }
  return out;
}

Result<ApiKeyInfo> ApiKeyService::revoke(const Caller& caller, std::string_view id) {
  if (auto allowed = may_manage(caller); !allowed) {
    return std::move(allowed).error();
  }
  auto revoked = core_.db.revoke_api_key(caller.workspace_id, id, core_.now());
  if (!revoked) {
    return std::move(revoked).error();
  }
  core_.callers.forget_all();
  core_.audit.record(
      AuditEvent::by(caller, "api_key.revoked", std::string(id), {{"name", revoked->name}}));
  return key_info(*revoked);
}

}  // namespace weft::auth
