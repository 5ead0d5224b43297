#include "llm/wire_json.hpp"

#include <algorithm>
#include <cstdint>

namespace weft::llm {

std::string string_at(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t integer_at(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  if (v == nullptr || !v->is_number()) {
    return 0;
  }
  if (v->is_int64()) {
    return v->get_int64();
  }
  if (v->is_uint64()) {
    return static_cast<std::int64_t>(std::min<std::uint64_t>(v->get_uint64(), INT64_MAX));
  }
  const double d = v->get_double();
  return d >= 9.2e18 ? INT64_MAX : d <= -9.2e18 ? INT64_MIN : static_cast<std::int64_t>(d);
}

const json::object* object_at(const json::object& object, std::string_view key) {
  const json::value* v = object.if_contains(key);
  return v != nullptr ? v->if_object() : nullptr;
}

Result<json::object> parse_reply(const CallFailure& failure, std::string_view body) {
  auto parsed = parse_json(body, JsonLimits{.max_bytes = 64 * 1024 * 1024, .max_depth = 64});
  if (!parsed) {
    return malformed_reply_error(failure, "not JSON: " + parsed.error().message);
  }
  if (!parsed->is_object()) {
    return malformed_reply_error(failure,
                                 "expected a JSON object, got " + std::string(kind_name(*parsed)));
  }
  return std::move(parsed->get_object());
}

json::array messages_json(const std::vector<Message>& messages) {
  json::array out;
  out.reserve(messages.size());
  for (const auto& m : messages) {
    out.push_back(json::object{{"role", m.role}, {"content", m.content}});
  }
  return out;
}

json::object embed_body(const EmbedRequest& request) {
  return {{"model", request.model},
          {"input", json::array(request.input.begin(), request.input.end())}};
}

bool read_vector(const json::value& value, std::vector<double>& out) {
  const json::array* numbers = value.if_array();
  if (numbers == nullptr) {
    return false;
  }
  out.clear();
  out.reserve(numbers->size());
  for (const auto& n : *numbers) {
    if (!n.is_number()) {
      return false;
    }
    out.push_back(n.to_number<double>());
  }
  return true;
}

}  // namespace weft::llm
