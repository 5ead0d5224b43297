#include "api/server_settings.hpp"

#include <sodium.h>

#include <array>

#include "common/text.hpp"

namespace weft::api {
namespace {

constexpr std::size_t kMinTokenLength = 16;
constexpr std::size_t kMaxTokenLength = 200;

std::string digest(std::string_view token) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> out{};
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

std::string to_hex(std::string_view bytes) {
  std::string hex(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  hex.pop_back();
  return hex;
}

std::string from_hex(std::string_view hex) {
  std::string bytes(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0) {
    return "";
  }
  bytes.resize(length);
  return bytes;
}

bool same(std::string_view a, std::string_view b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Error bad(std::string message, std::string pointer) {
  Error error = Error::make(ErrorCode::invalid_argument, std::move(message));
  error.pointer = std::move(pointer);
  return error;
}

}  // namespace

ServerSettings::ServerSettings(store::Store& store, auth::AccountService& accounts)
    : store_(store), accounts_(accounts) {}

Status ServerSettings::load(std::optional<std::string> env_token) {
  {
    std::lock_guard lock(mutex_);
    env_digest_ = env_token && !env_token->empty() ? digest(*env_token) : "";
  }
  auto stored = store_.get_setting(kServerSettingsKey);
  if (!stored) {
    return std::move(stored).error();
  }
  if (!*stored || !(*stored)->is_object()) {
    return Ok{};
  }
  const auto& object = (*stored)->get_object();
  if (const auto* signup = object.if_contains("allow_signup"); signup && signup->is_bool()) {
    accounts_.set_registration_open(signup->get_bool());
  }
  if (const auto* hex = object.if_contains("metrics_token_sha256"); hex && hex->is_string()) {
    std::lock_guard lock(mutex_);
    stored_digest_ = from_hex(hex->get_string());
  }
  return Ok{};
}

json::object ServerSettings::to_json() const {
  std::lock_guard lock(mutex_);
  return {{"allow_signup", accounts_.registration_open()},
          {"metrics_token_set", !stored_digest_.empty() || !env_digest_.empty()}};
}

Status ServerSettings::put(const json::object& body) {
  std::optional<bool> signup;
  std::optional<std::string> token_digest;
  for (const auto& [key, value] : body) {
    if (key == "allow_signup") {
      if (!value.is_bool()) {
        return bad("`allow_signup` is true or false", "/allow_signup");
      }
      signup = value.get_bool();
    } else if (key == "metrics_token") {
      if (value.is_null()) {
        token_digest = "";
        continue;
      }
      if (!value.is_string() || utf8_length(value.get_string()) < kMinTokenLength ||
          utf8_length(value.get_string()) > kMaxTokenLength) {
        return bad("`metrics_token` is 16 to 200 characters, or null to remove it",
                   "/metrics_token");
      }
      token_digest = digest(value.get_string());
    } else {
      return bad("`" + std::string(key) + "` is not a server setting (allow_signup, metrics_token)",
                 pointer_join("", key));
    }
  }
  std::string next_digest;
  {
    std::lock_guard lock(mutex_);
    next_digest = token_digest.value_or(stored_digest_);
  }
  const bool next_signup = signup.value_or(accounts_.registration_open());
  json::object stored{{"allow_signup", next_signup}};
  if (!next_digest.empty()) {
    stored["metrics_token_sha256"] = to_hex(next_digest);
  }
  if (auto saved = store_.put_setting(kServerSettingsKey, stored); !saved) {
    return saved;
  }
  accounts_.set_registration_open(next_signup);
  std::lock_guard lock(mutex_);
  stored_digest_ = std::move(next_digest);
  return Ok{};
}

bool ServerSettings::is_metrics_token(std::string_view token) const {
  if (token.empty()) {
    return false;
  }
  const std::string presented = digest(token);
  std::lock_guard lock(mutex_);
  return same(presented, stored_digest_) || same(presented, env_digest_);
}

}  // namespace weft::api
