#include "pipeline/config_bounds.hpp"

#include <vector>

namespace weft::pipeline {

std::optional<Problem> check_config_size(const json::object& config, const std::string& pointer,
                                         const DefinitionLimits& limits) {
  // Iterative, so a deep config costs no stack; only containers carry a pointer.
  struct Pending {
    const json::object* object = nullptr;
    const json::array* array = nullptr;
    std::string pointer;
  };
  std::vector<Pending> pending{{&config, nullptr, pointer}};
  std::size_t count = 0;
  auto too_many = [&] {
    return Problem{pointer, "holds more than " + std::to_string(limits.max_config_values) +
                                " keys and values; a block's config allows at most that many"};
  };
  // Counts one member; a container is queued with its pointer (built only for those).
  auto visit = [&](const json::value& value, const auto& child_pointer) {
    if (value.is_object()) {
      pending.push_back({&value.get_object(), nullptr, child_pointer()});
    } else if (value.is_array()) {
      pending.push_back({nullptr, &value.get_array(), child_pointer()});
    }
    return ++count <= limits.max_config_values;
  };
  while (!pending.empty()) {
    Pending next = std::move(pending.back());
    pending.pop_back();
    if (next.object != nullptr) {
      if (next.object->size() > limits.max_config_keys) {
        return Problem{next.pointer, "has " + std::to_string(next.object->size()) +
                                         " keys; a block's config allows at most " +
                                         std::to_string(limits.max_config_keys) + " per object"};
      }
      count += next.object->size();  // the keys
      for (const auto& entry : *next.object) {
        if (!visit(entry.value(), [&] { return pointer_join(next.pointer, entry.key()); })) {
          return too_many();
        }
      }
      continue;
    }
    for (std::size_t i = 0; i < next.array->size(); ++i) {
      if (!visit((*next.array)[i], [&] { return pointer_join(next.pointer, i); })) {
        return too_many();
      }
    }
  }
  return std::nullopt;
}

namespace {

// A `nodes` or `edges` list past its own limit is reported as such by the
// parser, which then does not read it; it is not counted here either, so
// that clearer problem is the one given.
bool skipped_by_parser(std::string_view key, const json::value& value,
                       const DefinitionLimits& limits) {
  const auto* array = value.if_array();
  return array != nullptr && ((key == "nodes" && array->size() > limits.max_nodes) ||
                              (key == "edges" && array->size() > limits.max_edges));
}

}  // namespace

std::optional<Problem> check_document_size(const json::value& doc, const DefinitionLimits& limits) {
  std::size_t count = 0;
  std::vector<const json::value*> pending;
  if (const auto* root = doc.if_object()) {
    for (const auto& entry : *root) {
      if (!skipped_by_parser(entry.key(), entry.value(), limits)) {
        pending.push_back(&entry.value());
      }
    }
    count += root->size();
  } else {
    pending.push_back(&doc);
  }
  while (!pending.empty()) {
    const json::value* next = pending.back();
    pending.pop_back();
    if (const auto* object = next->if_object()) {
      count += object->size();  // the keys
      for (const auto& entry : *object) {
        pending.push_back(&entry.value());
      }
    } else if (const auto* array = next->if_array()) {
      for (const auto& element : *array) {
        pending.push_back(&element);
      }
    }
    if (++count > limits.max_document_values) {
      return Problem{"", "the pipeline holds more than " +
                             std::to_string(limits.max_document_values) +
                             " keys and values; a pipeline may hold at most that many"};
    }
  }
  return std::nullopt;
}

}  // namespace weft::pipeline
