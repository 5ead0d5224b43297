#pragma once
// Typed, strict access to the members of one JSON object, recording a
// Problem (with its JSON Pointer) for every unknown key or wrong type.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/problem.hpp"

namespace weft::pipeline {

class ObjectReader {
 public:
  ObjectReader(const json::object& object, std::string pointer, Problems& problems)
      : object_(object), pointer_(std::move(pointer)), problems_(problems) {}

  /// Records a problem for every key not in `allowed`, suggesting the
  /// closest; past kMaxUnknownKeys, one problem counts the rest.
  void only(std::initializer_list<std::string_view> allowed);
  static constexpr std::size_t kMaxUnknownKeys = 20;

  std::optional<std::string> string(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> number(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  const json::object* object(std::string_view key);
  const json::array* array(std::string_view key);

  /// Pointer of member `key`.
  std::string at(std::string_view key) const { return pointer_join(pointer_, key); }
  const std::string& pointer() const { return pointer_; }
  void problem(std::string_view key, std::string message);

 private:
  const json::value* member(std::string_view key, std::string_view expected,
                            bool (*fits)(const json::value&));
  const json::object& object_;
  std::string pointer_;
  Problems& problems_;
};

}  // namespace weft::pipeline
