#pragma once
// The master secret: 32 random bytes that never enter the database. It comes
// from WEFT_SECRET_KEY (64 hex digits or base64), or from the key file
// `<data dir>/secret.key` (base64 text, mode 0600), which is created on first
// start when neither exists. Subkeys are derived from it with libsodium's KDF
// (BLAKE2b), so the credential vault and the token signer never share a key.
//
// A vault key rotation (`weft vault rotate`) writes the new key to
// `secret.key.next` before it re-encrypts, and renames it over `secret.key`
// after the commit; a rotation cut short leaves both files, and both keys
// are loaded (the KeyRing), so every credential stays readable either way.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "auth/secret_bytes.hpp"
#include "common/result.hpp"

namespace weft::auth {

inline constexpr std::string_view kSecretKeyEnv = "WEFT_SECRET_KEY";
inline constexpr std::string_view kKeyFileName = "secret.key";
inline constexpr std::string_view kNextKeyFileName = "secret.key.next";

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

/// Loads the keys: from `env_value` (WEFT_SECRET_KEY) when it is set and not
/// empty, else from `<data_dir>/secret.key`, creating it (0600) when missing.
/// Refuses a key file that group or others may read, and a bad value.
Result<KeyRing> load_keys(const std::string& data_dir, std::optional<std::string> env_value);

/// Reads a key file, refusing one that group or others may read.
Result<MasterKey> read_key_file(const std::string& path);

/// Writes `key` to `path` with mode 0600 through a temporary file, synced,
/// then linked (`replace` false: fails with conflict when `path` exists) or
/// renamed over it (`replace` true), and syncs the directory.
Status write_key_file(const std::string& path, const MasterKey& key, bool replace);

/// Renames the key file `from` over `to` and syncs the directory.
Status promote_key_file(const std::string& from, const std::string& to);

}  // namespace weft::auth
