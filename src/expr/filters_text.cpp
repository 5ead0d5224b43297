// Filters on text: upper, lower, trim, json, split, replace, truncate_tokens.

#include "expr/errors.hpp"
#include "expr/filters.hpp"
#include "expr/text.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// ASCII letters only: case mapping beyond ASCII depends on language.
Result<json::value> map_case(const json::value& input, bool to_upper) {
  if (!input.is_string()) {
    return expression_error(expects("a string", input));
  }
  json::string out = input.get_string();
  for (char& c : out) {
    if (to_upper && c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    } else if (!to_upper && c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return json::value(std::move(out));
}

// How many pieces splitting `text` at `separator` gives (code points when empty).
std::size_t count_pieces(std::string_view text, std::string_view separator) {
  if (separator.empty()) {
    return code_point_count(text);
  }
  std::size_t count = 1;
  for (std::size_t found = text.find(separator); found != std::string_view::npos;
       found = text.find(separator, found + separator.size())) {
    ++count;
  }
  return count;
}

// Calls `piece` with each piece of `text` split at `separator`; an empty
// separator splits into code points.
template <class Visit>
void for_each_piece(std::string_view text, std::string_view separator, Visit piece) {
  if (separator.empty()) {
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t next = i + code_point_offset(text.substr(i), 1);
      piece(text.substr(i, next - i));
      i = next;
    }
    return;
  }
  std::size_t start = 0;
  for (std::size_t found = text.find(separator); found != std::string_view::npos;
       found = text.find(separator, start)) {
    piece(text.substr(start, found - start));
    start = found + separator.size();
  }
  piece(text.substr(start));
}

}  // namespace

Result<json::value> filter_upper(const json::value& input, const CallArgs&, const Limits&) {
  return map_case(input, true);
}

Result<json::value> filter_lower(const json::value& input, const CallArgs&, const Limits&) {
  return map_case(input, false);
}

Result<json::value> filter_trim(const json::value& input, const CallArgs&, const Limits&) {
  if (!input.is_string()) {
    return expression_error(expects("a string", input));
  }
  std::string_view text = input.get_string();
  while (!text.empty() && is_space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && is_space(text.back())) {
    text.remove_suffix(1);
  }
  return json::value(json::string(text));
}

Result<json::value> filter_json(const json::value& input, const CallArgs&, const Limits& limits) {
  if (estimate_size(input, limits.max_output_bytes) > limits.max_output_bytes) {
    return output_too_large(limits);
  }
  std::string out;
  write_json(out, input);
  if (out.size() > limits.max_output_bytes) {
    return output_too_large(limits);
  }
  return json::value(json::string(out));
}

Result<json::value> filter_split(const json::value& input, const CallArgs& args,
                                 const Limits& limits) {
  if (!input.is_string()) {
    return expression_error(expects("a string", input));
  }
  if (!args[0].is_string()) {
    return expression_error("separator must be a string, got " + std::string(kind_name(args[0])));
  }
  const std::string_view text = input.get_string();
  const std::string_view separator = args[0].get_string();
  const std::size_t count = count_pieces(text, separator);
  // Each piece costs its quotes and a comma when written out.
  if (text.size() + 3 * count > limits.max_output_bytes) {
    return output_too_large(limits);
  }
  json::array out;
  out.reserve(count);
  for_each_piece(text, separator,
                 [&out](std::string_view piece) { out.emplace_back(json::string(piece)); });
  return json::value(std::move(out));
}

Result<json::value> filter_replace(const json::value& input, const CallArgs& args,
                                   const Limits& limits) {
  if (!input.is_string()) {
    return expression_error(expects("a string", input));
  }
  if (!args[0].is_string() || !args[1].is_string()) {
    return expression_error("expects two strings as arguments, got " +
                            std::string(kind_name(args[0])) + " and " +
                            std::string(kind_name(args[1])));
  }
  const std::string_view text = input.get_string();
  const std::string_view from = args[0].get_string();
  const std::string_view to = args[1].get_string();
  if (from.empty()) {
    return expression_error("cannot replace an empty string");
  }
  // Check the size before building: many short matches can grow the text a lot.
  const std::size_t replaced = count_pieces(text, from) - 1;
  if (text.size() - replaced * from.size() + replaced * to.size() > limits.max_output_bytes) {
    return output_too_large(limits);
  }
  json::string out;
  bool first = true;
  for_each_piece(text, from, [&](std::string_view piece) {
    if (!first) {
      out.append(to);
    }
    first = false;
    out.append(piece);
  });
  return json::value(std::move(out));
}

// Tokens are approximated by whitespace-separated words (see docs/expressions.md).
Result<json::value> filter_truncate_tokens(const json::value& input, const CallArgs& args,
                                           const Limits&) {
  if (!input.is_string()) {
    return expression_error(expects("a string", input));
  }
  const auto limit = integer_of(args[0]);
  if (!limit || *limit < 0) {
    return expression_error("the number of tokens must be a non-negative integer");
  }
  const std::string_view text = input.get_string();
  std::int64_t words = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) {
      ++i;
    }
    if (i == text.size()) {
      break;
    }
    if (words == *limit) {
      std::string_view kept = text.substr(0, i);
      while (!kept.empty() && is_space(kept.back())) {
        kept.remove_suffix(1);
      }
      return json::value(json::string(std::string(kept) + "…"));
    }
    ++words;
    while (i < text.size() && !is_space(text[i])) {
      ++i;
    }
  }
  return input;
}

}  // namespace weft::expr
