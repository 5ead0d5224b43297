#pragma once
// Where the master key lives when WEFT_SECRET_KEY is not set: the key file
// `<data dir>/secret.key` (base64 text, mode 0600), created on first start.
//
// A vault key rotation (`weft vault rotate`) writes the new key to
// `secret.key.next` before it re-encrypts, and renames it over `secret.key`
// after the commit; a rotation cut short leaves both files, and both keys
// are loaded (the KeyRing), so every credential stays readable either way.

#include <optional>
#include <string>
#include <string_view>

#include "auth/master_key.hpp"
#include "common/result.hpp"

namespace weft::auth {

inline constexpr std::string_view kKeyFileName = "secret.key";
inline constexpr std::string_view kNextKeyFileName = "secret.key.next";

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
