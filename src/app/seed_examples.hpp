#pragma once

#include <string>

#include "store/store.hpp"

namespace weft::app {

/// Loads every pipeline file in `directory` into the default workspace;
/// returns how many were stored. Files that fail to load are skipped.
int seed_examples(store::Store& store, const std::string& directory);

/// A directory of the source tree when none is given: the variable `env`,
/// then `relative` next to the binary's parent (the build tree), then
/// `relative` under the working directory. For `examples` and `web/dist`.
std::string default_source_dir(const char* argv0, const char* env, const char* relative);

}  // namespace weft::app
