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

}  // namespace weft::pipeline
