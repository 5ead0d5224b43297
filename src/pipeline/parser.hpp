#pragma once
// Strict reading of a pipeline document into a Definition: unknown keys,
// wrong types, bad ids and duplicate ids are problems, all reported at once.

#include <string_view>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "pipeline/model.hpp"

namespace weft::pipeline {

/// Reads the graph part (`nodes`, `edges`) of `doc` at `base` (a JSON Pointer)
/// into `out`. Used for whole pipelines and for the inline bodies of loops.
void parse_graph(const json::object& doc, std::string_view base, const DefinitionLimits& limits,
                 Definition& out, Problems& problems);

/// Reads a whole pipeline document. Problems are appended to `problems`; the
/// returned Definition holds whatever could be read, so later checks can run.
Definition parse_definition(const json::value& doc, Problems& problems,
                            const DefinitionLimits& limits = {});

/// True for `[A-Za-z0-9_-]+` within the length limit.
bool is_valid_id(std::string_view id, std::size_t max_length);

/// What a pipeline's id must match; said in errors and in docs/api.md.
inline constexpr std::string_view kPipelineIdPattern = "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$";

/// True when `id` matches kPipelineIdPattern and is not a word that a literal
/// route under /api/pipelines/ uses (`validate`), which the id would shadow.
bool is_valid_pipeline_id(std::string_view id);

}  // namespace weft::pipeline
