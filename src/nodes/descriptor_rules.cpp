#include "nodes/descriptor_rules.hpp"

#include <algorithm>
#include <charconv>

namespace weft::nodes {
namespace {

std::string unescape(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

const json::value* step(const json::value& value, std::string_view token) {
  const std::string key = unescape(token);
  if (value.is_object()) {
    return value.get_object().if_contains(key);
  }
  if (!value.is_array() || (key.size() > 1 && key.front() == '0')) {
    return nullptr;  // RFC 6901: an index has no leading zero
  }
  std::size_t index = 0;
  const auto* end = key.data() + key.size();
  auto [last, ec] = std::from_chars(key.data(), end, index);
  const auto& array = value.get_array();
  return ec == std::errc{} && last == end && index < array.size() ? &array[index] : nullptr;
}

const json::value* string_at(const json::object& object, std::string_view pointer) {
  const json::value* found = find_at(object, pointer);
  return found != nullptr && found->is_string() ? found : nullptr;
}

void add_once(std::vector<std::string>& names, std::string name) {
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
    names.push_back(std::move(name));
  }
}

/// The config objects a rule reads: the config itself, or each object entry of its list.
std::vector<const json::object*> scopes(std::string_view each, const json::object& config) {
  if (each.empty()) {
    return {&config};
  }
  std::vector<const json::object*> out;
  const json::value* list = find_at(config, each);
  if (list != nullptr && list->is_array()) {
    for (const auto& entry : list->get_array()) {
      if (entry.is_object()) {
        out.push_back(&entry.get_object());
      }
    }
  }
  return out;
}

RunInput read_input(const RunInputRule& rule, const json::object& scope, std::string_view node_id) {
  RunInput input;
  const auto text = [&scope](std::string_view pointer) -> std::string {
    const json::value* found = string_at(scope, pointer);
    return found != nullptr ? std::string(found->get_string()) : "";
  };
  const auto flag = [&scope](std::string_view pointer, bool otherwise) {
    const json::value* found = find_at(scope, pointer);
    return found != nullptr && found->is_bool() ? found->get_bool() : otherwise;
  };
  input.name = text(rule.name_at);
  if (input.name.empty()) {
    input.name = std::string(node_id);
  }
  input.label = text(rule.label_at);
  if (input.label.empty()) {
    input.label = input.name;
  }
  input.description = text(rule.description_at);
  input.type = text(rule.type_at);
  if (input.type.empty()) {
    input.type = rule.type;
  }
  input.required = flag(rule.required_at, true);
  input.multiline = flag(rule.multiline_at, false);
  if (const json::value* d = find_at(scope, rule.default_at)) {
    input.default_value = *d;
  }
  if (const json::value* s = find_at(scope, rule.schema_at)) {
    input.schema = *s;
  }
  input.multiple = flag(rule.multiple_at, false);
  if (const json::value* list = find_at(scope, rule.accept_at); list && list->is_array()) {
    for (const auto& item : list->get_array()) {
      if (item.is_string()) {
        input.accept.emplace_back(item.get_string());
      }
    }
  }
  if (const json::value* max = find_at(scope, rule.max_bytes_at); max && max->is_int64()) {
    input.max_bytes = max->get_int64();
  }
  return input;
}

void put(json::object& out, std::string_view key, const std::string& value) {
  if (!value.empty()) {
    out[key] = value;
  }
}

}  // namespace

const json::value* find_at(const json::object& config, std::string_view pointer) {
  if (pointer.size() < 2 || pointer.front() != '/') {
    return nullptr;
  }
  pointer.remove_prefix(1);
  std::size_t slash = pointer.find('/');
  const json::value* current = config.if_contains(unescape(pointer.substr(0, slash)));
  while (current != nullptr && slash != std::string_view::npos) {
    pointer.remove_prefix(slash + 1);
    slash = pointer.find('/');
    current = step(*current, pointer.substr(0, slash));
  }
  return current;
}

std::vector<std::string> handles_of(const std::vector<HandleRule>& rules,
                                    const json::object& config) {
  std::vector<std::string> names;
  for (const auto& rule : rules) {
    if (!rule.name.empty()) {
      add_once(names, rule.name);
      continue;
    }
    for (const json::object* entry : scopes(rule.each, config)) {
      if (const json::value* name = string_at(*entry, rule.name_at)) {
        add_once(names, std::string(name->get_string()));
      }
    }
  }
  return names;
}

std::vector<std::string> chosen_handles(std::string_view chosen_at, const json::value& output) {
  if (!output.is_object()) {
    return {};
  }
  const json::value* chosen = find_at(output.get_object(), chosen_at);
  if (chosen == nullptr) {
    return {};
  }
  if (chosen->is_bool()) {
    return {chosen->get_bool() ? "true" : "false"};
  }
  if (chosen->is_string()) {
    return {std::string(chosen->get_string())};
  }
  std::vector<std::string> names;
  if (chosen->is_array()) {
    for (const auto& name : chosen->get_array()) {
      if (name.is_string()) {
        add_once(names, std::string(name.get_string()));
      }
    }
  }
  return names;
}

std::vector<RunInput> run_inputs_of(const std::vector<RunInputRule>& rules,
                                    const json::object& config, std::string_view node_id) {
  std::vector<RunInput> inputs;
  for (const auto& rule : rules) {
    for (const json::object* scope : scopes(rule.each, config)) {
      inputs.push_back(read_input(rule, *scope, node_id));
    }
  }
  return inputs;
}

json::array to_json(const std::vector<HandleRule>& rules) {
  json::array out;
  for (const auto& rule : rules) {
    json::object item;
    put(item, "name", rule.name);
    put(item, "each", rule.each);
    put(item, "name_at", rule.name_at);
    out.emplace_back(std::move(item));
  }
  return out;
}

json::array to_json(const std::vector<RunInputRule>& rules) {
  json::array out;
  for (const auto& rule : rules) {
    json::object item;
    put(item, "each", rule.each);
    put(item, "type", rule.type);
    put(item, "name_at", rule.name_at);
    put(item, "label_at", rule.label_at);
    put(item, "description_at", rule.description_at);
    put(item, "type_at", rule.type_at);
    put(item, "required_at", rule.required_at);
    put(item, "default_at", rule.default_at);
    put(item, "multiline_at", rule.multiline_at);
    put(item, "schema_at", rule.schema_at);
    put(item, "accept_at", rule.accept_at);
    put(item, "max_bytes_at", rule.max_bytes_at);
    put(item, "multiple_at", rule.multiple_at);
    out.emplace_back(std::move(item));
  }
  return out;
}

}  // namespace weft::nodes
