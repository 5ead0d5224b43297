// Filters on lists, objects and text alike: length, join, first, last, keys,
// slice, map, unique, sort.

#include <algorithm>
#include <unordered_map>

#include "expr/errors.hpp"
#include "expr/filters.hpp"
#include "expr/text.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

// Python-style bounds: negative counts from the end, out of range clamps.
std::size_t clamp_index(std::int64_t index, std::size_t size) {
  const auto n = static_cast<std::int64_t>(size);
  if (index < 0) {
    index += n;
  }
  return static_cast<std::size_t>(std::clamp<std::int64_t>(index, 0, n));
}

Result<json::value> edge_element(const json::value& input, bool first) {
  if (input.is_array()) {
    const auto& array = input.get_array();
    if (array.empty()) {
      return json::value(nullptr);
    }
    return first ? array.front() : array.back();
  }
  if (input.is_string()) {
    const std::string_view text = input.get_string();
    if (text.empty()) {
      return json::value(nullptr);
    }
    const std::size_t count = code_point_count(text);
    const std::size_t begin = first ? 0 : code_point_offset(text, count - 1);
    const std::size_t end = first ? code_point_offset(text, 1) : text.size();
    return json::value(json::string(text.substr(begin, end - begin)));
  }
  return expression_error(expects("an array or a string", input));
}

Status check_sortable(const json::array& array) {
  bool numbers = false;
  bool strings = false;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const json::value& element = array[i];
    numbers = numbers || to_number(element).has_value();
    strings = strings || element.is_string();
    if ((!to_number(element) && !element.is_string()) || (numbers && strings)) {
      return expression_error("can only sort numbers or strings, not a mix; element " +
                              std::to_string(i) + " is " + with_article(element));
    }
  }
  return Ok{};
}

}  // namespace

Result<json::value> filter_length(const json::value& input, const CallArgs&, const Limits&) {
  if (input.is_string()) {
    return json::value(static_cast<std::int64_t>(code_point_count(input.get_string())));
  }
  if (input.is_array()) {
    return json::value(static_cast<std::int64_t>(input.get_array().size()));
  }
  if (input.is_object()) {
    return json::value(static_cast<std::int64_t>(input.get_object().size()));
  }
  return expression_error(expects("a string, array or object", input));
}

Result<json::value> filter_join(const json::value& input, const CallArgs& args,
                                const Limits& limits) {
  if (!input.is_array()) {
    return expression_error(expects("an array", input));
  }
  if (args.count == 1 && !args[0].is_string()) {
    return expression_error("separator must be a string, got " + std::string(kind_name(args[0])));
  }
  const std::string_view separator = args.count == 1 ? std::string_view(args[0].get_string()) : "";
  const std::size_t cap = limits.max_output_bytes;
  std::string out;
  bool first = true;
  for (const auto& element : input.get_array()) {
    if (!first) {
      out += separator;
    }
    first = false;
    if (out.size() + estimate_size(element, cap) > cap + 2) {
      return output_too_large(limits);
    }
    append_text(out, element);
    if (out.size() > cap) {
      return output_too_large(limits);
    }
  }
  return json::value(json::string(out));
}

Result<json::value> filter_first(const json::value& input, const CallArgs&, const Limits&) {
  return edge_element(input, true);
}

Result<json::value> filter_last(const json::value& input, const CallArgs&, const Limits&) {
  return edge_element(input, false);
}

Result<json::value> filter_keys(const json::value& input, const CallArgs&, const Limits&) {
  if (!input.is_object()) {
    return expression_error(expects("an object", input));
  }
  json::array keys;
  keys.reserve(input.get_object().size());
  for (const auto& entry : input.get_object()) {
    keys.emplace_back(json::string(entry.key()));
  }
  return json::value(std::move(keys));
}

Result<json::value> filter_slice(const json::value& input, const CallArgs& args, const Limits&) {
  const auto start = integer_of(args[0]);
  const auto end = args.count == 2 ? integer_of(args[1]) : std::optional<std::int64_t>(INT64_MAX);
  if (!start || !end) {
    return expression_error("start and end must be integers");
  }
  if (input.is_array()) {
    const auto& array = input.get_array();
    const std::size_t from = clamp_index(*start, array.size());
    const std::size_t to = std::max(from, clamp_index(*end, array.size()));
    return json::value(json::array(array.begin() + from, array.begin() + to));
  }
  if (input.is_string()) {
    const std::string_view text = input.get_string();
    const std::size_t count = code_point_count(text);
    const std::size_t from = clamp_index(*start, count);
    const std::size_t to = std::max(from, clamp_index(*end, count));
    const std::size_t begin = code_point_offset(text, from);
    const std::size_t stop = code_point_offset(text, to);
    return json::value(json::string(text.substr(begin, stop - begin)));
  }
  return expression_error(expects("an array or a string", input));
}

Result<json::value> filter_map(const json::value& input, const CallArgs& args, const Limits&) {
  if (!input.is_array()) {
    return expression_error(expects("an array", input));
  }
  if (!args[0].is_string()) {
    return expression_error("field name must be a string, got " + std::string(kind_name(args[0])));
  }
  const std::string_view field = args[0].get_string();
  const auto& array = input.get_array();
  json::array out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (array[i].is_null()) {
      out.emplace_back(nullptr);
      continue;
    }
    if (!array[i].is_object()) {
      return expression_error("element " + std::to_string(i) + " is " + with_article(array[i]) +
                              ", not an object");
    }
    const json::value* value = array[i].get_object().if_contains(field);
    out.push_back(value != nullptr ? *value : json::value(nullptr));
  }
  return json::value(std::move(out));
}

// Keeps the first of equal elements; hashing keeps it linear on big lists.
Result<json::value> filter_unique(const json::value& input, const CallArgs&, const Limits&) {
  if (!input.is_array()) {
    return expression_error(expects("an array", input));
  }
  std::unordered_multimap<std::size_t, std::size_t> seen;  // hash -> index in `out`
  json::array out;
  for (const auto& element : input.get_array()) {
    const std::size_t hash = hash_value(element);
    const auto [begin, end] = seen.equal_range(hash);
    const bool duplicate = std::any_of(
        begin, end, [&](const auto& entry) { return deep_equal(out[entry.second], element); });
    if (!duplicate) {
      seen.emplace(hash, out.size());
      out.push_back(element);
    }
  }
  return json::value(std::move(out));
}

Result<json::value> filter_sort(const json::value& input, const CallArgs&, const Limits&) {
  if (!input.is_array()) {
    return expression_error(expects("an array", input));
  }
  if (auto sortable = check_sortable(input.get_array()); !sortable) {
    return std::move(sortable).error();
  }
  json::array out = input.get_array();
  std::stable_sort(out.begin(), out.end(), [](const json::value& a, const json::value& b) {
    return compare_values(a, b).value_or(0) < 0;
  });
  return json::value(std::move(out));
}

}  // namespace weft::expr
