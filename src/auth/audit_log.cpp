#include "auth/audit_log.hpp"

namespace weft::auth {

AuditEvent AuditEvent::by(const Caller& caller, std::string action,
                          std::optional<std::string> target, json::object details) {
  AuditEvent event;
  event.action = std::move(action);
  event.workspace_id = caller.workspace_id;
  event.actor_user_id = caller.user_id;
  event.actor_api_key_id = caller.api_key_id;
  event.target = std::move(target);
  event.remote = caller.remote;
  event.details = std::move(details);
  return event;
}

void AuditLog::record(AuditEvent event) {
  store::AuditRecord record;
  record.workspace_id = std::move(event.workspace_id);
  record.created_at = clock_();
  record.actor_user_id = std::move(event.actor_user_id);
  record.actor_api_key_id = std::move(event.actor_api_key_id);
  record.action = std::move(event.action);
  record.target = std::move(event.target);
  if (!event.remote.empty()) {
    record.remote = std::move(event.remote);
  }
  if (!event.details.empty()) {
    record.details = std::move(event.details);
  }
  if (!store_.append_audit(std::move(record))) {
    failures_.fetch_add(1);
  }
}

Result<store::AuditPage> AuditLog::list(const Caller& caller, std::int64_t before_id, int limit) {
  if (!caller.may(Action::manage)) {
    return Error::make(ErrorCode::forbidden, "reading the audit log needs the admin role");
  }
  return store_.list_audit(caller.workspace_id, before_id, limit);
}

}  // namespace weft::auth
