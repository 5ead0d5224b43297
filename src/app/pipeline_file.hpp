#pragma once
// Reading a pipeline file from disk into a compiled pipeline.

#include <memory>
#include <string>

#include "common/problem.hpp"
#include "pipeline/compiled.hpp"
#include "pipeline/node_kind.hpp"

namespace weft::app {

struct LoadedPipeline {
  std::shared_ptr<const pipeline::CompiledGraph> pipeline;  ///< null when there are problems
  Problems problems;  ///< pointer "" with the I/O or JSON error when the file could not be read
};

/// Reads, parses (with size and depth limits) and validates `path`.
LoadedPipeline load_pipeline_file(const std::string& path, const pipeline::TypeCatalog& catalog);

/// Reads a whole file, up to `max_bytes`; an error names the path and cause.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes);

}  // namespace weft::app
