#pragma once
// `weft vault rotate`: re-encrypts every credential under a new master key,
// all or nothing (one transaction), then makes the new key the current one.
//
// Key file: the new key is written to secret.key.next (0600, synced) first,
// the credentials are re-sealed and committed, then secret.key.next is renamed
// over secret.key. A rotation cut short at any point leaves a state that
// load_keys() reads whole, and running the command again finishes it.
//
// WEFT_SECRET_KEY: the command shows the new key before it commits (it
// exists nowhere else); the operator then sets WEFT_SECRET_KEY to it.
//
// Run with the server stopped: a running server keeps sealing with the old key.

#include <cstdint>
#include <string>

#include "auth/key_file.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"

namespace weft::auth {

struct RotationReport {
  std::int64_t credentials = 0;  ///< re-encrypted
  std::string old_key_id;
  std::string new_key_id;
};

/// Re-seals every credential (opened with any key of `ring`) under `next`.
Result<RotationReport> reseal_all(store::AuthStore& store, const KeyRing& ring,
                                  const MasterKey& next);

/// The key-file rotation described above, in `data_dir`.
Result<RotationReport> rotate_key_file(store::AuthStore& store, const KeyRing& ring,
                                       const std::string& data_dir);

}  // namespace weft::auth
