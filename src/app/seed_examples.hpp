#pragma once

#include <string>

#include "store/store.hpp"

namespace weft::app {

/// Loads every pipeline file in `directory` into the default workspace;
/// returns how many were stored. Files that fail to load are skipped.
int seed_examples(store::Store& store, const std::string& directory);

/// Where the examples are when no directory is given: WEFT_EXAMPLES, then
/// `examples/` next to the binary's parent (the build tree), then ./examples.
std::string default_examples_dir(const char* argv0);

}  // namespace weft::app
