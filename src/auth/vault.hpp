#pragma once
// The credential vault: XChaCha20-Poly1305 (libsodium, IETF construction)
// under a subkey of the master key, with a fresh random 192-bit nonce per
// seal. The associated data binds each ciphertext to its workspace, its
// credential id and its kind, so a ciphertext copied onto another row (or
// into another workspace) does not open.
//
// Thread-safe: immutable after construction.

#include <string>
#include <string_view>
#include <vector>

#include "auth/master_key.hpp"
#include "auth/secret_bytes.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::auth {

/// Where a sealed secret belongs; part of the associated data.
struct SealedFor {
  std::string_view workspace;
  std::string_view credential_id;
  std::string_view kind;
};

class Vault {
 public:
  /// Seals with ring.current; opens with it or ring.pending.
  explicit Vault(const KeyRing& ring);
  /// Seals and opens with `key` only (rotation builds one per key).
  explicit Vault(const MasterKey& key);

  /// The sealed form of `plaintext` (base64url text for the store).
  store::SealedSecret seal(const SealedFor& owner, std::string_view plaintext) const;
  /// The plaintext; internal, saying why, when the key is unknown, the
  /// ciphertext was changed, or it belongs to another credential.
  Result<SecretBytes> open(const SealedFor& owner, const store::SealedSecret& sealed) const;

  /// The id of the key that seals.
  const std::string& key_id() const { return keys_.front().id; }

 private:
  struct Key {
    std::string id;
    SecretBytes key;
  };
  std::vector<Key> keys_;  ///< [0] seals; every one opens
};

}  // namespace weft::auth
