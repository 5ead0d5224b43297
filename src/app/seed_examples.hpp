#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace weft::app {

/// Loads every pipeline file in `directory` into the default workspace;
/// returns how many were stored. Files that fail to load are skipped.
int seed_examples(store::Store& store, const std::string& directory);

/// The setting that records that a data directory has had its examples.
inline constexpr std::string_view kExamplesSeededSetting = "examples_seeded";

/// Seeds the examples once per data directory, whichever command created it
/// (`weft user create` may run before the first `weft serve`): the setting
/// kExamplesSeededSetting records that it was done. A directory an older Weft
/// used (pipelines or runs in the default workspace, and no setting) counts
/// as seeded already. Returns how many were stored now; nullopt when the
/// directory had been seeded.
Result<std::optional<int>> seed_examples_once(store::Store& store, const std::string& directory);

/// A directory of the source tree when none is given: the variable `env`,
/// then `relative` next to the binary's parent (the build tree), then
/// `relative` under the working directory. For `examples` and `web/dist`.
std::string default_source_dir(const char* argv0, const char* env, const char* relative);

}  // namespace weft::app
