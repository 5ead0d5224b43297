#include "pipeline/config_reader.hpp"

namespace weft::pipeline {

std::optional<std::string> ConfigReader::string(std::string_view key) const {
  const json::value* v = value(key);
  return v != nullptr && v->is_string() ? std::optional(std::string(v->get_string()))
                                        : std::nullopt;
}

std::optional<std::int64_t> ConfigReader::integer(std::string_view key) const {
  const json::value* v = value(key);
  if (v == nullptr || !(v->is_int64() || v->is_uint64() || v->is_double())) {
    return std::nullopt;
  }
  if (v->is_uint64() && v->get_uint64() > static_cast<std::uint64_t>(INT64_MAX)) {
    return INT64_MAX;
  }
  if (v->is_double()) {
    const double d = v->get_double();
    return d >= 9.2e18 ? INT64_MAX : d <= -9.2e18 ? INT64_MIN : static_cast<std::int64_t>(d);
  }
  return v->to_number<std::int64_t>();
}

std::optional<double> ConfigReader::number(std::string_view key) const {
  const json::value* v = value(key);
  return v != nullptr && v->is_number() ? std::optional(v->to_number<double>()) : std::nullopt;
}

std::optional<bool> ConfigReader::boolean(std::string_view key) const {
  const json::value* v = value(key);
  return v != nullptr && v->is_bool() ? std::optional(v->get_bool()) : std::nullopt;
}

void ConfigReader::check_references(const std::vector<expr::Reference>& refs,
                                    const std::string& pointer, std::size_t column_base) {
  for (const auto& ref : refs) {
    check_(ref, pointer, column_base);
  }
}

std::optional<expr::Template> ConfigReader::text_template_at(const json::value& text,
                                                             std::string_view sub_pointer) {
  const std::string pointer = pointer_ + std::string(sub_pointer);
  if (!text.is_string()) {
    problems_.push_back({pointer, "must be text, not " + std::string(kind_name(text))});
    return std::nullopt;
  }
  auto compiled = expr::Template::compile(text.get_string());
  if (!compiled) {
    problems_.push_back({pointer, compiled.error().message});
    return std::nullopt;
  }
  check_references(compiled->references(), pointer, 0);
  return std::move(compiled).value();
}

std::optional<expr::Template> ConfigReader::text_template(std::string_view key) {
  const json::value* v = value(key);
  if (v == nullptr) {
    return std::nullopt;
  }
  return text_template_at(*v, "/" + pointer_token(key));
}

std::optional<expr::Expression> ConfigReader::expression(std::string_view key) {
  auto text = string(key);
  if (!text) {
    return std::nullopt;
  }
  std::string_view source = *text;
  std::size_t column_base = 0;
  // `{{ expr }}` and bare `expr` mean the same here.
  const auto first = source.find_first_not_of(" \t\n");
  const auto last = source.find_last_not_of(" \t\n");
  if (first != std::string_view::npos && source.substr(first, 2) == "{{" && last >= first + 3 &&
      source.substr(last - 1, 2) == "}}") {
    column_base = first + 2;
    source = source.substr(first + 2, last - 1 - (first + 2));
  }
  auto compiled = expr::Expression::compile(source);
  if (!compiled) {
    problem(key, compiled.error().message);
    return std::nullopt;
  }
  check_references(compiled->references(), at(key), column_base);
  return std::move(compiled).value();
}

std::optional<expr::JsonTemplate> ConfigReader::json_template(std::string_view key) {
  const json::value* v = value(key);
  if (v == nullptr) {
    return std::nullopt;
  }
  auto compiled = expr::JsonTemplate::compile(*v);
  if (!compiled) {
    problems_.push_back({at(key) + compiled.error().pointer, compiled.error().message});
    return std::nullopt;
  }
  check_references(compiled->references(), at(key), 0);
  return std::move(compiled).value();
}

std::shared_ptr<const CompiledGraph> ConfigReader::subgraph(std::string_view key) {
  const json::value* v = value(key);
  if (v == nullptr || !v->is_object()) {
    problem(key, "must be an object with `nodes` and `edges`");
    return nullptr;
  }
  return subgraph_(v->get_object(), at(key));
}

void ConfigReader::problem(std::string_view key, std::string message) {
  problems_.push_back({at(key), std::move(message)});
}

}  // namespace weft::pipeline
