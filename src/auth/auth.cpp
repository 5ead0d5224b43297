#include "auth/auth.hpp"

#include "auth/auth_core.hpp"

namespace weft::auth {

Result<std::unique_ptr<Auth>> Auth::create(store::Store& store, KeyRing keys, AuthOptions options) {
  auto signer = TokenSigner::create(keys.current.token_key(), options.tokens);
  if (!signer) {
    return std::move(signer).error();
  }
  auto core = std::make_unique<detail::AuthCore>(store, std::move(keys), std::move(options),
                                                 std::move(*signer));
  return std::unique_ptr<Auth>(new Auth(std::move(core)));
}

Auth::Auth(std::unique_ptr<detail::AuthCore> core)
    : core_(std::move(core)),
      accounts_(*core_),
      members_(*core_),
      invitations_(*core_),
      api_keys_(*core_),
      credentials_(*core_) {}

Auth::~Auth() = default;

AuditLog& Auth::audit() {
  return core_->audit;
}

bool Auth::has_real_secret_key() const {
  return core_->keys.current.is_real_secret();
}

const KeyRing& Auth::keys() const {
  return core_->keys;
}

Status Auth::check_keys() {
  auto counts = core_->db.count_by_key();
  if (!counts) {
    return std::move(counts).error();
  }
  std::int64_t unreadable = 0;
  std::string foreign;
  for (const auto& [key_id, count] : *counts) {
    const bool held = key_id == core_->keys.current.id() ||
                      (core_->keys.pending && key_id == core_->keys.pending->id());
    if (!held) {
      unreadable += count;
      foreign += (foreign.empty() ? "" : ", ") + key_id;
    }
  }
  if (unreadable == 0) {
    return Ok{};
  }
  return Error::make(ErrorCode::unavailable,
                     std::to_string(unreadable) +
                         " stored credentials were encrypted with another key (" + foreign +
                         ") than this server's (" + core_->keys.current.id() +
                         "); set WEFT_SECRET_KEY or restore secret.key to the key they were "
                         "made with");
}

Result<std::int64_t> Auth::prune(std::optional<std::chrono::hours> keep_audit) {
  const store::Time now = core_->now();
  std::optional<store::Time> audit_before;
  if (keep_audit) {
    audit_before = now - *keep_audit;
  }
  return core_->db.prune_auth(now, audit_before);
}

}  // namespace weft::auth
