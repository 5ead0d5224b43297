#pragma once
// The seam between a request body and a run's inputs, shared by every route
// that starts runs (the run endpoint, webhooks, forms).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api.hpp"

namespace weft::api {

enum class BodyKind { json, form, multipart, text };

struct BodyRules {
  std::vector<BodyKind> allowed{BodyKind::json, BodyKind::multipart};
  std::size_t max_files = 20;
  std::optional<std::string> text_input;
};

/// The run inputs a request carries: a JSON object as is; form-encoded
/// fields as strings; multipart fields as strings and file parts stored
/// (file values under their field name; a list when a name repeats); raw
/// text under `rules.text_input`. The kind is read from Content-Type but
/// only a kind in `rules.allowed` is accepted (415 otherwise); no field of
/// any body ever names a server path.
///
/// Multipart parts are streamed into the file store from the request's body
/// (which the server already read whole, within its body limit) in chunks,
/// on the caller's thread: the disk work blocks it for now.
Result<json::object> read_run_inputs(ApiContext& context, const Request& request,
                                     std::string_view workspace, const BodyRules& rules);

/// The kind a Content-Type names (none or empty: JSON); nullopt for any other.
std::optional<BodyKind> body_kind(std::string_view content_type);

}  // namespace weft::api
