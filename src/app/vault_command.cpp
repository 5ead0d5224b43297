// `weft vault rotate`: re-encrypts every credential under a new master key
// (see src/auth/key_rotation.hpp). Refused while `weft serve` uses the data
// directory (src/app/data_dir_lock.hpp).
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/data_dir_lock.hpp"
#include "auth/key_file.hpp"
#include "auth/key_rotation.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::app {

namespace {

constexpr std::string_view kNewKeyEnv = "WEFT_NEW_SECRET_KEY";

std::optional<std::string> env_value(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr || *value == '\0') {
    return std::nullopt;
  }
  return std::string(value);
}

int fail(const Error& error, std::string_view after = "") {
  std::cerr << "weft vault rotate: " << error.message << "\n" << after;
  return 1;
}

/// WEFT_SECRET_KEY: the new key is WEFT_NEW_SECRET_KEY, or made here and
/// printed before anything is committed, since it exists nowhere else.
int rotate_environment_key(store::AuthStore& store, const std::string& data, std::string current) {
  auto ring = auth::load_keys(data, std::move(current));
  if (!ring) {
    return fail(ring.error());
  }
  auth::MasterKey next = auth::MasterKey::generate(auth::KeySource::environment);
  if (auto given = env_value(kNewKeyEnv)) {
    auto parsed = auth::MasterKey::parse(*given, auth::KeySource::environment, kNewKeyEnv);
    if (!parsed) {
      return fail(parsed.error());
    }
    next = std::move(*parsed);
  } else {
    std::cout << next.encoded() << std::endl;
    std::cerr << "weft vault rotate: the new key is on stdout; keep it safe\n";
  }
  auto report = auth::reseal_all(store, *ring, next);
  if (!report) {
    return fail(report.error(),
                "nothing was changed: keep WEFT_SECRET_KEY as it is and discard the new key\n");
  }
  std::cerr << "weft vault rotate: re-encrypted " << report->credentials << " credentials (key "
            << report->old_key_id << " -> " << report->new_key_id
            << "). Set WEFT_SECRET_KEY to the new key before starting weft again: the old key "
               "no longer decrypts them.\n";
  return 0;
}

int rotate_key_file(store::AuthStore& store, const std::string& data) {
  const auto path = std::filesystem::path(data) / auth::kKeyFileName;
  if (!std::filesystem::exists(path)) {
    std::cerr << "weft vault rotate: there is no key file at " << path.string()
              << "; `weft serve` makes one on its first start (or set WEFT_SECRET_KEY)\n";
    return 1;
  }
  auto ring = auth::load_keys(data, std::nullopt);
  if (!ring) {
    return fail(ring.error());
  }
  auto report = auth::rotate_key_file(store, *ring, data);
  if (!report) {
    return fail(report.error());
  }
  std::cout << "re-encrypted " << report->credentials << " credentials (key " << report->old_key_id
            << " -> " << report->new_key_id << ")\n"
            << "the new key is in " << path.string()
            << "; back it up now: the old key no longer decrypts them\n";
  return 0;
}

}  // namespace

int vault_rotate_command(const std::string& data) {
  auto store = store::open_sqlite_store(data);
  if (!store) {
    return fail(store.error());
  }
  // A running server keeps the old key in memory and would seal new
  // credentials with it after the rotation: they would be lost.
  auto lock = DataDirLock::acquire(data, "weft vault rotate");
  if (!lock) {
    return fail(lock.error(), "nothing was changed\n");
  }
  if (auto current = env_value(auth::kSecretKeyEnv)) {
    return rotate_environment_key((*store)->auth(), data, std::move(*current));
  }
  return rotate_key_file((*store)->auth(), data);
}

}  // namespace weft::app
