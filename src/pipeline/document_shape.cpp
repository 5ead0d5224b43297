#include "pipeline/document_shape.hpp"

#include <cmath>
#include <initializer_list>
#include <string>

namespace weft::pipeline {
namespace {

enum class Type { string, integer, number, object, array, string_or_null };

struct Field {
  std::string_view key;
  Type type;
};

// The fields of docs/pipelines.md, by the object they belong to.
constexpr Field kDocument[] = {
    {"id", Type::string},       {"name", Type::string},     {"description", Type::string},
    {"version", Type::integer}, {"settings", Type::object}, {"variables", Type::object},
    {"pinned", Type::object},   {"nodes", Type::array},     {"edges", Type::array},
};
constexpr Field kSettings[] = {{"timeout_ms", Type::integer},
                               {"max_concurrency", Type::integer},
                               {"save_executions", Type::string},
                               {"run_concurrency", Type::integer},
                               {"priority", Type::integer},
                               {"error_pipeline", Type::string}};
constexpr Field kNode[] = {
    {"id", Type::string},     {"type", Type::string},        {"label", Type::string},
    {"config", Type::object}, {"version", Type::integer},    {"position", Type::object},
    {"retry", Type::object},  {"timeout_ms", Type::integer}, {"on_error", Type::string},
};
constexpr Field kPosition[] = {{"x", Type::number}, {"y", Type::number}};
constexpr Field kRetry[] = {{"max_attempts", Type::integer},
                            {"backoff_ms", Type::integer},
                            {"max_backoff_ms", Type::integer}};
constexpr Field kEdge[] = {
    {"id", Type::string},
    {"source", Type::string},
    {"target", Type::string},
    {"sourceHandle", Type::string_or_null},
    {"targetHandle", Type::string_or_null},
};

bool fits(const json::value& value, Type type) {
  switch (type) {
    case Type::string:
      return value.is_string();
    case Type::integer:  // 3.0 is an integer, as JSON Schema counts them
      return value.is_int64() || value.is_uint64() ||
             (value.is_double() && std::isfinite(value.get_double()) &&
              std::trunc(value.get_double()) == value.get_double());
    case Type::number:
      return value.is_number();
    case Type::object:
      return value.is_object();
    case Type::array:
      return value.is_array();
    case Type::string_or_null:
      return value.is_string() || value.is_null();
  }
  return false;
}

std::string_view type_name(Type type) {
  switch (type) {
    case Type::string:
      return "a string";
    case Type::integer:
      return "an integer";
    case Type::number:
      return "a number";
    case Type::object:
      return "an object";
    case Type::array:
      return "an array";
    case Type::string_or_null:
      return "a string or null";
  }
  return "?";
}

class ShapeCheck {
 public:
  ShapeCheck(Problems& problems, std::size_t max) : problems_(problems), max_(max) {}

  void document(const json::object& doc) {
    fields(doc, "", kDocument);
    object_of(doc, "settings", "", kSettings);
    for_each(doc, "nodes", "", [this](const json::object& node, const std::string& at) {
      fields(node, at, kNode);
      object_of(node, "position", at, kPosition);
      object_of(node, "retry", at, kRetry);
    });
    for_each(doc, "edges", "",
             [this](const json::object& edge, const std::string& at) { fields(edge, at, kEdge); });
    if (const auto* pinned = doc.if_contains("pinned"); pinned != nullptr && pinned->is_object()) {
      for (const auto& [id, output] : pinned->get_object()) {
        expect(output, Type::object, pointer_join("/pinned", id), "a pinned output");
      }
    }
  }

 private:
  bool full() const { return problems_.size() >= max_; }

  void expect(const json::value& value, Type type, std::string pointer, std::string_view what) {
    if (!full() && !fits(value, type)) {
      problems_.push_back({std::move(pointer), std::string(what) + " must be " +
                                                   std::string(type_name(type)) + ", not " +
                                                   std::string(kind_name(value))});
    }
  }

  template <std::size_t N>
  void fields(const json::object& object, const std::string& at, const Field (&known)[N]) {
    for (const Field& field : known) {
      if (const auto* value = object.if_contains(field.key)) {
        expect(*value, field.type, pointer_join(at, field.key), "`" + std::string(field.key) + "`");
      }
    }
  }

  template <std::size_t N>
  void object_of(const json::object& parent, std::string_view key, const std::string& at,
                 const Field (&known)[N]) {
    const auto* value = parent.if_contains(key);
    if (value != nullptr && value->is_object()) {
      fields(value->get_object(), pointer_join(at, key), known);
    }
  }

  /// Calls `each` with every element of array `key` that is an object; others are problems.
  template <class Each>
  void for_each(const json::object& parent, std::string_view key, const std::string& at,
                Each each) {
    const auto* value = parent.if_contains(key);
    if (value == nullptr || !value->is_array()) {
      return;
    }
    const auto& array = value->get_array();
    const std::string base = pointer_join(at, key);
    const std::string what = key == "nodes" ? "a node" : "an edge";
    for (std::size_t i = 0; i < array.size() && !full(); ++i) {
      const std::string pointer = pointer_join(base, i);
      if (!array[i].is_object()) {
        expect(array[i], Type::object, pointer, what);
        continue;
      }
      each(array[i].get_object(), pointer);
    }
  }

  Problems& problems_;
  std::size_t max_;
};

}  // namespace

Problems check_document_shape(const json::object& doc, std::size_t max_problems) {
  Problems problems;
  for (std::string_view key : {"nodes", "edges"}) {
    if (!doc.contains(key)) {
      problems.push_back({pointer_join("", key),
                          "`" + std::string(key) + "` is required (" +
                              (key == "nodes" ? "a list of blocks" : "a list of connections") +
                              ", may be empty)"});
    }
  }
  ShapeCheck(problems, max_problems).document(doc);
  return problems;
}

}  // namespace weft::pipeline
