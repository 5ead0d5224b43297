#pragma once
// The JSON types of a pipeline document's fields (docs/pipelines.md), checked
// before a document is saved. A document of the wrong shape is refused as a
// whole; one of the right shape is saved even with problems (a draft), and
// the validator reports those.

#include "common/json.hpp"
#include "common/problem.hpp"

namespace weft::pipeline {

/// Every field whose JSON type is not the documented one, each with its
/// pointer: `nodes` and `edges` must be arrays of objects, `name` a string,
/// `position.x` a number, a handle a string or null, and so on. Unknown keys
/// and values out of range are not shape problems. At most `max_problems`.
Problems check_document_shape(const json::object& doc, std::size_t max_problems = 200);

}  // namespace weft::pipeline
