#pragma once
// Validation and compilation of a pipeline document in one pass: every
// problem of DESIGN §3 is reported at once, each with a JSON Pointer.

#include <memory>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "pipeline/compiled.hpp"
#include "pipeline/node_kind.hpp"

namespace weft::pipeline {

struct CompileOutcome {
  std::shared_ptr<const CompiledGraph> pipeline;  ///< null when there are problems
  Problems problems;
};

/// Validates `doc` against `catalog` and, when it is valid, compiles it.
CompileOutcome compile_pipeline(const json::value& doc, const TypeCatalog& catalog,
                                const DefinitionLimits& limits = {});

}  // namespace weft::pipeline
