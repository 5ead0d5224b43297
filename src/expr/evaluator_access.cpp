// Names and access (`a`, `nodes["x"]`, `a.b`, `a[0]`): the places where a
// value can be missing, and where "did you mean" suggestions come from.

#include "expr/errors.hpp"
#include "expr/evaluator_impl.hpp"
#include "expr/filters.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

bool is_identifier(std::string_view text) {
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) {
    return false;
  }
  for (const char c : text) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) {
      return false;
    }
  }
  return true;
}

// How a user would write access to `key` after `object`: `a.b` or `a["b c"]`.
std::string access_text(std::string_view object, std::string_view key) {
  if (is_identifier(key)) {
    return std::string(object) + "." + std::string(key);
  }
  return std::string(object) + "[\"" + std::string(key) + "\"]";
}

std::vector<std::string> keys_of(const json::object& object) {
  std::vector<std::string> keys;
  keys.reserve(object.size());
  for (const auto& entry : object) {
    keys.emplace_back(entry.key());
  }
  return keys;
}

}  // namespace

Result<Val> Evaluator::eval_name(const Node& node) {
  const json::value* value = context_.scope.find(node.text);
  if (value == nullptr) {
    return missing("unknown name " + quote(node.text) + " " + at_column(node.begin) +
                   did_you_mean(scope_suggestion(node.text)));
  }
  return Val::borrowed(*value);
}

Result<Val> Evaluator::eval_node_ref(const Node& node) {
  std::string_view id = node.text;
  Val key;
  if (!node.children.empty()) {
    auto evaluated = eval(*node.children[0]);
    if (!evaluated) {
      return evaluated;
    }
    key = std::move(evaluated).value();
    if (!key.get().is_string()) {
      return fail(expression_error(quote_span(node) + " " + at_column(node.begin) +
                                   ": a node id must be a string, got " +
                                   std::string(kind_name(key.get()))));
    }
    id = key.get().get_string();
  }
  const json::value* value = context_.scope.find_node(id);
  if (value == nullptr) {
    return missing("unknown node " + quote(id) + " " + at_column(node.begin) +
                   did_you_mean(scope_suggestion(id)));
  }
  return Val::borrowed(*value);
}

Result<Val> Evaluator::eval_member(const Node& node) {
  auto object = eval(*node.children[0]);
  if (!object) {
    return object;
  }
  return field(node, std::move(object).value(), node.text);
}

Result<Val> Evaluator::eval_index(const Node& node) {
  auto container = eval(*node.children[0]);
  if (!container) {
    return container;
  }
  auto key = eval(*node.children[1]);
  if (!key) {
    return key;
  }
  const json::value& target = container->get();
  if (target.is_object() && key->get().is_string()) {
    return field(node, std::move(container).value(), key->get().get_string());
  }
  if (target.is_array()) {
    return element(node, std::move(container).value(), key->get());
  }
  if (target.is_object()) {
    return fail(expression_error(quote_span(node) + " " + at_column(node.begin) +
                                 ": an object key must be a string, got " +
                                 std::string(kind_name(key->get()))));
  }
  return fail(not_container(node, target, "an array or object"));
}

// `object.key`: borrowed objects lend the field, owned ones give it up.
Result<Val> Evaluator::field(const Node& node, Val object, std::string_view key) {
  if (!object.get().is_object()) {
    return not_container(node, object.get(), "an object");
  }
  if (!object.is_owned()) {
    if (const json::value* value = object.get().get_object().if_contains(key)) {
      return Val::borrowed(*value);
    }
  } else if (json::value* value = object.owned_value().get_object().if_contains(key)) {
    return Val::owned(std::move(*value));
  }
  const std::string_view object_text = span(*node.children[0]);
  const std::string suggestion = closest_name(key, keys_of(object.get().get_object()));
  return missing(quote_span(node) + " " + at_column(node.begin) + ": " + quote(key) +
                 " is not a field of " + quote(object_text) +
                 (suggestion.empty() ? "" : did_you_mean(access_text(object_text, suggestion))));
}

Result<Val> Evaluator::element(const Node& node, Val array, const json::value& index) {
  const auto position = integer_of(index);
  if (!position) {
    return fail(expression_error(quote_span(node) + " " + at_column(node.begin) +
                                 ": an array index must be an integer, got " +
                                 std::string(kind_name(index))));
  }
  const auto size = static_cast<std::int64_t>(array.get().get_array().size());
  const std::int64_t at = *position < 0 ? *position + size : *position;
  if (at < 0 || at >= size) {
    return missing(quote_span(node) + " " + at_column(node.begin) + ": index " +
                   std::to_string(*position) + " is out of range; " +
                   quote(span(*node.children[0])) + " has " + std::to_string(size) +
                   (size == 1 ? " element" : " elements"));
  }
  const auto i = static_cast<std::size_t>(at);
  if (!array.is_owned()) {
    return Val::borrowed(array.get().get_array()[i]);
  }
  return Val::owned(std::move(array.owned_value().get_array()[i]));
}

Error Evaluator::not_container(const Node& node, const json::value& value,
                               std::string_view wanted) {
  std::string message = quote_span(node) + " " + at_column(node.begin) + ": " +
                        quote(span(*node.children[0])) + " is " + with_article(value);
  if (value.is_null()) {
    return missing(std::move(message));
  }
  message += ", not " + std::string(wanted);
  if (node.kind == NodeKind::member && node.text == "length" &&
      (value.is_array() || value.is_string())) {
    message += "; use `| length`";
  }
  return fail(expression_error(std::move(message)));
}

std::string Evaluator::scope_suggestion(std::string_view name) const {
  std::vector<std::string> names;
  context_.scope.for_each_name([&names](std::string_view known) { names.emplace_back(known); });
  return closest_name(name, names);
}

}  // namespace weft::expr
