#pragma once
// The master secret: 32 random bytes that never enter the database, from
// WEFT_SECRET_KEY (64 hex digits or base64) or the key file (key_file.hpp).
// Subkeys are derived from it with libsodium's KDF (BLAKE2b), so the
// credential vault and the token signer never share a key. Key material is
// wiped from memory when freed (SecretBytes).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/secret_bytes.hpp"
#include "common/result.hpp"

namespace weft::auth {

inline constexpr std::string_view kSecretKeyEnv = "WEFT_SECRET_KEY";

enum class KeySource {
  environment,  ///< WEFT_SECRET_KEY
  key_file,     ///< <data dir>/secret.key (or .next), private to its owner
  ephemeral,    ///< made in memory for this process (tests, tools); dies with it
};

class MasterKey {
 public:
  static constexpr std::size_t kBytes = 32;

  /// Decodes 64 hex digits or base64 (standard or url-safe, padded or not)
  /// of exactly 32 bytes; surrounding whitespace is ignored. The error
  /// names `origin` ("WEFT_SECRET_KEY", a file path) and never the value.
  static Result<MasterKey> parse(std::string_view text, KeySource source, std::string_view origin);
  /// 32 new random bytes.
  static MasterKey generate(KeySource source = KeySource::ephemeral);

  MasterKey copy() const { return MasterKey(bytes_.copy(), source_); }

  /// A fingerprint naming this key (16 hex digits, derived: it reveals nothing of the key).
  const std::string& id() const { return id_; }
  KeySource source() const { return source_; }
  /// Whether the key is one an operator controls: from the environment or a
  /// private key file, not made up for this process. Scale-out servers must
  /// share one, so they refuse to start without it.
  bool is_real_secret() const { return source_ != KeySource::ephemeral; }

  /// The subkey that seals credentials.
  SecretBytes vault_key() const;
  /// The subkey that signs access tokens.
  SecretBytes token_key() const;
  /// Base64 (standard, padded), as the key file holds it and WEFT_SECRET_KEY takes it.
  std::string encoded() const;

 private:
  MasterKey(SecretBytes bytes, KeySource source);
  SecretBytes derive(std::uint64_t subkey_id, const char (&context)[9]) const;

  SecretBytes bytes_;
  KeySource source_;
  std::string id_;
};

/// The keys a process holds: the current one seals; a pending one (left by a
/// rotation cut short) only opens.
struct KeyRing {
  MasterKey current;
  std::optional<MasterKey> pending;
  bool created = false;  ///< the key file was created by this load
  std::string key_file;  ///< where it came from; "" for the environment
};

}  // namespace weft::auth
