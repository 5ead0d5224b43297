#include "pipeline/object_reader.hpp"

#include <algorithm>
#include <vector>

#include "expr/expr.hpp"

namespace weft::pipeline {

void ObjectReader::only(std::initializer_list<std::string_view> allowed) {
  std::vector<std::string> names(allowed.begin(), allowed.end());
  std::size_t unknown = 0;
  for (const auto& entry : object_) {
    const std::string_view key = entry.key();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      continue;
    }
    if (++unknown > kMaxUnknownKeys) {
      continue;  // counted, and summed up below
    }
    std::string message = "unknown key `" + std::string(key) + "`";
    if (auto guess = expr::closest_name(key, names); !guess.empty()) {
      message += "; did you mean `" + guess + "`?";
    }
    problems_.push_back({at(key), std::move(message)});
  }
  if (unknown > kMaxUnknownKeys) {
    problems_.push_back(
        {pointer_, "has " + std::to_string(unknown - kMaxUnknownKeys) + " more unknown keys"});
  }
}

const json::value* ObjectReader::member(std::string_view key, std::string_view expected,
                                        bool (*fits)(const json::value&)) {
  const json::value* value = object_.if_contains(key);
  if (value == nullptr) {
    return nullptr;
  }
  if (!fits(*value)) {
    problems_.push_back(
        {at(key), "must be " + std::string(expected) + ", not " + std::string(kind_name(*value))});
    return nullptr;
  }
  return value;
}

std::optional<std::string> ObjectReader::string(std::string_view key) {
  auto* value = member(key, "a string", [](const json::value& v) { return v.is_string(); });
  if (value == nullptr) {
    return std::nullopt;
  }
  return std::string(value->get_string());
}

std::optional<std::int64_t> ObjectReader::integer(std::string_view key, std::int64_t min,
                                                  std::int64_t max) {
  auto* value =
      member(key, "an integer", [](const json::value& v) { return v.is_int64() || v.is_uint64(); });
  if (value == nullptr) {
    return std::nullopt;
  }
  const bool too_big = value->is_uint64() && value->get_uint64() > static_cast<std::uint64_t>(max);
  const std::int64_t n = too_big ? max : value->to_number<std::int64_t>();
  if (too_big || n < min || n > max) {
    problems_.push_back(
        {at(key), "must be between " + std::to_string(min) + " and " + std::to_string(max)});
    return std::nullopt;
  }
  return n;
}

std::optional<double> ObjectReader::number(std::string_view key) {
  auto* value = member(key, "a number", [](const json::value& v) { return v.is_number(); });
  if (value == nullptr) {
    return std::nullopt;
  }
  return value->to_number<double>();
}

std::optional<bool> ObjectReader::boolean(std::string_view key) {
  auto* value = member(key, "true or false", [](const json::value& v) { return v.is_bool(); });
  if (value == nullptr) {
    return std::nullopt;
  }
  return value->get_bool();
}

const json::object* ObjectReader::object(std::string_view key) {
  auto* value = member(key, "an object", [](const json::value& v) { return v.is_object(); });
  return value == nullptr ? nullptr : &value->get_object();
}

const json::array* ObjectReader::array(std::string_view key) {
  auto* value = member(key, "an array", [](const json::value& v) { return v.is_array(); });
  return value == nullptr ? nullptr : &value->get_array();
}

void ObjectReader::problem(std::string_view key, std::string message) {
  problems_.push_back({at(key), std::move(message)});
}

}  // namespace weft::pipeline
