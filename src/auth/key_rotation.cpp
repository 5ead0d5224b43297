#include "auth/key_rotation.hpp"

#include <cstdio>
#include <filesystem>

#include "auth/vault.hpp"

namespace weft::auth {

Result<RotationReport> reseal_all(store::AuthStore& store, const KeyRing& ring,
                                  const MasterKey& next) {
  const Vault old_vault(ring);
  const Vault new_vault(next);
  auto count = store.reseal_credentials(
      [&](const store::CredentialRecord& record) -> Result<store::SealedSecret> {
        const SealedFor owner{record.workspace_id, record.id, record.kind};
        auto plaintext = old_vault.open(owner, record.sealed);
        if (!plaintext) {
          return std::move(plaintext).error();
        }
        return new_vault.seal(owner, plaintext->view());
      });
  if (!count) {
    return std::move(count).error();
  }
  return RotationReport{*count, ring.current.id(), next.id()};
}

Result<RotationReport> rotate_key_file(store::AuthStore& store, const KeyRing& ring,
                                       const std::string& data_dir) {
  const std::filesystem::path dir(data_dir);
  const std::string current = (dir / kKeyFileName).string();
  const std::string next_path = (dir / kNextKeyFileName).string();
  // A rotation cut short left its key: finish with it, so that credentials
  // it may have sealed already stay readable.
  const bool resuming = ring.pending.has_value();
  MasterKey next = resuming ? ring.pending->copy() : MasterKey::generate(KeySource::key_file);
  if (!resuming) {
    if (auto written = write_key_file(next_path, next, false); !written) {
      return std::move(written).error();
    }
  }
  auto report = reseal_all(store, ring, next);
  if (!report) {
    // Rolled back: nothing is sealed with the new key, which may go.
    if (!resuming) {
      std::remove(next_path.c_str());
    }
    return report;
  }
  if (auto promoted = promote_key_file(next_path, current); !promoted) {
    Error error = std::move(promoted).error();
    error.message = "the credentials were re-encrypted with the key in `" + next_path +
                    "`, but making it the current key failed (" + error.message +
                    "); run `weft vault rotate` again, or rename it to `" + current + "` by hand";
    return error;
  }
  report->old_key_id = ring.current.id();
  return report;
}

}  // namespace weft::auth
