#pragma once
// Which run output, if any, is the HTTP answer of a run someone waits for:
// that of a block whose type shapes the response (output_response).

#include <optional>
#include <string>

#include "pipeline/compiled.hpp"

namespace weft::nodes {

/// The output name of the pipeline's response block; nullopt when it has none.
std::optional<std::string> response_output(const pipeline::CompiledGraph& graph);

}  // namespace weft::nodes
