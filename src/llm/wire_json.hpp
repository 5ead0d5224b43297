#pragma once
// Reading and writing the JSON of provider wire formats (internal to llm/).
// Servers differ in what they leave out, so readers take missing or
// mistyped fields as absent rather than failing.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "llm/provider.hpp"
#include "llm/provider_errors.hpp"

namespace weft::llm {

/// The string at `key`, or "" when absent or not a string.
std::string string_at(const json::object& object, std::string_view key);
/// The integer at `key`, or 0.
std::int64_t integer_at(const json::object& object, std::string_view key);
/// The object at `key`, or nullptr.
const json::object* object_at(const json::object& object, std::string_view key);

/// Parses a reply body that must be a JSON object.
Result<json::object> parse_reply(const CallFailure& failure, std::string_view body);

/// `[{"role": …, "content": …}, …]`
json::array messages_json(const std::vector<Message>& messages);

/// `{"model": …, "input": […]}`: an embedding request as both APIs take it.
json::object embed_body(const EmbedRequest& request);

/// A list of numbers as an embedding; false when it is not one.
bool read_vector(const json::value& value, std::vector<double>& out);

}  // namespace weft::llm
