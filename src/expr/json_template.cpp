// JsonTemplate: every string inside a JSON value is a template.

#include <variant>

#include "expr/expr.hpp"

namespace weft::expr {

/// One step from a value to a child: an array index or an object key.
using PathStep = std::variant<std::size_t, std::string>;

/// Where a template string sits in the shape, and the compiled template.
struct JsonTemplate::Slot {
  std::vector<PathStep> path;
  std::string pointer;
  Template text;
};

namespace {

// Calls `visit(string, path, pointer)` for every string in `value`, depth first.
template <class Visit>
Status for_each_string(const json::value& value, std::vector<PathStep>& path,
                       const std::string& pointer, Visit& visit) {
  if (value.is_string()) {
    return visit(value.get_string(), path, pointer);
  }
  if (value.is_array()) {
    const auto& array = value.get_array();
    for (std::size_t i = 0; i < array.size(); ++i) {
      path.emplace_back(i);
      auto status = for_each_string(array[i], path, pointer_join(pointer, i), visit);
      path.pop_back();
      if (!status) {
        return status;
      }
    }
  }
  if (value.is_object()) {
    for (const auto& entry : value.get_object()) {
      path.emplace_back(std::string(entry.key()));
      auto status = for_each_string(entry.value(), path, pointer_join(pointer, entry.key()), visit);
      path.pop_back();
      if (!status) {
        return status;
      }
    }
  }
  return Ok{};
}

json::value& locate(json::value& root, const std::vector<PathStep>& path) {
  json::value* at = &root;
  for (const PathStep& step : path) {
    if (const auto* index = std::get_if<std::size_t>(&step)) {
      at = &at->get_array()[*index];
    } else {
      at = &at->get_object()[std::get<std::string>(step)];
    }
  }
  return *at;
}

}  // namespace

Result<JsonTemplate> JsonTemplate::compile(const json::value& value, const Limits& limits) {
  JsonTemplate compiled;
  auto slots = std::make_shared<std::vector<Slot>>();
  auto visit = [&](std::string_view text, const std::vector<PathStep>& path,
                   const std::string& pointer) -> Status {
    auto tmpl = Template::compile(text, limits);
    if (!tmpl) {
      Error error = std::move(tmpl).error();
      error.pointer = pointer;
      return error;
    }
    if (tmpl->is_literal()) {
      return Ok{};
    }
    for (const Reference& reference : tmpl->references()) {
      compiled.references_.push_back(reference);
    }
    slots->push_back(Slot{path, pointer, std::move(tmpl).value()});
    return Ok{};
  };
  std::vector<PathStep> path;
  if (auto status = for_each_string(value, path, "", visit); !status) {
    return std::move(status).error();
  }
  compiled.shape_ = value;
  compiled.slots_ = std::move(slots);
  return compiled;
}

Result<json::value> JsonTemplate::render(const Scope& scope) const {
  json::value out = shape_;
  if (!slots_) {
    return out;
  }
  for (const Slot& slot : *slots_) {
    auto rendered = slot.text.render(scope);
    if (!rendered) {
      Error error = std::move(rendered).error();
      error.pointer = slot.pointer;
      return error;
    }
    locate(out, slot.path) = std::move(rendered).value();
  }
  return out;
}

bool JsonTemplate::is_literal() const {
  return !slots_ || slots_->empty();
}

}  // namespace weft::expr
