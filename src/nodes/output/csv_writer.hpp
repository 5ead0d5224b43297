#pragma once
// CSV from a list of objects (RFC 4180): a header row from the union of the
// objects' keys in first-seen order, one row per object, CRLF line ends.

#include <string>

#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::nodes {

/// Cells: strings as they are, null and a missing key empty, anything else
/// as JSON; a cell holding `,`, `"`, CR or LF is quoted, its quotes doubled.
/// invalid_input when a row is not an object.
Result<std::string> write_csv(const json::array& rows);

}  // namespace weft::nodes
